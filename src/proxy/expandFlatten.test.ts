import { parseProxy } from "./api";
import { toProxyCreateRequest, toProxyUpdateRequest } from "./expand";
import { toProxyLiveInputs, toProxyState } from "./flatten";
import type { ProxyInputs } from "./types";

const PASSWORD = "hunter2-very-secret";
const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

const customDesired: ProxyInputs = {
  type: "custom",
  name: "office",
  config: { host: "proxy.example.com", port: 3128, username: "kernel" },
  password: PASSWORD,
  caBundle: PEM,
  bypassHosts: ["internal.example.com"],
};

describe("toProxyCreateRequest", () => {
  it("sends only what the program set", () => {
    expect(toProxyCreateRequest({ type: "datacenter" })).toEqual({ type: "datacenter" });
    expect(
      toProxyCreateRequest({
        type: "residential",
        name: "res",
        protocol: "http",
        config: { country: "US", city: "sanfrancisco" },
        bypassHosts: ["a.com", "b.com"],
      }),
    ).toEqual({
      type: "residential",
      name: "res",
      protocol: "http",
      config: { country: "US", city: "sanfrancisco" },
      bypass_hosts: ["a.com", "b.com"],
    });
  });

  it("puts a custom proxy's secrets into the API's config", () => {
    expect(toProxyCreateRequest(customDesired)).toEqual({
      type: "custom",
      name: "office",
      config: {
        host: "proxy.example.com",
        port: 3128,
        username: "kernel",
        password: PASSWORD,
        ca_bundle: PEM,
      },
      bypass_hosts: ["internal.example.com"],
    });
  });
});

describe("toProxyUpdateRequest", () => {
  it("carries the name and nothing else", () => {
    expect(toProxyUpdateRequest(["name"], customDesired)).toEqual({ name: "office" });
    expect(toProxyUpdateRequest([], customDesired)).toEqual({});
  });
});

const liveCustom = parseProxy({
  id: "px_1",
  type: "custom",
  name: "office",
  protocol: "https",
  config: {
    host: "proxy.example.com",
    port: 3128,
    username: "kernel",
    has_password: true,
    has_ca_bundle: true,
    future_field: 1,
  },
  bypass_hosts: ["Internal.example.com"],
  status: "available",
  ip_address: "203.0.113.9",
  last_checked: "2026-11-27T00:00:00Z",
  something_new: { nested: true },
});

describe("toProxyState", () => {
  it("tolerates unknown fields and keeps has_* flags out of config", () => {
    const state = toProxyState(liveCustom, { desired: customDesired });
    expect(state).toEqual({
      type: "custom",
      name: "office",
      protocol: "https",
      config: { host: "proxy.example.com", port: 3128, username: "kernel" },
      bypassHosts: ["internal.example.com"],
      password: PASSWORD,
      caBundle: PEM,
      hasPassword: true,
      hasCaBundle: true,
      status: "available",
      ipAddress: "203.0.113.9",
      lastChecked: "2026-11-27T00:00:00Z",
      serverOwnedInputs: ["config.host", "config.port", "config.username", "name"],
    });
  });

  it("keeps recorded secrets on read while the API still holds them, and drops them when not", () => {
    const olds = { ...customDesired, project: "prod" };
    const read = toProxyState(liveCustom, { olds });
    expect(read).toMatchObject({ password: PASSWORD, caBundle: PEM });
    // The shared provider records the project, not the resource's flatten.
    expect("project" in read).toBe(false);
    const gone = parseProxy({
      ...liveCustom,
      config: { host: "proxy.example.com", port: 3128, has_password: false, has_ca_bundle: false },
    });
    const state = toProxyState(gone, { olds });
    expect(state.password).toBeUndefined();
    expect(state.caBundle).toBeUndefined();
    expect("password" in state).toBe(false);
  });

  it("records server-owned values and never holds undefined or null", () => {
    const state = toProxyState(
      parseProxy({
        id: "px_2",
        type: "datacenter",
        name: null,
        protocol: "https",
        config: { country: "us", city: null },
        bypass_hosts: null,
        status: null,
      }),
    );
    expect(state).toEqual({ type: "datacenter", protocol: "https", config: { country: "US" } });
  });

  it("refuses an answer without id or type (a malformed answer)", () => {
    expect(() => parseProxy({ type: "isp" })).toThrow();
    expect(() => parseProxy({ id: "px_1" })).toThrow();
  });
});

describe("toProxyLiveInputs", () => {
  it("reports only the server-owned inputs the program set, so unset ones never look removed", () => {
    const live = parseProxy({
      id: "px_3",
      type: "datacenter",
      name: "api-chosen",
      protocol: "https",
      config: { country: "US" },
    });
    const created = toProxyState(live, { desired: { type: "datacenter" } });
    expect(created.serverOwnedInputs).toEqual([]);
    expect(toProxyLiveInputs(created)).toEqual({ type: "datacenter" });
    // A refresh keeps the record from the last apply.
    const read = toProxyState(live, { olds: created });
    expect(toProxyLiveInputs(read)).toEqual({ type: "datacenter" });
    const named = toProxyState(live, {
      desired: { type: "datacenter", name: "mine", config: { country: "US" } },
    });
    expect(toProxyLiveInputs(named)).toEqual({
      type: "datacenter",
      name: "api-chosen",
      config: { country: "US" },
    });
    // A state without the record (Proxy.get) reports everything.
    const { serverOwnedInputs: _record, ...fromGet } = read;
    expect(toProxyLiveInputs(fromGet)).toEqual({
      type: "datacenter",
      name: "api-chosen",
      protocol: "https",
      config: { country: "US" },
    });
  });

  it("gives the inputs as they are live, without runtime fields", () => {
    const state = toProxyState(liveCustom, { olds: { ...customDesired, project: "prod" } });
    expect(toProxyLiveInputs(state)).toEqual({
      type: "custom",
      name: "office",
      protocol: "https",
      config: { host: "proxy.example.com", port: 3128, username: "kernel" },
      password: PASSWORD,
      caBundle: PEM,
      bypassHosts: ["internal.example.com"],
    });
  });
});
