import { ProfileStore } from "./store";

const P = "default";

function fixedStore() {
  let t = Date.parse("2026-11-27T00:00:00Z");
  let n = 0;
  return new ProfileStore({ now: () => new Date((t += 1000)), newId: () => String(++n) });
}

describe("ProfileStore", () => {
  it("creates named and nameless profiles; names are unique per project", () => {
    const store = fixedStore();
    expect(store.create(P, { name: "team" })).toMatchObject({
      ok: true,
      value: { id: "prof_1", name: "team" },
    });
    expect(store.create(P, {})).toMatchObject({ ok: true, value: { name: null } });
    expect(store.create(P, {}).ok).toBe(true);
    expect(store.create(P, { name: "team" })).toMatchObject({
      status: 409,
      error: { details: [{ message: "prof_1" }] },
    });
    expect(store.create("other", { name: "team" }).ok).toBe(true);
  });

  it("renames by id or name, refusing a taken name", () => {
    const store = fixedStore();
    store.create(P, { name: "a" });
    store.create(P, { name: "b" });
    expect(store.update(P, "a", { name: "b" })).toMatchObject({ status: 409 });
    expect(store.update(P, "a", { name: "c" })).toMatchObject({
      value: { id: "prof_1", name: "c" },
    });
    expect(store.get(P, "a")).toMatchObject({ status: 404 });
    expect(store.get(P, "c")).toMatchObject({ value: { id: "prof_1" } });
  });

  it("hides another project's profile", () => {
    const store = fixedStore();
    store.create(P, { name: "a" });
    expect(store.get("other", "prof_1")).toMatchObject({
      status: 404,
      error: { code: "not_found" },
    });
    expect(store.remove("other", "a")).toMatchObject({ status: 404 });
    expect(store.remove(P, "a").ok).toBe(true);
  });

  it("ensure creates a missing profile once", () => {
    const store = fixedStore();
    const first = store.ensure(P, "team");
    expect(store.ensure(P, "team").id).toBe(first.id);
    expect(store.list(P).items).toHaveLength(1);
  });

  it("lists by exact name", () => {
    const store = fixedStore();
    store.create(P, { name: "team" });
    store.create(P, { name: "team-2" });
    expect(store.list(P, { name: "team" }).items.map((p) => p.id)).toEqual(["prof_1"]);
  });
});
