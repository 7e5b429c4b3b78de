/**
 * A Project's life through Pulumi's dynamic-provider host against the emulator: create (the
 * POST, then the archive flag and the caps), a no-op up that sends nothing, a rename and an
 * archive as one PATCH, drift corrected, a 409 without and with `adopt`, the two deletes the
 * API refuses, and a Profile that lives in the project: created after it, deleted before it.
 * No request for a project carries a project header.
 */
import { typeToken } from "../../src/dynamic/engineKeys";
import { providerText } from "../../src/dynamic/providerText";
import type { ProjectStore } from "../../src/emulator/resources/projects/store";
import { placeholderId } from "../../src/host/engine";
import { type HostFixture, requestLines, startHostFixture } from "../support/hostFixture";

const TYPE = typeToken("Project");
const PROFILE_TYPE = typeToken("Profile");
const TEAM = { name: "team-a", __provider: providerText("project") };

let f: HostFixture;

beforeAll(async () => {
  f = await startHostFixture({ example: false });
});

beforeEach(() => f.reset());

afterAll(() => f?.stop());

const up = (inputs: Record<string, unknown>, name = "team") =>
  f.engine.up([{ name, inputs, type: TYPE }]);

async function created(inputs: Record<string, unknown> = TEAM) {
  const [step] = await up(inputs);
  expect(step.kind).toBe("create");
  f.emulator.clearRequests();
  return f.engine.state.get("team")!;
}

function projectStore() {
  return f.emulator.storeOf<ProjectStore>("projects");
}

it("creates with one POST {name}, sends no project header, and records the live project", async () => {
  await up(TEAM);
  expect(requestLines(f.emulator)).toEqual([
    { method: "POST", path: "/org/projects", body: { name: "team-a" } },
  ]);
  expect(f.emulator.requests()[0].projectHeaders).toBeUndefined();
  const state = f.engine.state.get("team")!;
  expect(f.emulator.projects().find((p) => p.name === "team-a")?.id).toBe(state.id);
  const { __provider: text, ...outputs } = state.outputs;
  expect(text).toBe(providerText("project"));
  expect(outputs).toEqual({
    name: "team-a",
    archived: false,
    status: "active",
    createdAt: expect.any(String),
    updatedAt: expect.any(String),
  });
});

it("creates archived with caps: the POST, one PATCH of the status, one PATCH of the caps", async () => {
  await up({
    ...TEAM,
    archived: true,
    limits: { maxConcurrentSessions: 5, maxConcurrentInvocations: 0 },
  });
  const state = f.engine.state.get("team")!;
  expect(requestLines(f.emulator)).toEqual([
    { method: "POST", path: "/org/projects", body: { name: "team-a" } },
    { method: "PATCH", path: `/org/projects/${state.id}`, body: { status: "archived" } },
    {
      method: "PATCH",
      path: `/org/projects/${state.id}/limits`,
      body: { max_concurrent_sessions: 5 },
    },
  ]);
  expect(state.outputs).toMatchObject({
    archived: true,
    status: "archived",
    limits: { maxConcurrentSessions: 5, maxConcurrentInvocations: 0 },
  });
  expect(projectStore().limits(state.id)).toMatchObject({
    value: { max_concurrent_sessions: 5, max_concurrent_invocations: null },
  });
  // Caps as the program wrote them are what the state says: nothing to do.
  f.emulator.clearRequests();
  const inputs = {
    ...TEAM,
    archived: true,
    limits: { maxConcurrentSessions: 5, maxConcurrentInvocations: 0 },
  };
  expect((await up(inputs))[0].kind).toBe("same");
  expect(f.emulator.requests()).toEqual([]);
});

it("a second up sends nothing; a rename and an archive are one PATCH", async () => {
  const state = await created();
  expect((await up(TEAM))[0].kind).toBe("same");
  expect(f.emulator.requests()).toEqual([]);
  const [step] = await up({ ...TEAM, name: "team-b", archived: true });
  expect(step).toMatchObject({ kind: "update" });
  expect(requestLines(f.emulator)).toEqual([
    {
      method: "PATCH",
      path: `/org/projects/${state.id}`,
      body: { name: "team-b", status: "archived" },
    },
  ]);
  // Dropping `archived: true` makes the project active again.
  f.emulator.clearRequests();
  await up({ ...TEAM, name: "team-b" });
  expect(requestLines(f.emulator)).toEqual([
    { method: "PATCH", path: `/org/projects/${state.id}`, body: { status: "active" } },
  ]);
});

it("a rename or an archive behind Pulumi's back shows on refresh and is put back", async () => {
  const state = await created();
  f.emulator.drift(state.id, { name: "renamed-elsewhere", status: "archived" }, "projects");
  const [refresh] = await f.engine.refresh();
  expect(refresh.changes).toEqual(
    expect.arrayContaining(['~ name: "team-a" => "renamed-elsewhere"']),
  );
  f.emulator.clearRequests();
  await up(TEAM);
  expect(requestLines(f.emulator)).toEqual([
    {
      method: "PATCH",
      path: `/org/projects/${state.id}`,
      body: { name: "team-a", status: "active" },
    },
  ]);
});

it("a 409 without adopt names the existing project; with adopt: true it is taken over", async () => {
  const existing = projectStore().create({ name: "team-a" });
  if (!existing.ok) throw new Error(existing.error.message);
  f.emulator.clearRequests();
  const err = await up(TEAM).catch((e) => e);
  expect(err.message).toContain(`already exists: ${existing.value.id}`);
  expect(err.message).toMatch(/adopt: true/);
  expect(f.engine.state.size).toBe(0);

  f.emulator.clearRequests();
  await up({ ...TEAM, adopt: true, limits: { maxConcurrentSessions: 3 } });
  const state = f.engine.state.get("team")!;
  expect(state.id).toBe(existing.value.id);
  expect(requestLines(f.emulator).map((r) => `${r.method} ${r.path}`)).toEqual([
    "POST /org/projects",
    "GET /org/projects",
    `PATCH /org/projects/${state.id}/limits`,
  ]);
  expect(state.outputs).toMatchObject({ adopt: true, limits: { maxConcurrentSessions: 3 } });
});

it("a delete of a project that holds an object fails, says why and keeps the state", async () => {
  const state = await created();
  await f.engine.up([
    { name: "team", inputs: TEAM, type: TYPE },
    {
      name: "profile",
      inputs: { name: "p", project: "team-a", __provider: providerText("profile") },
      type: PROFILE_TYPE,
    },
  ]);
  // Only the project goes (the profile left the program, but is still in the project).
  f.engine.state.delete("profile");
  const err = await f.engine.destroy().catch((e) => e);
  expect(err.message).toMatch(/409 project_not_empty/);
  expect(err.message).toMatch(/still holds objects .* Delete them first/);
  expect(f.emulator.projects().map((p) => p.id)).toContain(state.id);
});

it("a delete of the org's last active project fails, says why and keeps the state", async () => {
  const state = await created();
  projectStore().update("default", { status: "archived" });
  const err = await f.engine.destroy().catch((e) => e);
  expect(err.message).toMatch(/409 last_active_project/);
  expect(err.message).toMatch(/last active project, and the API keeps one/);
  expect(f.emulator.projects().map((p) => p.id)).toContain(state.id);
});

describe("a project and what it holds in one stack", () => {
  const profileIn = (project: string) => ({
    name: "team-profile",
    project,
    __provider: providerText("profile"),
  });

  it("creates the project first and the profile in it; destroy deletes the profile first", async () => {
    const steps = await f.engine.up([
      { name: "team", inputs: TEAM, type: TYPE },
      { name: "profile", inputs: profileIn("team-a"), type: PROFILE_TYPE },
    ]);
    expect(steps.map((s) => s.kind)).toEqual(["create", "create"]);
    const team = f.engine.state.get("team")!;
    const requests = f.emulator.requests();
    expect(requests.map((r) => `${r.method} ${r.path} ${r.project ?? "-"}`)).toEqual([
      "POST /org/projects -",
      `POST /profiles ${team.id}`,
    ]);
    f.emulator.clearRequests();
    await f.engine.destroy();
    const profile = f.emulator.requests()[0];
    expect(f.emulator.requests().map((r) => `${r.method} ${r.status}`)).toEqual([
      "DELETE 204",
      "DELETE 204",
    ]);
    expect(profile.path).toMatch(/^\/profiles\//);
    expect(f.emulator.projects().map((p) => p.name)).not.toContain("team-a");
  });

  it("takes the project's id as well as its name", async () => {
    await f.engine.up([
      { name: "team", inputs: TEAM, type: TYPE },
      { name: "profile", inputs: profileIn(placeholderId(TYPE, "team")), type: PROFILE_TYPE },
    ]);
    const team = f.engine.state.get("team")!;
    expect(f.engine.state.get("profile")!.outputs.project).toBe(team.id);
    expect(f.emulator.requests().at(-1)).toMatchObject({ path: "/profiles", project: team.id });
    await f.engine.destroy();
    expect(f.emulator.projects().map((p) => p.id)).not.toContain(team.id);
  });
});

it("a POST that acted but lost its answer is found by name and recorded, with its follow-ups", async () => {
  f.emulator.injectFault({ kind: "reset-after", method: "POST", path: "/org/projects" });
  await up({ ...TEAM, archived: true });
  const state = f.engine.state.get("team")!;
  expect(f.emulator.projects().filter((p) => p.name === "team-a")).toHaveLength(1);
  expect(requestLines(f.emulator).map((r) => `${r.method} ${r.path}`)).toEqual([
    "POST /org/projects",
    "GET /org/projects",
    `PATCH /org/projects/${state.id}`,
  ]);
  expect(state.outputs).toMatchObject({ name: "team-a", archived: true });
});

it("Project.get reads a project by id; a refresh of one deleted behind Pulumi's back drops it", async () => {
  const made = projectStore().create({ name: "elsewhere" });
  if (!made.ok) throw new Error(made.error.message);
  await f.engine.read(
    "existing",
    made.value.id,
    { __provider: providerText("project") },
    { type: TYPE },
  );
  expect(f.engine.state.get("existing")!.outputs).toMatchObject({
    name: "elsewhere",
    archived: false,
    status: "active",
  });
  const state = await created();
  f.emulator.deleteObject(state.id, "projects");
  const steps = await f.engine.refresh();
  expect(steps.find((s) => s.name === "team")?.kind).toBe("gone");
  expect(f.engine.state.has("team")).toBe(false);
});
