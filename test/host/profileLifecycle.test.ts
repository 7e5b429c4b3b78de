/**
 * A Profile's life through Pulumi's dynamic-provider host against the emulator: create, a no-op
 * up that sends nothing, a rename as one PATCH {name}, drift corrected, a 409 without and with
 * `adopt`, and a delete the API refuses, shown as the API said it.
 */
import { providerText } from "../../src/dynamic/providerText";
import type { ProfileStore } from "../../src/emulator/resources/profiles/store";
import { type HostFixture, requestLines, startHostFixture } from "../support/hostFixture";

const PROFILE = { name: "team-netflix", __provider: providerText("profile") };

let f: HostFixture;

beforeAll(async () => {
  f = await startHostFixture({ example: false });
});

beforeEach(() => f.reset());

afterAll(() => f?.stop());

async function created() {
  const [step] = await f.engine.up([{ name: "profile", inputs: PROFILE }]);
  expect(step.kind).toBe("create");
  f.emulator.clearRequests();
  return f.engine.state.get("profile")!;
}

/** A profile made outside this stack (the dashboard, another stack). */
function existingProfile(name: string): string {
  const made = f.emulator.storeOf<ProfileStore>("profiles").create({ name });
  if (!made.ok) throw new Error(made.error.message);
  return made.value.id;
}

it("creates with one POST {name} and records the id and timestamps", async () => {
  await f.engine.up([{ name: "profile", inputs: PROFILE }]);
  expect(requestLines(f.emulator)).toEqual([
    { method: "POST", path: "/profiles", body: { name: "team-netflix" } },
  ]);
  const state = f.engine.state.get("profile")!;
  expect(state.id).toBe(f.emulator.objects("profiles")[0].id);
  const { __provider: text, ...outputs } = state.outputs;
  expect(text).toBe(providerText("profile"));
  expect(outputs).toEqual({ name: "team-netflix", createdAt: expect.any(String) });
});

it("a second up sends nothing; a rename is one PATCH {name}", async () => {
  const state = await created();
  expect((await f.engine.up([{ name: "profile", inputs: PROFILE }]))[0].kind).toBe("same");
  expect(f.emulator.requests()).toEqual([]);
  const [step] = await f.engine.up([{ name: "profile", inputs: { ...PROFILE, name: "team-2" } }]);
  expect(step).toMatchObject({ kind: "update", changes: ['~ name: "team-netflix" => "team-2"'] });
  expect(requestLines(f.emulator)).toEqual([
    { method: "PATCH", path: `/profiles/${state.id}`, body: { name: "team-2" } },
  ]);
});

it("a rename behind Pulumi's back shows on refresh and is renamed back", async () => {
  const state = await created();
  f.emulator.drift(state.id, { name: "renamed-elsewhere" }, "profiles");
  const [refresh] = await f.engine.refresh();
  expect(refresh.changes).toEqual(['~ name: "team-netflix" => "renamed-elsewhere"']);
  expect((await f.engine.preview("profile", PROFILE)).changes).toEqual([
    '~ name: "renamed-elsewhere" => "team-netflix"',
  ]);
  f.emulator.clearRequests();
  await f.engine.up([{ name: "profile", inputs: PROFILE }]);
  expect(requestLines(f.emulator)).toEqual([
    { method: "PATCH", path: `/profiles/${state.id}`, body: { name: "team-netflix" } },
  ]);
});

it("a 409 without adopt names the existing profile and how to adopt it", async () => {
  const existing = existingProfile("team-netflix");
  f.emulator.clearRequests();
  const err = await f.engine.up([{ name: "profile", inputs: PROFILE }]).catch((e) => e);
  expect(err.message).toContain(`already exists: ${existing}`);
  expect(err.message).toMatch(/adopt: true/);
  expect(err.message).toMatch(/another resource or stack/);
  expect(f.engine.state.size).toBe(0);
  expect(f.emulator.objects("profiles")).toHaveLength(1);
  expect(requestLines(f.emulator).filter((r) => r.method !== "GET")).toEqual([
    { method: "POST", path: "/profiles", body: { name: "team-netflix" } },
  ]);
});

it("with adopt: true the existing profile is taken over, nothing else is sent", async () => {
  const existing = existingProfile("team-netflix");
  f.emulator.clearRequests();
  await f.engine.up([{ name: "profile", inputs: { ...PROFILE, adopt: true } }]);
  const state = f.engine.state.get("profile")!;
  expect(state.id).toBe(existing);
  expect(state.outputs).toMatchObject({ name: "team-netflix", adopt: true });
  expect(requestLines(f.emulator).map((r) => `${r.method} ${r.path}`)).toEqual([
    "POST /profiles",
    "GET /profiles",
  ]);
  expect(f.emulator.objects("profiles")).toHaveLength(1);
  // adopt is the provider's own input: dropping it later is no change.
  expect((await f.engine.preview("profile", PROFILE)).kind).toBe("same");
});

it("a delete the API refuses (profile in use) shows the API's answer and keeps the state", async () => {
  const state = await created();
  f.emulator.injectFault({
    kind: "status",
    method: "DELETE",
    path: `/profiles/${state.id}`,
    status: 409,
    body: { code: "conflict", message: "profile is in use by auth connection ma_1" },
  });
  const err = await f.engine.destroy().catch((e) => e);
  expect(err.message).toMatch(/409 conflict: profile is in use by auth connection ma_1/);
  expect(f.engine.state.get("profile")?.id).toBe(state.id);
});

it("a new project replaces, creating first (the name does not collide across projects)", async () => {
  f.emulator.addProject({ id: "proj_prod", name: "prod" });
  f.emulator.addProject({ id: "proj_stage", name: "stage" });
  await f.engine.up([{ name: "profile", inputs: { ...PROFILE, project: "prod" } }]);
  const before = f.engine.state.get("profile")!;
  expect(before.outputs.project).toBe("prod");
  f.emulator.clearRequests();
  const [step] = await f.engine.up([{ name: "profile", inputs: { ...PROFILE, project: "stage" } }]);
  expect(step.diff).toEqual({ changes: "some", replaces: ["project"], deleteBeforeReplace: false });
  expect(f.emulator.requests().map((r) => `${r.method} ${r.path} ${r.project}`)).toEqual([
    `GET /profiles/${before.id} proj_stage`,
    "POST /profiles proj_stage",
    `DELETE /profiles/${before.id} proj_prod`,
  ]);
  expect(f.engine.state.get("profile")!.outputs.project).toBe("stage");
});
