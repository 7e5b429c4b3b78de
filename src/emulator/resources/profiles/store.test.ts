import { ProfileStore } from "./store";

function fixedStore() {
  let t = Date.parse("2026-11-27T00:00:00Z");
  let n = 0;
  return new ProfileStore({ now: () => new Date((t += 1000)), newId: () => `prof_${++n}` });
}

describe("ProfileStore", () => {
  it("creates named and nameless profiles; names are unique", () => {
    const store = fixedStore();
    expect(store.create({ name: "team" })).toMatchObject({
      ok: true,
      value: { id: "prof_1", name: "team" },
    });
    expect(store.create({})).toMatchObject({ ok: true, value: { name: null } });
    expect(store.create({}).ok).toBe(true);
    expect(store.create({ name: "team" })).toMatchObject({
      status: 409,
      error: { details: [{ message: "prof_1" }] },
    });
  });

  it("renames by id or name, refusing a taken name", () => {
    const store = fixedStore();
    store.create({ name: "a" });
    store.create({ name: "b" });
    expect(store.update("a", { name: "b" })).toMatchObject({ status: 409 });
    expect(store.update("a", { name: "c" })).toMatchObject({ value: { id: "prof_1", name: "c" } });
    expect(store.get("a")).toMatchObject({ status: 404, error: { code: "not_found" } });
    expect(store.get("c")).toMatchObject({ value: { id: "prof_1" } });
    expect(store.remove("c").ok).toBe(true);
    expect(store.remove("prof_1")).toMatchObject({ status: 404 });
  });

  it("ensure creates a missing profile once", () => {
    const store = fixedStore();
    const first = store.ensure("team");
    expect(store.ensure("team").id).toBe(first.id);
    expect(store.all()).toHaveLength(1);
  });

  it("filters by exact name or by query", () => {
    const store = fixedStore();
    store.create({ name: "team" });
    store.create({ name: "team-2" });
    expect(store.matching({ name: "team" }).map((p) => p.id)).toEqual(["prof_1"]);
    expect(store.matching({ query: "TEAM" })).toHaveLength(2);
  });
});
