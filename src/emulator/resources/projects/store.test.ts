import { DEFAULT_PROJECT, type Project, Projects } from "../../projects";
import { ProjectStore } from "./store";

function fixture(held: Record<string, number> = {}) {
  let t = Date.parse("2026-12-01T00:00:00Z");
  let n = 0;
  const projects = new Projects(DEFAULT_PROJECT, [{ id: "proj_seed", name: "seed" }]);
  const store = new ProjectStore({
    projects,
    objectsIn: (p: Project) => held[p.id] ?? 0,
    now: () => new Date((t += 1000)),
    newId: () => `proj_${++n}`,
  });
  return { projects, store };
}

function created(store: ProjectStore, name: string) {
  const result = store.create({ name });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe("ProjectStore", () => {
  it("creates an active project that the project headers resolve at once, by id and by name", () => {
    const { projects, store } = fixture();
    const made = created(store, "team-a");
    expect(made).toEqual({
      id: "proj_1",
      name: "team-a",
      status: "active",
      created_at: "2026-12-01T00:00:01.000Z",
      updated_at: "2026-12-01T00:00:01.000Z",
    });
    for (const header of ["proj_1", "team-a"]) {
      expect(projects.resolve({ "x-kernel-project": header })).toMatchObject({
        ok: true,
        value: { id: "proj_1" },
      });
    }
  });

  it("answers 409 with the existing id for a name taken in the org, seeds included", () => {
    const { store } = fixture();
    const a = created(store, "team-a");
    expect(store.create({ name: "team-a" })).toMatchObject({
      status: 409,
      error: { details: [{ code: "existing_id", message: a.id }] },
    });
    expect(store.create({ name: "seed" })).toMatchObject({
      status: 409,
      error: { details: [{ message: "proj_seed" }] },
    });
    expect(store.update("team-a", { name: "seed" })).toMatchObject({ status: 409 });
  });

  it("renames and archives in place; the headers follow the new name", () => {
    const { projects, store } = fixture();
    created(store, "team-a");
    expect(store.update("team-a", { name: "team-b", status: "archived" })).toMatchObject({
      ok: true,
      value: { id: "proj_1", name: "team-b", status: "archived" },
    });
    expect(projects.resolve({ "x-kernel-project": "team-b" })).toMatchObject({ ok: true });
    expect(projects.resolve({ "x-kernel-project": "team-a" })).toMatchObject({ status: 404 });
    expect(store.get("proj_1")).toMatchObject({ value: { status: "archived" } });
    expect(store.update("proj_1", { status: "active" })).toMatchObject({
      value: { status: "active" },
    });
  });

  it("deletes an empty project, which is then project_not_found in the headers", () => {
    const { projects, store } = fixture();
    created(store, "team-a");
    expect(store.remove("team-a")).toEqual({ ok: true, value: undefined });
    expect(store.get("proj_1")).toMatchObject({ status: 404, error: { code: "not_found" } });
    expect(projects.resolve({ "x-kernel-project": "team-a" })).toMatchObject({
      status: 404,
      error: { code: "project_not_found" },
    });
    expect(store.remove("team-a")).toMatchObject({ status: 404, error: { code: "not_found" } });
  });

  it("refuses to delete a project that holds an object: 409 project_not_empty", () => {
    const { store } = fixture({ proj_1: 2 });
    created(store, "team-a");
    expect(store.remove("proj_1")).toMatchObject({
      status: 409,
      error: { code: "project_not_empty", message: expect.stringContaining("2 object") },
    });
    expect(store.get("proj_1")).toMatchObject({ ok: true });
  });

  it("refuses to delete the last active project (409 last_active_project) and the default one", () => {
    const { store } = fixture();
    store.update(DEFAULT_PROJECT.id, { status: "archived" });
    expect(store.remove("seed")).toMatchObject({
      status: 409,
      error: { code: "last_active_project" },
    });
    // With another active project, the seed may go; an archived one may always go.
    created(store, "team-a");
    expect(store.remove("seed")).toMatchObject({ ok: true });
    store.update("team-a", { status: "archived" });
    expect(store.remove("team-a")).toMatchObject({ ok: true });
    expect(store.remove(DEFAULT_PROJECT.id)).toMatchObject({
      status: 409,
      error: { code: "default_project" },
    });
  });

  it("lists by exact name and by name substring in any letter case", () => {
    const { store } = fixture();
    created(store, "Team-A");
    created(store, "team-b");
    const names = (f: { name?: string; query?: string }) => store.matching(f).map((p) => p.name);
    expect(names({})).toEqual(["default", "seed", "Team-A", "team-b"]);
    expect(names({ name: "team-b" })).toEqual(["team-b"]);
    expect(names({ name: "team-a" })).toEqual([]);
    expect(names({ query: "TEAM" })).toEqual(["Team-A", "team-b"]);
  });

  it("keeps caps per project: unset is null, a number sets one, 0 removes it, absent keeps it", () => {
    const { store } = fixture();
    created(store, "team-a");
    expect(store.limits("team-a")).toEqual({
      ok: true,
      value: {
        max_concurrent_sessions: null,
        max_concurrent_invocations: null,
        max_pooled_sessions: null,
      },
    });
    store.updateLimits("team-a", { max_concurrent_sessions: 5, max_concurrent_invocations: 2 });
    expect(store.updateLimits("proj_1", { max_concurrent_sessions: 0 })).toMatchObject({
      value: { max_concurrent_sessions: null, max_concurrent_invocations: 2 },
    });
    expect(store.updateLimits("proj_1", { max_concurrent_invocations: null })).toMatchObject({
      value: { max_concurrent_invocations: 2 },
    });
    expect(store.limits("seed")).toMatchObject({ value: { max_concurrent_invocations: null } });
    expect(store.updateLimits("team-a", { max_pooled_sessions: 3 })).toMatchObject({
      status: 400,
    });
    expect(store.limits("nope")).toMatchObject({ status: 404, error: { code: "not_found" } });
  });

  it("drifts name, status and caps behind the API's back", () => {
    const { projects, store } = fixture();
    created(store, "team-a");
    expect(
      store.drift("proj_1", { name: "renamed", status: "archived", max_concurrent_sessions: 9 }),
    ).toMatchObject({ value: { name: "renamed", status: "archived" } });
    expect(projects.find("renamed")?.id).toBe("proj_1");
    expect(store.limits("proj_1")).toMatchObject({ value: { max_concurrent_sessions: 9 } });
    store.drift("proj_1", { max_concurrent_sessions: null });
    expect(store.limits("proj_1")).toMatchObject({ value: { max_concurrent_sessions: null } });
    expect(store.drift("proj_nope", {})).toMatchObject({ status: 404 });
  });

  it("reset (of the list) drops the projects the API made and gives seeds their names back", () => {
    const { projects, store } = fixture();
    created(store, "team-a");
    store.update("seed", { name: "renamed-seed" });
    projects.reset();
    expect(projects.all()).toEqual([DEFAULT_PROJECT, { id: "proj_seed", name: "seed" }]);
  });
});
