/**
 * The law of docs/behaviour.md, over generated live and desired states: applying patch(L, D) to L gives D,
 * patch(D, D) is empty, and no key in the patch is already equal. "Applying" is done by the
 * emulator's store, an implementation of the API's PATCH semantics (`browser` merged property
 * by property, `browser.proxy.mode`) independent of the planner, and every body is checked
 * against the OpenAPI document. Server-owned fields the program leaves unset keep their live
 * values and are never sent.
 */
import fc from "fast-check";
import type { ManagedAuth } from "../../src/authConnection/api";
import { toCreateRequest } from "../../src/authConnection/expand";
import { toLiveInputs, toOutputs } from "../../src/authConnection/flatten";
import { planChanges } from "../../src/authConnection/patch";
import { normalizeDomainSet } from "../../src/authConnection/schema";
import { checkResourceInputs } from "../../src/dynamic/owned";
import {
  type AuthConnectionInputs,
  type ProxyInput,
  BROWSER_REGIONS,
  SERVER_OWNED,
  UPDATABLE_FIELDS,
} from "../../src/authConnection/types";
import { validatorFor } from "../../src/emulator/openapi";
import { ConnectionStore, toManagedAuth } from "../../src/emulator/resources/authConnections/store";
import type { ManagedAuthCreateRequest as EmulatorCreate } from "../../src/emulator/resources/authConnections/wire";
import { patchBodyOf } from "../support/planUpdate";
import { authConnectionSpec } from "../../src/authConnection/spec";

/** check as the provider runs it: the core owns `project` and `adopt`. */
const checkInputs = (news: Record<string, unknown>) =>
  checkResourceInputs(authConnectionSpec, news);

const planPatch = patchBodyOf(authConnectionSpec);

const PROXIES = [
  { id: "px_1", name: "residential" },
  { id: "px_2", name: "datacenter" },
  { id: "px_3", name: "mobile" },
];
const resolve = (name: string) => PROXIES.find((p) => p.name === name)?.id as string;
const proxyName = (id: string) => PROXIES.find((p) => p.id === id)?.name;

const host = fc.constantFrom(
  "a.com",
  "B.com",
  "login.netflix.com",
  "Auth.Netflix.com",
  "x.org",
  "*.okta.com",
  "*.Login.example.org",
  "münchen.de",
);
const url = fc.constantFrom(
  "https://www.netflix.com/login",
  "https://netflix.com/signin",
  "http://example.com/a?b=c",
);
const credential = fc.oneof(
  fc.record({ name: fc.constantFrom("c1", "c2") }),
  fc.record({ provider: fc.constantFrom("1p", "bw"), path: fc.constantFrom("V/I", "V/J") }),
  fc.record({ provider: fc.constantFrom("1p", "bw"), auto: fc.constant(true as const) }),
);
const interval = fc.oneof(
  fc.constantFrom(300, 1800, 3600, 21600, 86400),
  fc.integer({ min: 300, max: 86400 }),
);
const proxyRef: fc.Arbitrary<ProxyInput> = fc.oneof(
  fc.record({ id: fc.constantFrom(...PROXIES.map((p) => p.id)) }),
  fc.record({ name: fc.constantFrom(...PROXIES.map((p) => p.name)) }),
  fc.record({ mode: fc.constantFrom("direct" as const, "default" as const) }),
);

const region = fc.constantFrom(...BROWSER_REGIONS);

/** A live connection as the API holds it, and how the program named its proxy last time. */
const liveArb = fc.record(
  {
    login_url: url,
    credential,
    allowed_domains: fc.array(host, { maxLength: 4 }),
    health_check_interval: interval,
    health_checks: fc.boolean(),
    auto_reauth: fc.boolean(),
    record_session: fc.boolean(),
    save_credentials: fc.boolean(),
    stealth: fc.boolean(),
    region,
    proxy: fc.oneof(
      fc.record({ id: fc.constantFrom(...PROXIES.map((p) => p.id)) }),
      fc.constant({ mode: "direct" as const }),
    ),
    priorProxy: proxyRef,
  },
  { requiredKeys: [] },
);

/** A program's inputs, un-normalised, with the same (profileName, domain). */
const desiredArb = fc.record(
  {
    loginUrl: url,
    credential,
    allowedDomains: fc.array(host, { maxLength: 4 }),
    healthCheckInterval: interval,
    healthChecks: fc.boolean(),
    autoReauth: fc.boolean(),
    recordSession: fc.boolean(),
    saveCredentials: fc.boolean(),
    proxy: proxyRef,
    stealth: fc.boolean(),
    region,
    adopt: fc.boolean(),
  },
  { requiredKeys: [] },
);

type LiveFields = Record<string, unknown> & {
  priorProxy?: ProxyInput;
  proxy?: { id: string } | { mode: "direct" };
  stealth?: boolean;
  region?: string;
};

/** The emulator's store holding one connection: created bare, then drifted to `fields`. */
function seeded(fields: LiveFields) {
  const store = new ConnectionStore({ proxies: PROXIES, newId: () => "ma_1" });
  const created = store.create({ profile_name: "team", domain: "netflix.com" });
  if (!created.ok) throw new Error("seed failed");
  const { priorProxy, proxy, stealth, region, ...rest } = fields;
  const browser: Record<string, unknown> = {};
  if (proxy !== undefined) browser.proxy = proxy;
  if (stealth !== undefined) browser.stealth = stealth;
  if (region !== undefined) browser.region = region;
  store.drift("ma_1", { ...rest, browser });
  return { store, priorProxy };
}

const live = (store: ConnectionStore) =>
  toManagedAuth(store.all()[0], proxyName) as unknown as ManagedAuth;

/** The state the provider would hold for the store's connection after the last apply. */
function liveState(fields: LiveFields) {
  const { store, priorProxy } = seeded(fields);
  const api = live(store);
  const ctx =
    priorProxy?.name !== undefined
      ? { proxy: priorProxy, resolvedProxyId: resolve(priorProxy.name) }
      : { proxy: priorProxy };
  return { store, api, state: toOutputs(api, ctx), priorProxy };
}

function checked(raw: Record<string, unknown>): AuthConnectionInputs {
  const { inputs, failures } = checkInputs({ profileName: "team", domain: "Netflix.com", ...raw });
  expect(failures).toEqual([]);
  return inputs as unknown as AuthConnectionInputs;
}

/** The live proxy id of an answer: `browser.proxy.id`, else the deprecated `proxy_id`. */
const liveProxyId = (api: ManagedAuth) => api.browser?.proxy?.id ?? api.proxy_id ?? undefined;

/** Whether the live connection holds the desired value of one API field, judged from API data. */
function alreadyHolds(
  api: ManagedAuth,
  key: string,
  value: unknown,
  priorProxy: ProxyInput | undefined,
): boolean {
  switch (key) {
    case "login_url":
      return (api.login_url ?? "") === value;
    case "credential":
      return JSON.stringify(api.credential ?? null) === JSON.stringify(value);
    case "allowed_domains":
      return (
        JSON.stringify(normalizeDomainSet(api.allowed_domains ?? [])) ===
        JSON.stringify(normalizeDomainSet(value as string[]))
      );
    case "health_check_interval":
    case "health_checks":
    case "auto_reauth":
    case "record_session":
    case "save_credentials":
      return (api as Record<string, unknown>)[key] === value;
    case "browser": {
      const browser = value as {
        proxy?: Record<string, string>;
        stealth?: boolean;
        region?: string;
      };
      if (browser.stealth !== undefined && api.browser?.stealth === browser.stealth) return true;
      if (browser.region !== undefined && api.browser?.region === browser.region) return true;
      const ref = browser.proxy;
      if (ref === undefined) return false;
      if (ref.mode === "default")
        return liveProxyId(api) === undefined && !api.browser?.proxy?.mode;
      if (ref.mode === "direct") return api.browser?.proxy?.mode === "direct";
      if (ref.id !== undefined) return liveProxyId(api) === ref.id;
      // A name's resolution is known only from the last apply that sent that same name.
      return priorProxy?.name === ref.name && liveProxyId(api) === resolve(ref.name);
    }
  }
  throw new Error(`unexpected key ${key}`);
}

describe("the patch law", () => {
  it("patch(L, D) applied to L gives D, and then nothing is left to send", () => {
    fc.assert(
      fc.property(liveArb, desiredArb, (liveFields, raw) => {
        const { store, api, state: L, priorProxy } = liveState(liveFields as LiveFields);
        const D = checked(raw);
        const plan = planChanges(L, D as unknown as Record<string, unknown>);
        if (plan.replaces.length > 0) {
          // Only a removed credential may replace: the API has no detach for it.
          expect(plan.replaces).toEqual(["credential"]);
          expect(D.credential).toBeUndefined();
          return;
        }
        const body = planPatch(L, D) as Record<string, unknown>;
        expect(validatorFor("ManagedAuthUpdateRequest")(body)).toEqual([]);
        for (const [key, value] of Object.entries(body)) {
          expect({ key, already: alreadyHolds(api, key, value, priorProxy) }).toEqual({
            key,
            already: false,
          });
        }
        // A server-owned field the program leaves unset is never sent.
        for (const field of SERVER_OWNED) {
          if (D[field] === undefined) expect(plan.changed).not.toContain(field);
        }

        const updated = store.update("ma_1", body);
        if (!updated.ok) throw new Error(`the API refused ${JSON.stringify(body)}`);
        const after = live(store);
        const sentProxy = (body.browser as { proxy?: unknown } | undefined)?.proxy !== undefined;
        const L2 = toOutputs(after, {
          proxy: D.proxy ?? L.proxy,
          proxyJustSent: sentProxy,
          resolvedProxyId: L.resolvedProxyId,
        });
        const liveManaged = L2 as unknown as Record<string, unknown>;
        const liveProxy = toLiveInputs(L2).proxy;
        for (const field of UPDATABLE_FIELDS) {
          if (field === "proxy") continue;
          const unsetServerOwned =
            (SERVER_OWNED as readonly string[]).includes(field) && D[field] === undefined;
          if (unsetServerOwned) {
            // Untouched: the live value stays.
            expect(liveManaged[field]).toEqual((L as unknown as Record<string, unknown>)[field]);
          } else {
            expect({ field, value: liveManaged[field] }).toEqual({ field, value: D[field] });
          }
        }
        if (D.proxy?.id !== undefined) expect(liveProxyId(after)).toBe(D.proxy.id);
        else if (D.proxy?.name !== undefined)
          expect(liveProxyId(after)).toBe(resolve(D.proxy.name));
        else if (D.proxy?.mode === "direct") expect(liveProxy).toEqual({ mode: "direct" });
        else
          expect({ liveProxy, id: liveProxyId(after) }).toEqual({
            liveProxy: undefined,
            id: undefined,
          });
        expect(planPatch(L2, D)).toEqual({});
      }),
      { numRuns: 500 },
    );
  });

  it("patch(D, D) is empty for a connection created from D", () => {
    fc.assert(
      fc.property(desiredArb, (raw) => {
        const D = checked(raw);
        const body = toCreateRequest(D);
        expect(validatorFor("ManagedAuthCreateRequest")(body)).toEqual([]);
        const store = new ConnectionStore({
          proxies: PROXIES,
          plan: { name: "free", minimum: 300 },
        });
        const created = store.create(body as EmulatorCreate);
        if (!created.ok) throw new Error(created.error.message);
        const state = toOutputs(toManagedAuth(created.value, proxyName) as unknown as ManagedAuth, {
          proxy: D.proxy,
          proxyJustSent: true,
        });
        expect(planPatch(state, D)).toEqual({});
        expect(planChanges(state, D as unknown as Record<string, unknown>).replaces).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
