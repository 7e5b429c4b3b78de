import { type EmulatedProxy, ProxyStore, checkConfig } from "./store";

function fixedStore(seeds: EmulatedProxy[] = []) {
  let n = 0;
  return new ProxyStore(seeds, {
    now: () => new Date("2026-11-27T00:00:00Z"),
    newId: () => `proxy_${++n}`,
  });
}

describe("ProxyStore", () => {
  it("fills the server's defaults: protocol https, datacenter/isp country US", () => {
    const store = fixedStore();
    expect(store.create({ type: "datacenter" })).toMatchObject({
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
      store.create({ type: "isp", config: { country: "DE" }, protocol: "http" }),
    ).toMatchObject({ value: { protocol: "http", config: { country: "DE" } } });
    expect(store.create({ type: "residential" })).toMatchObject({ value: { config: {} } });
  });

  it("keeps a custom proxy's password and CA bundle out of every answer", () => {
    const store = fixedStore();
    const created = store.create({
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
    expect(JSON.stringify([created, store.get("proxy_1")])).not.toMatch(/s3cret|PEM/);
    expect(store.table.byId("proxy_1")).toMatchObject({ password: "s3cret", ca_bundle: "PEM" });
    expect(store.create({ type: "custom", config: { host: "h", port: 1 } })).toMatchObject({
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
    expect(checkConfig("residential", { os: "linux" })).toMatchObject({ status: 400 });
    expect(checkConfig("mobile", { os: "windows" })).toMatchObject({ status: 400 });
  });

  it("trims names, allows duplicates, renames by PATCH", () => {
    const store = fixedStore();
    store.create({ type: "datacenter", name: "  shared " });
    store.create({ type: "datacenter", name: "shared" });
    expect(store.matching({ name: "shared" })).toHaveLength(2);
    expect(store.update("proxy_1", { name: " renamed  " })).toMatchObject({
      value: { name: "renamed" },
    });
    expect(store.update("proxy_1", { name: "   " })).toMatchObject({
      status: 400,
      error: { details: [{ message: "name must not be empty" }] },
    });
  });

  it("is addressed by id or exact name; a shared name is ambiguous, an id wins", () => {
    const store = fixedStore();
    store.create({ type: "datacenter", name: "n" });
    expect(store.get("n")).toMatchObject({ ok: true, value: { id: "proxy_1" } });
    expect(store.get("N")).toMatchObject({ status: 404, error: { code: "not_found" } });
    store.create({ type: "isp", name: "n" });
    for (const result of [store.get("n"), store.update("n", { name: "m" }), store.remove("n")]) {
      expect(result).toMatchObject({
        status: 400,
        error: {
          code: "ambiguous_proxy_name",
          details: [{ message: "proxy_1" }, { message: "proxy_2" }],
        },
      });
    }
    expect(store.matching({ name: "n" })).toHaveLength(2);
    store.create({ type: "isp", name: "proxy_1" });
    expect(store.get("proxy_1")).toMatchObject({ value: { id: "proxy_1", name: "n" } });
    expect(store.remove("proxy_2").ok).toBe(true);
    expect(store.update("n", { name: "renamed" })).toMatchObject({ value: { id: "proxy_1" } });
    expect(store.remove("proxy_1").ok).toBe(true);
    // The id is gone; the same text now names proxy_3.
    expect(store.get("proxy_1")).toMatchObject({ value: { id: "proxy_3" } });
    expect(store.remove("proxy_1").ok).toBe(true);
    expect(store.get("proxy_1")).toMatchObject({ status: 404, error: { code: "not_found" } });
    expect(store.remove("proxy_1")).toMatchObject({ status: 404 });
  });

  it("resolves a connection's proxy by id, or by a name that matches exactly one", () => {
    const store = fixedStore([
      { id: "px_1", name: "residential" },
      { id: "px_2", name: "shared" },
      { id: "px_3", name: "shared" },
    ]);
    expect(store.resolve({ name: "residential" })).toMatchObject({ value: { id: "px_1" } });
    expect(store.resolve({ id: "px_2" })).toMatchObject({ value: { name: "shared" } });
    expect(store.resolve({ name: "shared" })).toMatchObject({
      status: 400,
      error: { message: expect.stringMatching(/2 proxies are named shared/) },
    });
    expect(store.resolve({ id: "px_9" })).toMatchObject({ status: 400 });
    // Seeded proxies are the objects the endpoints serve.
    expect(store.get("px_1")).toMatchObject({
      value: { type: "datacenter", config: { country: "US" } },
    });
  });

  it("drift merges config keys and sets or removes the secrets", () => {
    const store = fixedStore();
    store.create({ type: "custom", config: { host: "h", port: 1, password: "p" } });
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
