import { CredentialProviderStore } from "./store";

function fixedStore() {
  let t = Date.parse("2026-11-27T00:00:00Z");
  let n = 0;
  return new CredentialProviderStore({
    now: () => new Date((t += 1000)),
    newId: () => `cp_${++n}`,
  });
}

const body = { name: "my-1p", provider_type: "onepassword" as const, token: "ops_secret_token" };

describe("CredentialProviderStore", () => {
  it("defaults enabled, priority and the cache TTL; answers neither token nor TTL", () => {
    const store = fixedStore();
    expect(store.create(body)).toEqual({
      ok: true,
      value: {
        id: "cp_1",
        name: "my-1p",
        provider_type: "onepassword",
        enabled: true,
        priority: 0,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      },
    });
    expect(store.table.byId("cp_1")).toMatchObject({
      token: "ops_secret_token",
      cache_ttl_seconds: 300,
    });
  });

  it("trims names, refuses blank ones, and compares the trimmed name for uniqueness", () => {
    const store = fixedStore();
    expect(store.create({ ...body, name: "  my-1p " })).toMatchObject({ value: { name: "my-1p" } });
    expect(store.create({ ...body, name: " my-1p" })).toMatchObject({ status: 409 });
    const other = store.create({ ...body, name: "other" });
    if (!other.ok) throw new Error("create failed");
    expect(store.update(other.value.id, { name: "my-1p  " })).toMatchObject({ status: 409 });
    expect(store.update(other.value.id, { name: " b " })).toMatchObject({ value: { name: "b" } });
    for (const name of ["", "  "]) {
      expect(store.create({ ...body, name })).toMatchObject({ status: 400 });
      expect(store.update(other.value.id, { name, priority: 3 })).toMatchObject({ status: 400 });
    }
    expect(store.table.byId(other.value.id)).toMatchObject({ name: "b", priority: 0 });
  });

  it("keeps names unique in the org, on create and on rename", () => {
    const store = fixedStore();
    store.create(body);
    expect(store.create({ ...body, token: "t2" })).toMatchObject({
      status: 409,
      error: { details: [{ code: "existing_id", message: "cp_1" }] },
    });
    store.create({ ...body, name: "other" });
    expect(store.update("cp_2", { name: "my-1p" })).toMatchObject({ status: 409 });
  });

  it("PATCH changes only what is sent: token rotation, TTL, enabled, priority", () => {
    const store = fixedStore();
    store.create({ ...body, cache_ttl_seconds: 60 });
    expect(store.update("cp_1", { token: "rotated" })).toMatchObject({
      value: { enabled: true, priority: 0, name: "my-1p" },
    });
    expect(store.table.byId("cp_1")).toMatchObject({ token: "rotated", cache_ttl_seconds: 60 });
    expect(store.update("cp_1", { enabled: false, priority: 3 })).toMatchObject({
      value: { enabled: false, priority: 3 },
    });
  });

  it("addresses by id only and deletes once", () => {
    const store = fixedStore();
    store.create(body);
    expect(store.get("my-1p")).toMatchObject({ status: 404, error: { code: "not_found" } });
    expect(store.remove("cp_1").ok).toBe(true);
    expect(store.remove("cp_1")).toMatchObject({ status: 404 });
  });

  it("filters by a name substring or an exact id", () => {
    const store = fixedStore();
    for (const name of ["alpha", "beta", "gamma"]) store.create({ ...body, name });
    expect(store.matching({ query: "ET" }).map((p) => p.name)).toEqual(["beta"]);
    expect(store.matching({ query: "cp_3" }).map((p) => p.name)).toEqual(["gamma"]);
  });

  it("drift changes any stored field", () => {
    const store = fixedStore();
    store.create(body);
    expect(store.drift("cp_1", { enabled: false, name: "renamed" })).toMatchObject({
      value: { enabled: false, name: "renamed" },
    });
    expect(store.drift("cp_9", {})).toMatchObject({ status: 404 });
  });
});
