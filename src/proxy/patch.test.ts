import { UNKNOWN } from "../dynamic/engineKeys";
import { planChanges } from "./patch";
import { checkInputs } from "./schema";
import type { ProxyInputs, ProxyOutputs } from "./types";
import { hasChanges } from "../dynamic/plan";
import { patchBodyOf } from "../../test/support/planUpdate";
import { proxySpec } from "./spec";

const planProxyPatch = patchBodyOf(proxySpec);

const live: ProxyOutputs = {
  type: "residential",
  name: "res",
  protocol: "https",
  config: { country: "US", state: "CA", asn: "7922" },
  bypassHosts: ["a.com", "b.com"],
  status: "available",
  ipAddress: "203.0.113.9",
};

const desired = (raw: Record<string, unknown>): ProxyInputs => {
  const { inputs, failures } = checkInputs(raw);
  expect(failures).toEqual([]);
  return inputs as unknown as ProxyInputs;
};
const plan = (news: Record<string, unknown> | ProxyInputs, olds: Partial<ProxyOutputs> = live) =>
  planChanges(olds, news as Record<string, unknown>);

describe("planChanges: no change", () => {
  it("is empty for the same inputs, whatever the runtime fields, case and order", () => {
    const news = desired({
      type: "residential",
      name: "res",
      protocol: "https",
      config: { country: "us", state: "CA", asn: "7922" },
      bypassHosts: ["B.com", "a.com"],
    });
    expect(hasChanges(plan(news, { ...live, status: "unavailable", ipAddress: "x" }))).toBe(false);
    expect(planProxyPatch(live, news)).toEqual({});
  });

  it("treats unset name, protocol and config keys as server-owned", () => {
    const news = desired({
      type: "residential",
      config: { country: "US" },
      bypassHosts: ["a.com", "b.com"],
    });
    expect(hasChanges(plan(news))).toBe(false);
  });
});

describe("planChanges: rename", () => {
  it("plans one PATCH of the name", () => {
    const news = desired({ type: "residential", name: "renamed", bypassHosts: ["a.com", "b.com"] });
    expect(plan(news)).toEqual({ replaces: [], deleteBeforeReplace: false, changed: ["name"] });
    expect(planProxyPatch(live, news)).toEqual({ name: "renamed" });
  });

  it("counts an unknown name as a change, not a replacement", () => {
    expect(plan({ type: "residential", name: UNKNOWN, bypassHosts: ["a.com", "b.com"] })).toEqual({
      replaces: [],
      deleteBeforeReplace: false,
      changed: ["name"],
    });
  });
});

describe("planChanges: replacements, always created first", () => {
  const base = { type: "residential", bypassHosts: ["a.com", "b.com"] };
  it.each([
    ["type", { ...base, type: "mobile" }],
    ["type", { ...base, type: UNKNOWN }],
    ["protocol", { ...base, protocol: "http" }],
    ["protocol", { ...base, protocol: UNKNOWN }],
    ["config", { ...base, config: { state: "NY" } }],
    ["config", { ...base, config: { zip: "94107" } }],
    ["config", { ...base, config: { country: UNKNOWN } }],
    ["config", { ...base, config: UNKNOWN }],
    ["bypassHosts", { ...base, bypassHosts: ["a.com"] }],
    ["bypassHosts", { type: "residential" }],
    ["bypassHosts", { ...base, bypassHosts: ["a.com", UNKNOWN] }],
  ])("replaces for %s", (field, news) => {
    const result = plan(news);
    expect(result.replaces).toContain(field);
    expect(result.deleteBeforeReplace).toBe(false);
  });

  describe("custom secrets, compared with the values recorded at the last apply", () => {
    const olds: ProxyOutputs = {
      type: "custom",
      config: { host: "h.com", port: 1 },
      password: "p1",
      caBundle: "pem1",
      hasPassword: true,
      hasCaBundle: true,
    };
    const news = {
      type: "custom",
      config: { host: "h.com", port: 1 },
      password: "p1",
      caBundle: "pem1",
    };
    it("is no change while equal", () => expect(hasChanges(plan(news, olds))).toBe(false));
    it.each([
      ["password", { ...news, password: "p2" }],
      ["password", { ...news, password: undefined }],
      ["password", { ...news, password: UNKNOWN }],
      ["caBundle", { ...news, caBundle: "pem2" }],
      ["caBundle", { ...news, caBundle: undefined }],
    ])("replaces when %s changes or is removed", (field, changed) => {
      expect(plan(changed, olds).replaces).toEqual([field]);
    });
    it("replaces when a password is added", () => {
      const { password: _p, ...without } = olds;
      expect(plan(news, without).replaces).toEqual(["password"]);
    });
  });
});
