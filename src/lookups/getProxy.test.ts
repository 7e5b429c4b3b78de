import { TEST_KEY } from "../../test/support/mockApi";
import { lastPage, lookupApi } from "../../test/support/lookups";
import { runLookup } from "./core";
import { AmbiguousLookupError, LookupNotFoundError } from "./errors";
import { proxyLookup } from "./getProxy";

const custom = {
  id: "proxy_1",
  name: "office",
  type: "custom",
  protocol: "https",
  config: { host: "proxy.example.com", port: 3128, username: "kernel", has_password: true },
  bypass_hosts: ["localhost"],
  status: "available",
  ip_address: "203.0.113.7",
  last_checked: "2026-11-27T00:00:00Z",
};

describe("getProxy", () => {
  it("by id: GET /proxies/{id}, with the config as the API shows it", async () => {
    const api = lookupApi(() => ({ status: 200, body: custom }));
    expect(await runLookup(proxyLookup, { id: "proxy_1" }, api.deps)).toEqual({
      id: "proxy_1",
      name: "office",
      type: "custom",
      protocol: "https",
      config: { host: "proxy.example.com", port: 3128, username: "kernel", hasPassword: true },
      bypassHosts: ["localhost"],
      status: "available",
      ipAddress: "203.0.113.7",
      lastChecked: "2026-11-27T00:00:00Z",
    });
    expect(api.sent()).toEqual(["GET /proxies/proxy_1"]);
  });

  it("by name: lists ?name= and keeps the one exact match (the filter may ignore case)", async () => {
    const api = lookupApi(() => lastPage([{ ...custom, id: "proxy_0", name: "Office" }, custom]));
    expect((await runLookup(proxyLookup, { name: "office" }, api.deps)).id).toBe("proxy_1");
    expect(api.sent()).toEqual(["GET /proxies?name=office&limit=100&offset=0"]);
  });

  it("by a name several proxies share: an error naming their ids", async () => {
    const api = lookupApi(() =>
      lastPage([custom, { ...custom, id: "proxy_2" }, { ...custom, id: "proxy_3" }]),
    );
    const err = await runLookup(proxyLookup, { name: "office", project: "p" }, api.deps).catch(
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(AmbiguousLookupError);
    expect((err as AmbiguousLookupError).matches).toEqual(["proxy_1", "proxy_2", "proxy_3"]);
    expect((err as Error).message).toMatch(
      /^getProxy: 3 proxies are named "office" in project "p" \(proxy_1, proxy_2, proxy_3\)/,
    );
  });

  it("by a name no proxy has: not found, naming the name", async () => {
    const api = lookupApi(() => lastPage([{ ...custom, name: "Office" }]));
    const err = await runLookup(proxyLookup, { name: "office" }, api.deps).catch((e: Error) => e);
    expect(err).toBeInstanceOf(LookupNotFoundError);
    expect((err as Error).message).toBe(
      'getProxy: no proxy with name "office" in the default project',
    );
  });

  it("pages the whole list before deciding a name is unique", async () => {
    const api = lookupApi((req) =>
      req.path.includes("offset=0")
        ? { status: 200, body: [custom], headers: { "x-has-more": "true", "x-next-offset": "100" } }
        : lastPage([{ ...custom, id: "proxy_2" }]),
    );
    await expect(runLookup(proxyLookup, { name: "office" }, api.deps)).rejects.toThrow(
      AmbiguousLookupError,
    );
    expect(api.requests).toHaveLength(2);
  });

  it("never answers a secret the API should not have sent (a password in config)", async () => {
    const api = lookupApi(() => ({
      status: 200,
      body: { ...custom, config: { ...custom.config, password: "hunter2-secret", key: TEST_KEY } },
    }));
    const text = JSON.stringify(await runLookup(proxyLookup, { id: "proxy_1" }, api.deps));
    expect(text).not.toContain("hunter2-secret");
    expect(text).not.toContain(TEST_KEY);
  });
});
