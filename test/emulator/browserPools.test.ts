/**
 * `/browser_pools` through HTTP: the OpenAPI document's refusals (region in a PATCH, unknown
 * fields, bounds), references resolved in the project (profiles, proxies), unique names,
 * the API's clears, and leased browsers refusing a delete without `force=true`.
 */
import { type Emulator, startEmulator, validatorFor } from "../../src/emulator";
import type { ExtensionStore } from "../../src/emulator";
import { zipOf } from "../../src/extension/zip";
import { caller, detailText } from "./resourceClient";

const KEY = "sk_emulator_browser_pools";
let emulator: Emulator;
const call = caller(() => emulator.url, KEY);

beforeEach(async () => {
  emulator = await startEmulator({ apiKey: KEY, projects: [{ id: "proj_other", name: "other" }] });
});

afterEach(async () => {
  await emulator.close();
});

describe("/browser_pools", () => {
  it("creates a pool whose answer is valid against the document, with the server's defaults", async () => {
    const res = await call("POST", "/browser_pools", { size: 2, name: "warm", region: "eu-west" });
    expect(res.status).toBe(200);
    expect(validatorFor("BrowserPool")(res.body)).toEqual([]);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^pool_/),
      name: "warm",
      region: "eu-west",
      acquired_count: 0,
      available_count: 2,
      browser_pool_config: { size: 2, headless: false, timeout_seconds: 600 },
    });
    const again = await call("POST", "/browser_pools", { size: 1, name: "warm" });
    expect(again.status).toBe(409);
    expect(detailText(again.body)).toContain(res.body.id);
    expect(
      (await call("POST", "/browser_pools", { size: 1, name: "warm" }, { project: "other" }))
        .status,
    ).toBe(200);
  });

  it("refuses what the document refuses: region in a PATCH, unknown fields, bounds, no size", async () => {
    await call("POST", "/browser_pools", { size: 1, name: "p" });
    const region = await call("PATCH", "/browser_pools/p", { region: "us-west" });
    expect(region.status).toBe(400);
    expect(detailText(region.body)).toMatch(/region is not a known field/);
    expect((await call("POST", "/browser_pools", { name: "no-size" })).status).toBe(400);
    expect((await call("POST", "/browser_pools", { size: 1, timeout_seconds: 5 })).status).toBe(
      400,
    );
    expect((await call("POST", "/browser_pools", { size: 1, region: "mars" })).status).toBe(400);
    expect(
      (await call("POST", "/browser_pools", { size: 1, profile: { id: "a", name: "b" } })).status,
    ).toBe(400);
    expect(
      (await call("POST", "/browser_pools", { size: 1, network: { allowed_hosts: [] } })).status,
    ).toBe(400);
  });

  it("resolves a profile by name and a proxy by id in the pool's project", async () => {
    const profile = await call("POST", "/profiles", { name: "logged-in" });
    const proxy = await call("POST", "/proxies", { type: "isp", name: "isp" });
    const pool = await call("POST", "/browser_pools", {
      size: 1,
      profile: { name: "logged-in" },
      proxy_id: proxy.body.id,
    });
    expect(pool.status).toBe(200);
    expect(pool.body).toMatchObject({
      profile_id: profile.body.id,
      browser_pool_config: {
        profile: { name: "logged-in" },
        proxy_id: proxy.body.id,
        refresh_on_profile_update: true,
      },
    });
    const elsewhere = await call(
      "POST",
      "/browser_pools",
      { size: 1, profile: { name: "logged-in" } },
      { project: "other" },
    );
    expect(elsewhere.status).toBe(400);
    expect(detailText(elsewhere.body)).toMatch(/profile/);
  });

  it("clears by PATCH with the API's values and takes discard_all_idle", async () => {
    const archive = zipOf([{ path: "manifest.json", data: Buffer.from("{}") }]);
    const extension = emulator
      .storeOf<ExtensionStore>("extensions")
      .create({ file: archive, name: "adblock" });
    if (!extension.ok) throw new Error(extension.error.message);
    const { body } = await call("POST", "/browser_pools", {
      size: 1,
      start_url: "https://example.com",
      chrome_policy: { HomepageLocation: "https://example.com" },
      extensions: [{ name: "adblock" }],
      telemetry: { enabled: true },
      network: { private_hosts: ["10.0.0.0/8"] },
    });
    const cleared = await call("PATCH", `/browser_pools/${body.id}`, {
      start_url: "",
      chrome_policy: {},
      extensions: [],
      telemetry: { enabled: false },
      network: {},
      proxy_id: "",
      profile: { id: "" },
      discard_all_idle: true,
    });
    expect(cleared.status).toBe(200);
    expect(validatorFor("BrowserPool")(cleared.body)).toEqual([]);
    const config = cleared.body.browser_pool_config;
    for (const key of ["start_url", "chrome_policy", "extensions", "telemetry", "network"]) {
      expect(config).not.toHaveProperty(key);
    }
    expect(cleared.body.extension_ids).toEqual([]);
  });

  it("refuses a delete while browsers are leased, until forced (in the body or the query)", async () => {
    const { body } = await call("POST", "/browser_pools", { size: 2, name: "busy" });
    await call("PATCH", `/_emulator/browser_pools/${body.id}`, { acquired_count: 1 });
    expect((await call("GET", "/browser_pools/busy")).body).toMatchObject({
      acquired_count: 1,
      available_count: 1,
    });
    const refused = await call("DELETE", "/browser_pools/busy");
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/leased/);
    expect((await call("DELETE", "/browser_pools/busy", { force: false })).status).toBe(409);
    expect((await call("DELETE", "/browser_pools/busy", { force: "yes" })).status).toBe(400);
    // The SDKs send force in the body; the query form of the team's notes works too.
    expect((await call("DELETE", "/browser_pools/busy", { force: true })).status).toBe(204);
    const other = await call("POST", "/browser_pools", { size: 1 });
    await call("PATCH", `/_emulator/browser_pools/${other.body.id}`, { acquired_count: 1 });
    expect((await call("DELETE", `/browser_pools/${other.body.id}?force=true`)).status).toBe(204);
    expect((await call("GET", `/browser_pools/${body.id}`)).body).toMatchObject({
      code: "not_found",
    });
  });

  it("lists by region and pages; hides another project's pools", async () => {
    for (const region of ["us-east", "us-west", "us-west", "eu-west"]) {
      await call("POST", "/browser_pools", { size: 1, region });
    }
    const west = await call("GET", "/browser_pools?region=us-west&limit=1");
    expect(west.body).toHaveLength(1);
    expect(west.headers["x-has-more"]).toBe("true");
    expect(west.headers["x-next-offset"]).toBe("1");
    expect((await call("GET", "/browser_pools?region=us-west&offset=1")).body).toHaveLength(1);
    expect((await call("GET", "/browser_pools", undefined, { project: "other" })).body).toEqual([]);
  });
});
