import type { ManagedAuth } from "./api";
import { toCreateRequest, toUpdateRequest } from "./expand";
import { toLiveInputs, toOutputs } from "./flatten";
import type { AuthConnectionInputs } from "./types";

const desired: AuthConnectionInputs = {
  profileName: "team-netflix",
  domain: "netflix.com",
  loginUrl: "https://www.netflix.com/login",
  credential: { provider: "1p", path: "Team/Netflix" },
  allowedDomains: ["auth.netflix.com", "login.netflix.com"],
  healthCheckInterval: 1800,
  saveCredentials: false,
  proxy: { id: "px_1" },
};

const apiObject: ManagedAuth = {
  id: "ma_1",
  profile_name: "team-netflix",
  domain: "Netflix.com",
  status: "AUTHENTICATED",
  save_credentials: false,
  login_url: "https://www.netflix.com/login",
  credential: { provider: "1p", path: "Team/Netflix" },
  allowed_domains: ["login.netflix.com", "auth.netflix.com"],
  health_check_interval: 1800,
  proxy_id: "px_1",
  can_reauth: true,
  can_reauth_reason: "has_credential",
  post_login_url: "https://www.netflix.com/browse",
  last_auth_check_at: "2026-01-01T00:00:00Z",
  flow_status: null,
  record_session: true,
};

describe("expand", () => {
  it("maps every field to its API name for create; adopt is never sent", () => {
    expect(toCreateRequest(desired)).toEqual({
      profile_name: "team-netflix",
      domain: "netflix.com",
      login_url: "https://www.netflix.com/login",
      credential: { provider: "1p", path: "Team/Netflix" },
      allowed_domains: ["auth.netflix.com", "login.netflix.com"],
      health_check_interval: 1800,
      save_credentials: false,
      browser: { proxy: { id: "px_1" } },
    });
  });

  it("sends the new settings, with proxy and stealth in one browser object", () => {
    expect(
      toCreateRequest({
        profileName: "p",
        domain: "d.com",
        healthChecks: false,
        autoReauth: false,
        recordSession: true,
        proxy: { mode: "direct" },
        stealth: false,
      }),
    ).toEqual({
      profile_name: "p",
      domain: "d.com",
      health_checks: false,
      auto_reauth: false,
      record_session: true,
      browser: { proxy: { mode: "direct" }, stealth: false },
    });
  });

  it("sends only the key when every optional field is unset (server-owned defaults stay the server's)", () => {
    expect(toCreateRequest({ profileName: "p", domain: "d.com" })).toEqual({
      profile_name: "p",
      domain: "d.com",
    });
  });

  it("puts exactly the named fields in a PATCH", () => {
    expect(toUpdateRequest(["saveCredentials"], desired)).toEqual({ save_credentials: false });
    expect(toUpdateRequest([], desired)).toEqual({});
  });

  it("maps each credential shape", () => {
    expect(toUpdateRequest(["credential"], { ...desired, credential: { name: "n" } })).toEqual({
      credential: { name: "n" },
    });
    expect(
      toUpdateRequest(["credential"], { ...desired, credential: { provider: "1p", auto: true } }),
    ).toEqual({
      credential: { provider: "1p", auto: true },
    });
  });
});

describe("flatten", () => {
  it("gives outputs in check's normalised form, with runtime fields", () => {
    expect(toOutputs(apiObject)).toEqual({
      profileName: "team-netflix",
      domain: "netflix.com",
      loginUrl: "https://www.netflix.com/login",
      credential: { provider: "1p", path: "Team/Netflix" },
      allowedDomains: ["auth.netflix.com", "login.netflix.com"],
      healthCheckInterval: 1800,
      saveCredentials: false,
      proxy: { id: "px_1" },
      status: "AUTHENTICATED",
      canReauth: true,
      canReauthReason: "has_credential",
      proxyId: "px_1",
      recordSession: true,
      postLoginUrl: "https://www.netflix.com/browse",
      lastAuthCheckAt: "2026-01-01T00:00:00Z",
    });
  });

  it("reads the region from browser (a region it does not know included) and the health-check reason as a runtime output", () => {
    const state = toOutputs({
      ...apiObject,
      browser: { region: "sa-east" },
      health_check_unavailable_reason: "no_auth_check_url",
    });
    expect(state).toMatchObject({
      region: "sa-east",
      healthCheckUnavailableReason: "no_auth_check_url",
    });
    expect(toOutputs(apiObject).region).toBeUndefined();
    // A runtime field is never an input: a refresh does not report it as one.
    expect(toLiveInputs(state)).not.toHaveProperty("healthCheckUnavailableReason");
  });

  it("sends region inside browser on create, with or without proxy and stealth", () => {
    expect(toCreateRequest({ profileName: "p", domain: "d.com", region: "ap-southeast" })).toEqual({
      profile_name: "p",
      domain: "d.com",
      browser: { region: "ap-southeast" },
    });
    expect(
      toCreateRequest({ profileName: "p", domain: "d.com", stealth: true, region: "eu-west" })
        .browser,
    ).toEqual({ stealth: true, region: "eu-west" });
  });

  it("carries the live server-owned values, stealth from browser", () => {
    const state = toOutputs({
      ...apiObject,
      health_check_interval: 21600,
      health_checks: true,
      auto_reauth: false,
      browser: { stealth: true, proxy: null },
    });
    expect(state).toMatchObject({
      healthCheckInterval: 21600,
      healthChecks: true,
      autoReauth: false,
      recordSession: true,
      saveCredentials: false,
      stealth: true,
    });
  });

  it.each([
    [{ browser: { proxy: { id: "px_2" } }, proxy_id: "px_1" }, { id: "px_2" }, "px_2"],
    [{ browser: { proxy: { id: "px_2", name: "dc" } } }, { id: "px_2" }, "px_2"],
    [{ browser: { proxy: { name: "dc" } }, proxy_id: null }, { name: "dc" }, undefined],
    [{ browser: { proxy: { mode: "direct" } }, proxy_id: null }, { mode: "direct" }, undefined],
    [{ browser: { proxy: { mode: "default" } }, proxy_id: null }, undefined, undefined],
    [{ browser: {}, proxy_id: "px_1" }, { id: "px_1" }, "px_1"],
    [{ browser: null, proxy_id: null }, undefined, undefined],
  ])("reads the proxy from %j", (fields, proxy, proxyId) => {
    const state = toOutputs({ ...apiObject, ...fields } as ManagedAuth);
    expect(state.proxy).toEqual(proxy);
    expect(state.proxyId).toEqual(proxyId);
  });

  it("holds no undefined and no null value", () => {
    const minimal: ManagedAuth = {
      id: "ma_2",
      profile_name: "p",
      domain: "d.com",
      status: "NEEDS_AUTH",
      save_credentials: true,
      health_check_interval: null,
      allowed_domains: null,
    };
    const state = toOutputs(minimal);
    expect(Object.values(state).filter((v) => v === undefined || v === null)).toEqual([]);
    expect(state).not.toHaveProperty("healthCheckInterval");
  });

  it("keeps a proxy named by name, recording what it resolved to right after an apply", () => {
    const state = toOutputs(apiObject, { proxy: { name: "residential" }, proxyJustSent: true });
    expect(state.proxy).toEqual({ name: "residential" });
    expect(state.resolvedProxyId).toBe("px_1");
  });

  it("shows a drifted named proxy as its live id in the read inputs", () => {
    const state = toOutputs(
      { ...apiObject, proxy_id: "px_9" },
      { proxy: { name: "residential" }, resolvedProxyId: "px_1" },
    );
    expect(state.resolvedProxyId).toBe("px_1");
    expect(toLiveInputs(state).proxy).toEqual({ id: "px_9" });
  });

  it("gives the live inputs without runtime fields", () => {
    const inputs = toLiveInputs(toOutputs(apiObject));
    expect(Object.keys(inputs).sort()).toEqual(
      [
        "allowedDomains",
        "credential",
        "domain",
        "healthCheckInterval",
        "loginUrl",
        "profileName",
        "proxy",
        "saveCredentials",
      ].sort(),
    );
  });

  it("reports as live inputs only the server-owned fields the program set", () => {
    const state = toOutputs(apiObject, { serverOwnedInputs: ["recordSession"] });
    expect(state.serverOwnedInputs).toEqual(["recordSession"]);
    const inputs = toLiveInputs(state);
    expect(inputs.recordSession).toBe(true);
    expect(inputs).not.toHaveProperty("healthCheckInterval");
    expect(inputs).not.toHaveProperty("saveCredentials");
  });
});
