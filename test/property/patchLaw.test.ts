/**
 * The law of BEHAVIOR.md section 4, over generated live and desired states: applying
 * patch(L, D) to L gives D, patch(D, D) is empty, and no key in the patch is already equal.
 * "Applying" is done by the emulator's store, an implementation of the API's PATCH semantics
 * independent of the planner, and every body is checked against the OpenAPI document.
 */
import fc from "fast-check";
import { toCreateRequest } from "../../src/authConnection/expand";
import { toLiveInputs, toState } from "../../src/authConnection/flatten";
import { planChanges, planPatch } from "../../src/authConnection/patch";
import { checkInputs, normalizeDomainSet } from "../../src/authConnection/schema";
import type { CheckedInputs, ProxyInput } from "../../src/authConnection/types";
import type { ManagedAuth } from "../../src/kernel/api";
import { validatorFor } from "../../src/emulator/openapi";
import { ConnectionStore, toManagedAuth } from "../../src/emulator/store";

const PROXIES = [
  { id: "px_1", name: "residential" },
  { id: "px_2", name: "datacenter" },
  { id: "px_3", name: "mobile" },
];
const resolve = (name: string) => PROXIES.find((p) => p.name === name)?.id;

const host = fc.constantFrom("a.com", "B.com", "login.netflix.com", "Auth.Netflix.com", "x.org");
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
  fc.constantFrom(300, 1800, 3600, 86400),
  fc.integer({ min: 300, max: 86400 }),
);
const proxyRef: fc.Arbitrary<ProxyInput> = fc.oneof(
  fc.record({ id: fc.constantFrom(...PROXIES.map((p) => p.id)) }),
  fc.record({ name: fc.constantFrom(...PROXIES.map((p) => p.name)) }),
);

/** A live connection as the API returns it, and how the program named its proxy last time. */
const liveArb = fc.record(
  {
    login_url: url,
    credential,
    allowed_domains: fc.array(host, { maxLength: 4 }),
    health_check_interval: fc.oneof(interval, fc.constant(null)),
    save_credentials: fc.boolean(),
    proxy_id: fc.constantFrom(...PROXIES.map((p) => p.id)),
    priorProxy: proxyRef,
  },
  { requiredKeys: ["save_credentials"] },
);

/** A program's inputs, un-normalised, with the same (profileName, domain). */
const desiredArb = fc.record(
  {
    loginUrl: url,
    credential,
    allowedDomains: fc.array(host, { maxLength: 4 }),
    healthCheckInterval: interval,
    saveCredentials: fc.boolean(),
    proxy: proxyRef,
    adopt: fc.boolean(),
  },
  { requiredKeys: [] },
);

function liveState(liveFields: Record<string, unknown>) {
  const { priorProxy, ...fields } = liveFields as Record<string, unknown> & {
    priorProxy?: ProxyInput;
  };
  const api = {
    id: "ma_1",
    profile_name: "team",
    domain: "netflix.com",
    status: "AUTHENTICATED",
    ...fields,
  } as ManagedAuth;
  const ctx =
    priorProxy && "name" in priorProxy
      ? { proxy: priorProxy, resolvedProxyId: resolve(priorProxy.name) }
      : { proxy: priorProxy };
  return { api, state: toState(api, ctx), priorProxy };
}

function checked(raw: Record<string, unknown>): CheckedInputs {
  const { inputs, failures } = checkInputs({ profileName: "team", domain: "Netflix.com", ...raw });
  expect(failures).toEqual([]);
  return inputs as unknown as CheckedInputs;
}

/** The emulator applying a PATCH body to the live connection. */
function applyWithApi(api: ManagedAuth, body: Record<string, unknown>): ManagedAuth {
  const store = new ConnectionStore({ proxies: PROXIES, newId: () => api.id });
  const created = store.create({ profile_name: api.profile_name, domain: api.domain });
  if (!created.ok) throw new Error("seed failed");
  store.drift(api.id, {
    login_url: api.login_url ?? null,
    credential: api.credential ?? null,
    allowed_domains: api.allowed_domains ?? [],
    health_check_interval: api.health_check_interval ?? 3600,
    save_credentials: api.save_credentials,
    proxy_id: api.proxy_id ?? null,
  });
  const updated = store.update(api.id, body);
  if (!updated.ok)
    throw new Error(`the API refused ${JSON.stringify(body)}: ${updated.error.message}`);
  return toManagedAuth(updated.value) as ManagedAuth;
}

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
      return (api.health_check_interval ?? 3600) === value;
    case "save_credentials":
      return api.save_credentials === value;
    case "proxy": {
      const ref = value as ProxyInput;
      if ("id" in ref) return api.proxy_id === ref.id;
      // A name's resolution is known only from the last apply that sent that same name.
      return (
        !!priorProxy &&
        "name" in priorProxy &&
        priorProxy.name === ref.name &&
        api.proxy_id === resolve(ref.name)
      );
    }
  }
  throw new Error(`unexpected key ${key}`);
}

describe("the patch law", () => {
  it("patch(L, D) applied to L gives D, and then nothing is left to send", () => {
    fc.assert(
      fc.property(liveArb, desiredArb, (liveFields, raw) => {
        const { api, state: L, priorProxy } = liveState(liveFields);
        const D = checked(raw);
        const plan = planChanges(L, D as unknown as Record<string, unknown>);
        if (plan.replaces.length > 0) {
          // Only removals the API cannot do in place may replace.
          for (const field of plan.replaces) {
            expect(["credential", "proxy"]).toContain(field);
            expect(D[field as "credential" | "proxy"]).toBeUndefined();
          }
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

        const after = applyWithApi(api, body);
        const L2 = toState(after, {
          proxy: D.proxy ?? L.proxy,
          proxyJustSent: "proxy" in body,
          resolvedProxyId: L.resolvedProxyId,
        });
        const { proxy: liveProxy, ...liveManaged } = toLiveInputs(L2);
        const { proxy: desiredProxy, adopt: _adopt, ...desiredManaged } = D;
        expect(liveManaged).toEqual(desiredManaged);
        if (desiredProxy) {
          const wantedId = "id" in desiredProxy ? desiredProxy.id : resolve(desiredProxy.name);
          expect(after.proxy_id).toBe(wantedId);
        }
        expect(liveProxy === undefined).toBe(after.proxy_id === undefined);
        expect(planPatch(L2, D)).toEqual({});
      }),
      { numRuns: 500 },
    );
  });

  it("patch(D, D) is empty for a connection created from D", () => {
    fc.assert(
      fc.property(desiredArb, (raw) => {
        const D = checked(raw);
        const store = new ConnectionStore({ proxies: PROXIES });
        const created = store.create(toCreateRequest(D));
        if (!created.ok) throw new Error(created.error.message);
        const state = toState(toManagedAuth(created.value) as ManagedAuth, {
          proxy: D.proxy,
          proxyJustSent: true,
          adopt: D.adopt,
        });
        expect(planPatch(state, D)).toEqual({});
        expect(planChanges(state, D as unknown as Record<string, unknown>).replaces).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
