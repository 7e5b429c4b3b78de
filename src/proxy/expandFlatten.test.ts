import { parseProxy } from "./api";
import { toCreateRequest, toUpdateRequest } from "./expand";
import { toLiveInputs, toOutputs } from "./flatten";
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

describe("toCreateRequest", () => {
  it("sends only what the program set", () => {
    expect(toCreateRequest({ type: "datacenter" })).toEqual({ type: "datacenter" });
    expect(
      toCreateRequest({
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
    expect(toCreateRequest(customDesired)).toEqual({
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

describe("toUpdateRequest", () => {
  it("carries the name and nothing else", () => {
    expect(toUpdateRequest(["name"], customDesired)).toEqual({ name: "office" });
    expect(toUpdateRequest([], customDesired)).toEqual({});
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

describe("toOutputs", () => {
  it("tolerates unknown fields and keeps has_* flags out of config", () => {
    const state = toOutputs(liveCustom, { desired: customDesired });
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
    const read = toOutputs(liveCustom, { olds });
    expect(read).toMatchObject({ password: PASSWORD, caBundle: PEM });
    // The shared provider records the project, not the resource's flatten.
    expect("project" in read).toBe(false);
    const gone = parseProxy({
      ...liveCustom,
      config: { host: "proxy.example.com", port: 3128, has_password: false, has_ca_bundle: false },
    });
    const state = toOutputs(gone, { olds });
    expect(state.password).toBeUndefined();
    expect(state.caBundle).toBeUndefined();
    expect("password" in state).toBe(false);
  });

  it("records server-owned values and never holds undefined or null", () => {
    const state = toOutputs(
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

describe("toLiveInputs", () => {
  it("reports only the server-owned inputs the program set, so unset ones never look removed", () => {
    const live = parseProxy({
      id: "px_3",
      type: "datacenter",
      name: "api-chosen",
      protocol: "https",
      config: { country: "US" },
    });
    const created = toOutputs(live, { desired: { type: "datacenter" } });
    expect(created.serverOwnedInputs).toEqual([]);
    expect(toLiveInputs(created)).toEqual({ type: "datacenter" });
    // A refresh keeps the record from the last apply.
    const read = toOutputs(live, { olds: created });
    expect(toLiveInputs(read)).toEqual({ type: "datacenter" });
    const named = toOutputs(live, {
      desired: { type: "datacenter", name: "mine", config: { country: "US" } },
    });
    expect(toLiveInputs(named)).toEqual({
      type: "datacenter",
      name: "api-chosen",
      config: { country: "US" },
    });
    // A state without the record (Proxy.get) reports everything.
    const { serverOwnedInputs: _record, ...fromGet } = read;
    expect(toLiveInputs(fromGet)).toEqual({
      type: "datacenter",
      name: "api-chosen",
      protocol: "https",
      config: { country: "US" },
    });
  });

  it("gives the inputs as they are live, without runtime fields", () => {
    const state = toOutputs(liveCustom, { olds: customDesired });
    expect(toLiveInputs(state)).toEqual({
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
