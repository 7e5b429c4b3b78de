import { lookupApi, notFoundReply } from "../../test/support/lookups";
import { runLookup } from "./core";
import { LookupNotFoundError } from "./errors";
import { browserPoolLookup } from "./getBrowserPool";

const pool = {
  id: "bp_1",
  name: "checkout",
  region: "us-east",
  created_at: "2026-11-27T00:00:00Z",
  acquired_count: 2,
  available_count: 3,
  extension_ids: ["ext_1"],
  profile_id: "prof_1",
  browser_pool_config: {
    size: 5,
    proxy_id: "",
    headless: false,
    stealth: true,
    timeout_seconds: 600,
    fill_rate_per_minute: 10,
    viewport: { width: 1920, height: 1080 },
  },
};

describe("getBrowserPool", () => {
  it("reads /browser_pools/{id_or_name}: counts, config and resolved ids", async () => {
    const api = lookupApi(() => ({ status: 200, body: pool }));
    expect(await runLookup(browserPoolLookup, { name: "checkout" }, api.deps)).toEqual({
      id: "bp_1",
      name: "checkout",
      region: "us-east",
      size: 5,
      acquiredCount: 2,
      availableCount: 3,
      extensionIds: ["ext_1"],
      profileId: "prof_1",
      headless: false,
      stealth: true,
      timeoutSeconds: 600,
      fillRatePerMinute: 10,
      createdAt: "2026-11-27T00:00:00Z",
    });
    expect(api.sent()).toEqual(["GET /browser_pools/checkout"]);
  });

  it("an attached proxy is answered by id; a pool without extensions has an empty list", async () => {
    const api = lookupApi(() => ({
      status: 200,
      body: {
        ...pool,
        extension_ids: undefined,
        browser_pool_config: { size: 1, proxy_id: "proxy_1" },
      },
    }));
    const found = await runLookup(browserPoolLookup, { id: "bp_1" }, api.deps);
    expect(found.proxyId).toBe("proxy_1");
    expect(found.extensionIds).toEqual([]);
  });

  it("a 404 names the pool asked for", async () => {
    const api = lookupApi(() => notFoundReply);
    await expect(
      runLookup(browserPoolLookup, { name: "gone", project: "prod" }, api.deps),
    ).rejects.toThrow(
      new LookupNotFoundError(
        'getBrowserPool: no browser pool with name "gone" in project "prod" (404 not_found)',
      ),
    );
  });
});
