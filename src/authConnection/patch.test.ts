import { planChanges } from "./patch";
import { checkResourceInputs } from "../dynamic/owned";
import { EXAMPLE_ARGS } from "../../test/support/example";
import {
  type AuthConnectionOutputs,
  type AuthConnectionInputs,
  SERVER_OWNED,
  UNKNOWN,
  UPDATABLE_FIELDS,
} from "./types";
import { hasChanges } from "../dynamic/plan";
import { patchBodyOf } from "../../test/support/planUpdate";
import { authConnectionSpec } from "./spec";

/** check as the provider runs it: the core owns `project` and `adopt`. */
const checkInputs = (news: Record<string, unknown>) =>
  checkResourceInputs(authConnectionSpec, news);

const planPatch = patchBodyOf(authConnectionSpec);

const live: AuthConnectionOutputs = {
  profileName: "team-netflix",
  domain: "netflix.com",
  loginUrl: "https://www.netflix.com/login",
  credential: { name: "netflix-creds" },
  allowedDomains: ["auth.netflix.com", "login.netflix.com"],
  healthCheckInterval: 1800,
  saveCredentials: true,
  proxy: { name: "residential" },
  proxyId: "px_1",
  resolvedProxyId: "px_1",
  status: "AUTHENTICATED",
  canReauth: true,
  lastAuthCheckAt: "2026-01-01T00:00:00Z",
};

/** Desired state as check would give it. */
function desired(
  overrides: Record<string, unknown> = {},
  remove: string[] = [],
): AuthConnectionInputs {
  const raw: Record<string, unknown> = { ...EXAMPLE_ARGS, ...overrides };
  for (const key of remove) delete raw[key];
  const { inputs, failures } = checkInputs(raw);
  expect(failures).toEqual([]);
  return inputs as unknown as AuthConnectionInputs;
}

const plan = (
  news: Record<string, unknown> | AuthConnectionInputs,
  olds: Partial<AuthConnectionOutputs> = live,
) => planChanges(olds, news as Record<string, unknown>);

describe("planChanges: nothing to do", () => {
  it("is empty for the same desired state", () => {
    expect(hasChanges(plan(desired()))).toBe(false);
    expect(planPatch(live, desired())).toEqual({});
  });

  it("ignores runtime fields, order and case of domains, and adopt", () => {
    const olds = { ...live, status: "NEEDS_AUTH", canReauth: false, lastAuthCheckAt: "later" };
    const news = desired({
      domain: "NETFLIX.com",
      allowedDomains: ["LOGIN.netflix.com", "auth.netflix.com", "auth.netflix.com"],
      adopt: true,
    });
    expect(hasChanges(plan(news, olds))).toBe(false);
  });

  it("treats an empty allowedDomains as none", () => {
    const olds: Partial<AuthConnectionOutputs> = { profileName: "p", domain: "d.com" };
    expect(hasChanges(plan({ profileName: "p", domain: "d.com", allowedDomains: [] }, olds))).toBe(
      false,
    );
  });

  it("makes no diff for server-owned fields the program leaves unset, whatever is live", () => {
    const olds: Partial<AuthConnectionOutputs> = {
      profileName: "p",
      domain: "d.com",
      healthCheckInterval: 21600,
      healthChecks: false,
      autoReauth: false,
      recordSession: true,
      saveCredentials: false,
      stealth: false,
    };
    expect(
      hasChanges(plan(desired({ profileName: "p", domain: "d.com" }, [...UPDATABLE_FIELDS]), olds)),
    ).toBe(false);
  });

  it("keeps the live value when a server-owned field is removed from the program", () => {
    for (const field of SERVER_OWNED) {
      expect(planPatch(live, desired({}, [field]))).toEqual({});
    }
  });

  it("accepts a proxy named by id when that id is the one attached", () => {
    expect(hasChanges(plan(desired({ proxy: { id: "px_1" } })))).toBe(false);
  });
});

describe("planChanges: PATCH fields", () => {
  it.each([
    [{ loginUrl: "https://netflix.com/signin" }, { login_url: "https://netflix.com/signin" }],
    [
      { credential: { provider: "1p", path: "Team/Netflix" } },
      { credential: { provider: "1p", path: "Team/Netflix" } },
    ],
    [
      { credential: { provider: "1p", auto: true } },
      { credential: { provider: "1p", auto: true } },
    ],
    [{ allowedDomains: ["x.netflix.com"] }, { allowed_domains: ["x.netflix.com"] }],
    [{ healthCheckInterval: 7200 }, { health_check_interval: 7200 }],
    [{ saveCredentials: false }, { save_credentials: false }],
    [{ proxy: { name: "datacenter" } }, { browser: { proxy: { name: "datacenter" } } }],
    [{ proxy: { id: "px_2" } }, { browser: { proxy: { id: "px_2" } } }],
    [{ proxy: { mode: "direct" } }, { browser: { proxy: { mode: "direct" } } }],
    [{ stealth: false }, { browser: { stealth: false } }],
    [{ region: "eu-west" }, { browser: { region: "eu-west" } }],
  ])("sends only %j as %j", (change, body) => {
    const news = desired(change);
    const p = plan(news);
    expect(p.replaces).toEqual([]);
    expect(planPatch(live, news)).toEqual(body);
  });

  it("clears loginUrl with the API's empty string", () => {
    expect(planPatch(live, desired({}, ["loginUrl"]))).toEqual({ login_url: "" });
  });

  it("clears allowedDomains with an empty list", () => {
    expect(planPatch(live, desired({}, ["allowedDomains"]))).toEqual({ allowed_domains: [] });
  });

  it("sends a server-owned field the program sets when the live value differs", () => {
    expect(planPatch(live, desired({ healthCheckInterval: 3600 }))).toEqual({
      health_check_interval: 3600,
    });
    expect(planPatch({ ...live, healthChecks: true }, desired({ healthChecks: false }))).toEqual({
      health_checks: false,
    });
    expect(planPatch({ ...live, autoReauth: true }, desired({ autoReauth: false }))).toEqual({
      auto_reauth: false,
    });
    expect(planPatch({ ...live, recordSession: false }, desired({ recordSession: true }))).toEqual({
      record_session: true,
    });
  });

  it("detaches a removed proxy in place with browser.proxy.mode default", () => {
    const p = plan(desired({}, ["proxy"]));
    expect(p.replaces).toEqual([]);
    expect(planPatch(live, desired({}, ["proxy"]))).toEqual({
      browser: { proxy: { mode: "default" } },
    });
    // {mode: "default"} is the same intent as no proxy.
    expect(planPatch(live, desired({ proxy: { mode: "default" } }))).toEqual({
      browser: { proxy: { mode: "default" } },
    });
  });

  it("sends proxy and stealth in one browser object", () => {
    expect(
      planPatch({ ...live, stealth: true }, desired({ proxy: { mode: "direct" }, stealth: false })),
    ).toEqual({ browser: { proxy: { mode: "direct" }, stealth: false } });
  });

  it("sends a changed region inside the one browser object, and none while region is unset", () => {
    const inEu = { ...live, region: "eu-west" as const };
    expect(
      planPatch(inEu, desired({ proxy: { mode: "direct" }, stealth: false, region: "us-west" })),
    ).toEqual({ browser: { proxy: { mode: "direct" }, stealth: false, region: "us-west" } });
    expect(planPatch(inEu, desired({ region: "eu-west" }))).toEqual({});
    // Server-owned: unset (or removed from the program) is no change, whatever region is live.
    expect(plan(desired(), inEu).changed).toEqual([]);
    // The runtime reason is never a difference.
    const unverifiable = { ...inEu, healthCheckUnavailableReason: "no_auth_check_url" };
    expect(hasChanges(plan(desired(), unverifiable))).toBe(false);
    expect(planPatch({ ...live, region: "mars-1" as never }, desired())).toEqual({});
  });

  it("makes no diff for a direct proxy that is live, and none for no proxy where none is", () => {
    const direct = { ...live, proxy: { mode: "direct" as const } };
    delete direct.proxyId;
    expect(planPatch(direct, desired({ proxy: { mode: "direct" } }))).toEqual({});
    const none = { ...live };
    delete none.proxy;
    delete none.proxyId;
    expect(planPatch(none, desired({}, ["proxy"]))).toEqual({});
  });

  it("re-sends a proxy named by name when the live proxy_id drifted from its resolution", () => {
    const drifted = { ...live, proxyId: "px_9" };
    expect(plan(desired(), drifted).changed).toEqual(["proxy"]);
    expect(planPatch(drifted, desired())).toEqual({ browser: { proxy: { name: "residential" } } });
  });

  it("re-sends the proxy when it was detached behind our back", () => {
    const detached = { ...live };
    delete detached.proxy;
    delete detached.proxyId;
    expect(planPatch(detached, desired())).toEqual({
      browser: { proxy: { name: "residential" } },
    });
  });

  it("carries several drifted fields in one body, in API form", () => {
    const drifted = {
      ...live,
      healthCheckInterval: 600,
      saveCredentials: false,
      allowedDomains: ["evil.com"],
    };
    expect(planPatch(drifted, desired())).toEqual({
      allowed_domains: ["auth.netflix.com", "login.netflix.com"],
      health_check_interval: 1800,
      save_credentials: true,
    });
  });
});

describe("planChanges: replacements", () => {
  it("replaces on profileName, create-before-delete since the key changes", () => {
    const p = plan(desired({ profileName: "other" }));
    expect(p.replaces).toEqual(["profileName"]);
    expect(p.deleteBeforeReplace).toBe(false);
  });

  it("replaces on domain, create-before-delete", () => {
    const p = plan(desired({ domain: "hulu.com" }));
    expect(p.replaces).toEqual(["domain"]);
    expect(p.deleteBeforeReplace).toBe(false);
  });

  it("replaces when credential is removed, deleting first since the key is kept", () => {
    const p = plan(desired({}, ["credential"]));
    expect(p.replaces).toEqual(["credential"]);
    expect(p.deleteBeforeReplace).toBe(true);
    expect(p.changed).not.toContain("credential");
  });

  it("does not delete first when the key changes too", () => {
    const p = plan(desired({ domain: "hulu.com" }, ["credential"]));
    expect(p.replaces).toEqual(["domain", "credential"]);
    expect(p.deleteBeforeReplace).toBe(false);
  });

  it("never replaces for a credential or proxy that was never there", () => {
    const bare = { profileName: "p", domain: "d.com", status: "NEEDS_AUTH" };
    expect(plan({ profileName: "p", domain: "d.com" }, bare).replaces).toEqual([]);
  });
});

describe("planChanges: unknown values", () => {
  it.each([
    ["loginUrl", UNKNOWN],
    ["credential", { name: UNKNOWN }],
    ["allowedDomains", ["a.com", UNKNOWN]],
    ["healthCheckInterval", UNKNOWN],
    ["saveCredentials", UNKNOWN],
    ["proxy", { id: UNKNOWN }],
  ])("an unknown %s is a change, not a replacement", (field, value) => {
    const p = plan({ ...desired(), [field]: value });
    expect(hasChanges(p)).toBe(true);
    expect(p.changed).toEqual([field]);
    expect(p.replaces).toEqual([]);
  });

  it.each(["profileName", "domain"])(
    "an unknown %s is a replacement, deleting first to be safe",
    (field) => {
      const p = plan({ ...desired(), [field]: UNKNOWN });
      expect(p.replaces).toEqual([field]);
      expect(p.deleteBeforeReplace).toBe(true);
    },
  );
});
