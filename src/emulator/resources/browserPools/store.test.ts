import { fail, ok } from "../../answers";
import { BrowserPoolStore, type PoolLookups } from "./store";

function fixedStore(lookups: PoolLookups = {}) {
  let t = Date.parse("2026-11-27T00:00:00Z");
  let n = 0;
  return new BrowserPoolStore({
    now: () => new Date((t += 1000)),
    newId: () => `pool_${++n}`,
    lookups: () => lookups,
  });
}

/** Profiles `prof_a` (named `alpha`) and proxies `proxy_1`, `proxy_2`; nothing else exists. */
const known: PoolLookups = {
  profile: (ref) =>
    ref.id === "prof_a" || ref.name === "alpha"
      ? ok({ id: "prof_a" })
      : fail(400, "bad_request", `profile ${ref.id ?? ref.name} not found`),
  proxy: (ref) =>
    ref.id === "proxy_1" || ref.id === "proxy_2" || ref.name === "eu"
      ? ok({ id: ref.id ?? "proxy_2" })
      : fail(400, "bad_request", `proxy ${ref.id ?? ref.name} not found`),
};

function created(store: BrowserPoolStore, body: Parameters<BrowserPoolStore["create"]>[0]) {
  const result = store.create(body);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function updated(
  store: BrowserPoolStore,
  id: string,
  body: Parameters<BrowserPoolStore["update"]>[1],
) {
  const result = store.update(id, body);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe("BrowserPoolStore", () => {
  it("answers the server's defaults for what a create leaves out", () => {
    const pool = created(fixedStore(), { size: 3 });
    expect(pool).toEqual({
      id: "pool_1",
      name: null,
      created_at: expect.any(String),
      region: "us-east",
      acquired_count: 0,
      available_count: 3,
      extension_ids: [],
      browser_pool_config: {
        size: 3,
        fill_rate_per_minute: 25,
        headless: false,
        kiosk_mode: false,
        memory: "8GiB",
        refresh_on_profile_update: false,
        stealth: false,
        timeout_seconds: 600,
      },
    });
    expect(created(fixedStore(), { size: 1, headless: true }).browser_pool_config.memory).toBe(
      "1GiB",
    );
  });

  it("keeps names unique in the project; a PATCH with an empty name changes nothing", () => {
    const store = fixedStore();
    created(store, { size: 1, name: "a" });
    created(store, { size: 1, name: "b" });
    expect(store.create({ size: 1, name: "a" })).toMatchObject({
      status: 409,
      error: { details: [{ message: "pool_1" }] },
    });
    expect(store.update("a", { name: "b" })).toMatchObject({ status: 409 });
    expect(updated(store, "a", { name: "" }).name).toBe("a");
    expect(updated(store, "a", { name: "c" })).toMatchObject({ id: "pool_1", name: "c" });
    expect(store.get("a")).toMatchObject({ status: 404, error: { code: "not_found" } });
  });

  it("clears with the API's own values: proxy, start URL, policy, extensions, network, profile, telemetry", () => {
    const store = fixedStore(known);
    const pool = created(store, {
      size: 2,
      proxy_id: "proxy_1",
      start_url: "https://example.com",
      chrome_policy: { HomepageLocation: "https://example.com" },
      extensions: [{ id: "ext_1" }, { name: "adblock" }],
      network: { private_hosts: [] },
      profile: { name: "alpha" },
      telemetry: { enabled: true },
      viewport: { width: 1280, height: 800 },
    });
    expect(pool).toMatchObject({
      extension_ids: ["ext_1", "ext_adblock"],
      profile_id: "prof_a",
      browser_pool_config: { profile: { name: "alpha" }, refresh_on_profile_update: true },
    });
    const cleared = updated(store, pool.id, {
      proxy_id: "",
      start_url: "",
      chrome_policy: {},
      extensions: [],
      network: {},
      profile: { id: "" },
      telemetry: { enabled: false },
    });
    expect(cleared.extension_ids).toEqual([]);
    expect(cleared.profile_id).toBeUndefined();
    expect(cleared.browser_pool_config).toEqual({
      size: 2,
      fill_rate_per_minute: 25,
      headless: false,
      kiosk_mode: false,
      memory: "8GiB",
      refresh_on_profile_update: false,
      stealth: false,
      timeout_seconds: 600,
      viewport: { width: 1280, height: 800 },
    });
  });

  it("changes only what a PATCH carries; discard_all_idle is an action, never kept", () => {
    const store = fixedStore();
    const pool = created(store, { size: 2, name: "p", stealth: true, start_url: "https://a.test" });
    const after = updated(store, "p", { size: 4, discard_all_idle: true });
    expect(after.browser_pool_config).toEqual({ ...pool.browser_pool_config, size: 4 });
    expect(JSON.stringify(after)).not.toContain("discard_all_idle");
  });

  it("resolves profiles and proxies; a missing one is a 400 and the PATCH changes nothing", () => {
    const store = fixedStore(known);
    const pool = created(store, { size: 1, proxy_id: "proxy_1" });
    expect(store.create({ size: 1, profile: { name: "nope" } })).toMatchObject({ status: 400 });
    expect(store.create({ size: 1, profile: { id: "" } })).toMatchObject({ status: 400 });
    expect(store.update(pool.id, { size: 9, proxy_id: "proxy_missing" })).toMatchObject({
      status: 400,
    });
    expect(store.get(pool.id)).toMatchObject({
      value: { browser_pool_config: { size: 1, proxy_id: "proxy_1" } },
    });
  });

  it("turns the profile refresh on for a newly attached profile, and refuses it without one", () => {
    const store = fixedStore(known);
    const pool = created(store, { size: 1 });
    expect(store.update(pool.id, { refresh_on_profile_update: true })).toMatchObject({
      status: 400,
      error: { message: expect.stringContaining("refresh_on_profile_update") },
    });
    const attached = updated(store, pool.id, { profile: { id: "prof_a" } });
    expect(attached.browser_pool_config.refresh_on_profile_update).toBe(true);
    updated(store, pool.id, { refresh_on_profile_update: false });
    // The same reference again leaves the setting as it is.
    const same = updated(store, pool.id, { profile: { id: "prof_a" } });
    expect(same.browser_pool_config.refresh_on_profile_update).toBe(false);
  });

  it("refuses memory the image cannot take, a fill rate past the cap and managed policies", () => {
    const store = fixedStore();
    expect(store.create({ size: 1, headless: true, memory: "8GiB" })).toMatchObject({
      status: 400,
      error: { message: expect.stringContaining("memory") },
    });
    const pool = created(store, { size: 1, memory: "16GiB" });
    expect(store.update(pool.id, { headless: true, memory: "8GiB" })).toMatchObject({
      status: 400,
    });
    // A new image without a memory of its own takes the image's default.
    expect(updated(store, pool.id, { headless: true }).browser_pool_config.memory).toBe("1GiB");
    expect(
      updated(store, pool.id, { headless: true, memory: "2GiB" }).browser_pool_config,
    ).toMatchObject({ headless: true, memory: "2GiB" });
    expect(store.create({ size: 1, fill_rate_per_minute: 26 })).toMatchObject({ status: 400 });
    expect(store.create({ size: 1, chrome_policy: { ProxyMode: "direct" } })).toMatchObject({
      status: 400,
      error: { message: expect.stringContaining("ProxyMode") },
    });
  });

  it("keeps telemetry: a destination implies capture, {} leaves it, enabled false clears it", () => {
    const store = fixedStore({ destination: (ref) => ok({ id: ref.id ?? "otlp_1" }) });
    const pool = created(store, {
      size: 1,
      telemetry: { export: { otlp: { destination: { name: "collector" } } } },
    });
    expect(pool.browser_pool_config.telemetry).toMatchObject({
      browser: { control: { enabled: true }, console: { enabled: false } },
      export: { otlp: { destination: "otlp_1", enabled: true } },
      storage: { enabled: true },
    });
    expect(updated(store, pool.id, { telemetry: {} }).browser_pool_config.telemetry).toEqual(
      pool.browser_pool_config.telemetry,
    );
    const merged = updated(store, pool.id, {
      telemetry: { browser: { console: { enabled: true } } },
    });
    expect(merged.browser_pool_config.telemetry).toMatchObject({
      browser: { console: { enabled: true } },
      export: { otlp: { destination: "otlp_1" } },
    });
    const noExport = updated(store, pool.id, {
      telemetry: { export: { otlp: { enabled: false } } },
    });
    expect(noExport.browser_pool_config.telemetry).toMatchObject({
      export: { otlp: { enabled: false } },
    });
    expect(store.update(pool.id, { telemetry: { storage: { enabled: false } } })).toMatchObject({
      status: 400,
    });
    expect(
      updated(store, pool.id, { telemetry: { enabled: false } }).browser_pool_config.telemetry,
    ).toBeUndefined();
  });

  it("keeps the network with route proxies as ids, and checks expected_network", () => {
    const store = fixedStore(known);
    const pool = created(store, {
      size: 1,
      network: {
        allowed_hosts: ["example.com"],
        proxy_routes: [{ hosts: ["*.eu.test"], proxy: { name: "eu" } }],
      },
    });
    const network = pool.browser_pool_config.network;
    expect(network).toEqual({
      allowed_hosts: ["example.com"],
      proxy_routes: [{ hosts: ["*.eu.test"], proxy: { id: "proxy_2" } }],
    });
    expect(
      store.create({
        size: 1,
        network: {
          proxy_routes: [
            { hosts: ["a.test"], proxy: { id: "proxy_1" } },
            { hosts: ["a.test"], proxy: { id: "proxy_2" } },
          ],
        },
      }),
    ).toMatchObject({ status: 400 });
    const stale = store.update(pool.id, { expected_network: {}, size: 5 });
    expect(stale).toMatchObject({ status: 409, error: { code: "stale_network" } });
    const fresh = updated(store, pool.id, {
      expected_network: network as never,
      network: {},
    });
    expect(fresh.browser_pool_config.network).toBeUndefined();
    expect(fresh.browser_pool_config.size).toBe(1);
  });

  it("refuses a delete while browsers are leased, unless forced", () => {
    const store = fixedStore();
    const pool = created(store, { size: 3, name: "busy" });
    expect(store.drift(pool.id, { acquired_count: 2 })).toMatchObject({
      value: { acquired_count: 2, available_count: 1 },
    });
    expect(store.remove("busy")).toMatchObject({
      status: 409,
      error: { message: expect.stringContaining("force=true") },
    });
    expect(store.get(pool.id).ok).toBe(true);
    expect(store.remove("busy", true).ok).toBe(true);
    expect(store.get(pool.id)).toMatchObject({ status: 404 });
  });

  it("lists by exact name, query and region", () => {
    const store = fixedStore();
    created(store, { size: 1, name: "east" });
    created(store, { size: 1, name: "west", region: "us-west" });
    expect(store.matching({ region: "us-west" }).map((p) => p.name)).toEqual(["west"]);
    expect(store.matching({ query: "EA" }).map((p) => p.name)).toEqual(["east"]);
    expect(store.matching({ name: "wes" })).toEqual([]);
  });
});
