import { ProxyStore, checkConfig } from "./store";

const P = "default";

function fixedStore(seeds: ConstructorParameters<typeof ProxyStore>[0] = {}) {
  let n = 0;
  return new ProxyStore({
    now: () => new Date("2026-11-27T00:00:00Z"),
    newId: () => String(++n),
    ...seeds,
  });
}

describe("ProxyStore", () => {
  it("fills the server's defaults: protocol https, datacenter/isp country US", () => {
    const store = fixedStore();
    expect(store.create(P, { type: "datacenter" })).toMatchObject({
      ok: true,
      value: {
        id: "proxy_1",
        type: "datacenter",
        protocol: "https",
        config: { country: "US" },
        status: "available",
      },
    });
    expect(
      store.create(P, { type: "isp", config: { country: "DE" }, protocol: "http" }),
    ).toMatchObject({
      value: { protocol: "http", config: { country: "DE" } },
    });
    expect(store.create(P, { type: "residential" })).toMatchObject({ value: { config: {} } });
  });

  it("keeps a custom proxy's password and CA bundle out of every answer", () => {
    const store = fixedStore();
    const created = store.create(P, {
      type: "custom",
      name: "corp",
      config: {
        host: "proxy.corp",
        port: 3128,
        username: "bob",
        password: "s3cret",
        ca_bundle: "PEM",
      },
    });
    expect(created).toMatchObject({
      value: {
        config: {
          host: "proxy.corp",
          port: 3128,
          username: "bob",
          has_password: true,
          has_ca_bundle: true,
        },
      },
    });
    expect(JSON.stringify([created, store.list(P), store.all()])).not.toMatch(/s3cret|PEM/);
    expect(store.table.byId("proxy_1")).toMatchObject({ password: "s3cret", ca_bundle: "PEM" });
    expect(store.create(P, { type: "custom", config: { host: "h", port: 1 } })).toMatchObject({
      value: { config: { has_password: false, has_ca_bundle: false } },
    });
  });

  it("checks config per type and names the field", () => {
    expect(checkConfig("residential", { city: "sanfrancisco" })).toMatchObject({
      status: 400,
      error: { details: [{ message: "config.city requires config.country" }] },
    });
    expect(checkConfig("residential", { city: "sanfrancisco", country: "US" })).toBeUndefined();
    expect(checkConfig("datacenter", { city: "x" })).toMatchObject({
      error: { details: [{ message: expect.stringMatching(/^config\.city /) }] },
    });
    expect(checkConfig("custom", { port: 80 })).toMatchObject({
      error: { details: [{ message: expect.stringMatching(/^config\.host /) }] },
    });
    expect(checkConfig("custom", undefined)).toMatchObject({ status: 400 });
    expect(checkConfig("custom", { host: "h", port: 70000 })).toMatchObject({
      error: { details: [{ message: expect.stringMatching(/^config\.port /) }] },
    });
    expect(checkConfig("mobile", { os: "windows" })).toMatchObject({ status: 400 });
  });

  it("trims names, allows duplicates, renames by PATCH only", () => {
    const store = fixedStore();
    store.create(P, { type: "datacenter", name: "  shared " });
    store.create(P, { type: "datacenter", name: "shared" });
    expect(store.list(P, { name: "shared" }).items).toHaveLength(2);
    expect(store.update(P, "proxy_1", { name: " renamed  " })).toMatchObject({
      value: { name: "renamed" },
    });
    expect(store.update(P, "proxy_1", { name: "   " })).toMatchObject({
      status: 400,
      error: { details: [{ message: "name must not be empty" }] },
    });
  });

  it("is addressed by id only, within its project", () => {
    const store = fixedStore();
    store.create(P, { type: "datacenter", name: "n" });
    expect(store.get(P, "n")).toMatchObject({ status: 404 });
    expect(store.get("other", "proxy_1")).toMatchObject({
      status: 404,
      error: { code: "not_found" },
    });
    expect(store.remove(P, "proxy_1").ok).toBe(true);
    expect(store.get(P, "proxy_1")).toMatchObject({ status: 404 });
  });

  it("resolves a connection's proxy by id or by a name that matches exactly one, in its project", () => {
    const store = fixedStore({
      seeds: [
        { id: "px_1", name: "residential" },
        { id: "px_2", name: "shared" },
        { id: "px_3", name: "shared" },
        { id: "px_9", name: "elsewhere", project: "other" },
      ],
    });
    expect(store.resolve(P, { name: "residential" })).toMatchObject({ value: { id: "px_1" } });
    expect(store.resolve(P, { id: "px_2" })).toMatchObject({ value: { name: "shared" } });
    expect(store.resolve(P, { name: "shared" })).toMatchObject({
      status: 400,
      error: { message: expect.stringMatching(/2 proxies are named shared/) },
    });
    expect(store.resolve(P, { id: "px_9" })).toMatchObject({ status: 400 });
    expect(store.resolve(P, { name: "elsewhere" })).toMatchObject({ status: 400 });
    // Seeded objects are the ones the endpoints serve, and the controls find them by id.
    expect(store.get(P, "px_1")).toMatchObject({
      value: { type: "datacenter", config: { country: "US" } },
    });
    expect(store.owns("px_1")).toBe(true);
  });

  it("drift merges config keys and sets or removes the secrets", () => {
    const store = fixedStore();
    store.create(P, { type: "custom", config: { host: "h", port: 1, password: "p" } });
    expect(
      store.drift("proxy_1", {
        config: { port: 2, has_password: false, ca_bundle: "x" },
        status: "unavailable",
      }),
    ).toMatchObject({
      value: {
        status: "unavailable",
        config: { host: "h", port: 2, has_password: false, has_ca_bundle: true },
      },
    });
  });
});
