/**
 * `/org/projects` through HTTP (the OpenAPI document's schemas as the oracle): a project made by
 * the API is usable in `X-Kernel-Project` at once, rename and archive in place, the soft
 * delete's two refusals, the caps, the controls and a reset; and the official Node client,
 * @onkernel/sdk 0.84, used against it as against the API.
 */
import Kernel from "@onkernel/sdk";
import { type Emulator, startEmulator, validatorFor } from "../../src/emulator";
import { caller } from "./resourceClient";

const KEY = "sk_emulator_projects";
let emulator: Emulator;
const call = caller(() => emulator.url, KEY);

beforeEach(async () => {
  emulator = await startEmulator({ apiKey: KEY, projects: [{ id: "proj_seed", name: "seed" }] });
});

afterEach(() => emulator.close());

async function createProject(name: string) {
  const res = await call("POST", "/org/projects", { name });
  expect(res.status).toBe(200);
  expect(validatorFor("Project")(res.body)).toEqual([]);
  return res.body as { id: string; name: string; status: string };
}

describe("/org/projects", () => {
  it("creates a project that requests can name at once, by id or by name", async () => {
    const made = await createProject("team-a");
    expect(made).toMatchObject({ id: expect.stringMatching(/^proj_/), status: "active" });
    const profile = await call("POST", "/profiles", { name: "p" }, { project: "team-a" });
    expect(profile.status).toBe(200);
    expect((await call("GET", "/profiles/p", undefined, { project: made.id })).status).toBe(200);
    expect((await call("GET", "/profiles/p")).status).toBe(404);
    expect(emulator.projects().map((p) => p.name)).toEqual(["default", "seed", "team-a"]);
  });

  it("refuses a taken name (409 naming the existing id) and names the schema forbids", async () => {
    const made = await createProject("team-a");
    const again = await call("POST", "/org/projects", { name: "team-a" });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain(made.id);
    for (const name of ["", "a/b", "50%", "x".repeat(256)]) {
      expect((await call("POST", "/org/projects", { name })).status).toBe(400);
    }
    expect((await call("POST", "/org/projects", { name: "é".repeat(255) })).status).toBe(200);
  });

  it("renames and archives in place, by id or name; the old name no longer reaches it", async () => {
    const made = await createProject("team-a");
    const patched = await call("PATCH", "/org/projects/team-a", {
      name: "team-b",
      status: "archived",
    });
    expect(patched.body).toMatchObject({ id: made.id, name: "team-b", status: "archived" });
    expect((await call("GET", `/org/projects/${made.id}`)).body.name).toBe("team-b");
    expect((await call("GET", "/auth/context", undefined, { project: "team-a" })).body.code).toBe(
      "project_not_found",
    );
    expect((await call("PATCH", "/org/projects/team-b", { status: "gone" })).status).toBe(400);
  });

  it("deletes an empty project; refuses one that holds an object and the last active one", async () => {
    const made = await createProject("team-a");
    await call(
      "POST",
      "/credentials",
      {
        name: "c",
        domain: "example.com",
        values: { username: "u" },
      },
      { project: "team-a" },
    );
    const full = await call("DELETE", "/org/projects/team-a");
    expect(full).toMatchObject({ status: 409, body: { code: "project_not_empty" } });
    expect(validatorFor("Error")(full.body)).toEqual([]);
    await call("DELETE", "/credentials/c", undefined, { project: "team-a" });
    expect((await call("DELETE", `/org/projects/${made.id}`)).status).toBe(204);
    expect((await call("GET", `/org/projects/${made.id}`)).body.code).toBe("not_found");
    expect((await call("GET", "/profiles", undefined, { project: made.id })).body.code).toBe(
      "project_not_found",
    );

    await call("PATCH", "/org/projects/default", { status: "archived" });
    expect(await call("DELETE", "/org/projects/seed")).toMatchObject({
      status: 409,
      body: { code: "last_active_project" },
    });
  });

  it("lists with name and query filters and pages with X-Next-Offset", async () => {
    await createProject("team-a");
    await createProject("Team-B");
    const page = await call("GET", "/org/projects?limit=2");
    expect(page.body.map((p: { name: string }) => p.name)).toEqual(["default", "seed"]);
    expect(page.headers["x-has-more"]).toBe("true");
    expect(page.headers["x-next-offset"]).toBe("2");
    expect((await call("GET", "/org/projects?query=team")).body).toHaveLength(2);
    expect((await call("GET", "/org/projects?name=team-a")).body).toHaveLength(1);
  });

  it("reads and patches caps: null is no cap, 0 removes one, a field left out stays", async () => {
    await createProject("team-a");
    const empty = await call("GET", "/org/projects/team-a/limits");
    expect(validatorFor("ProjectLimits")(empty.body)).toEqual([]);
    expect(empty.body).toMatchObject({ max_concurrent_sessions: null });
    await call("PATCH", "/org/projects/team-a/limits", {
      max_concurrent_sessions: 5,
      max_concurrent_invocations: 3,
    });
    const patched = await call("PATCH", "/org/projects/team-a/limits", {
      max_concurrent_sessions: 0,
    });
    expect(patched.body).toMatchObject({
      max_concurrent_sessions: null,
      max_concurrent_invocations: 3,
    });
    expect(
      (await call("PATCH", "/org/projects/team-a/limits", { max_concurrent_sessions: -1 })).status,
    ).toBe(400);
    expect(
      (await call("PATCH", "/org/projects/team-a/limits", { max_pooled_sessions: 2 })).status,
    ).toBe(400);
    expect((await call("GET", "/org/projects/nope/limits")).status).toBe(404);
  });

  it("sends no project to its store: a project header on an org-wide call is ignored", async () => {
    const res = await call("POST", "/org/projects", { name: "team-a" }, { project: "seed" });
    expect(res.status).toBe(200);
    expect(emulator.requests().at(-1)?.project).toBeUndefined();
  });

  it("drifts and deletes through the controls; a reset drops what the API made", async () => {
    const made = await createProject("team-a");
    emulator.drift(made.id, { name: "drifted", max_concurrent_sessions: 4 }, "projects");
    expect((await call("GET", `/org/projects/${made.id}`)).body.name).toBe("drifted");
    expect((await call("GET", "/org/projects/drifted/limits")).body.max_concurrent_sessions).toBe(
      4,
    );
    emulator.deleteObject(made.id, "projects");
    expect((await call("GET", `/org/projects/${made.id}`)).status).toBe(404);
    await createProject("team-b");
    await call("PATCH", "/org/projects/seed", { name: "renamed" });
    emulator.reset();
    expect(emulator.projects()).toEqual([
      { id: "proj_default", name: "default" },
      { id: "proj_seed", name: "seed" },
    ]);
  });
});

describe("@onkernel/sdk 0.84 against /org/projects", () => {
  it("creates, renames, archives, caps, lists with auto-paging and deletes", async () => {
    const kernel = new Kernel({ apiKey: KEY, baseURL: emulator.url, maxRetries: 0 });
    const made = await kernel.projects.create({ name: "team-a" });
    expect(validatorFor("Project")(made)).toEqual([]);
    const updated = await kernel.projects.update(made.id, { name: "team-b", status: "archived" });
    expect(updated).toMatchObject({ id: made.id, name: "team-b", status: "archived" });
    const limits = await kernel.projects.limits.update("team-b", { max_concurrent_sessions: 4 });
    expect(limits.max_concurrent_sessions).toBe(4);
    expect((await kernel.projects.limits.retrieve(made.id)).max_concurrent_invocations).toBeNull();
    const names: string[] = [];
    for await (const p of kernel.projects.list({ limit: 2 })) names.push(p.name);
    expect(names).toEqual(["default", "seed", "team-b"]);
    await kernel.projects.delete(made.id);
    await expect(kernel.projects.retrieve(made.id)).rejects.toMatchObject({ status: 404 });
  });
});
