/**
 * The planner law (docs/behaviour.md) for Proxy, over generated live and desired
 * states: applying the plan to L (the one PATCH when nothing needs replacing, else a new object
 * from the create body) gives D after normalisation; the plan of D against itself is empty; and
 * no field the plan names is already as desired. "Applying" is done by the emulator's stores,
 * models of the API written apart from the planner.
 */
import fc from "fast-check";
import { ProxyStore } from "../../src/emulator/resources/proxies/store";
import { parseProxy } from "../../src/proxy/api";
import { toCreateRequest } from "../../src/proxy/expand";
import { toOutputs } from "../../src/proxy/flatten";
import { hasChanges } from "../../src/dynamic/plan";
import { planChanges } from "../../src/proxy/patch";
import { proxySpec } from "../../src/proxy/spec";
import { checkInputs, normalizeBypassHosts } from "../../src/proxy/schema";
import type { ProxyInputs, ProxyOutputs, ProxyType } from "../../src/proxy/types";
import { patchBodyOf } from "../support/planUpdate";

const planProxyPatch = patchBodyOf(proxySpec);

const PEM = (n: number) => `-----BEGIN CERTIFICATE-----\nMII${n}\n-----END CERTIFICATE-----\n`;

const configArb: Record<ProxyType, fc.Arbitrary<Record<string, unknown>>> = {
  datacenter: fc.record({ country: fc.constantFrom("US", "de", "FR") }, { requiredKeys: [] }),
  isp: fc.record({ country: fc.constantFrom("US", "gb") }, { requiredKeys: [] }),
  residential: fc
    .record(
      {
        asn: fc.constantFrom("7922", "701"),
        city: fc.constantFrom("sanfrancisco", "austin"),
        country: fc.constantFrom("US", "us", "CA"),
        os: fc.constantFrom("windows", "macos", "android"),
        state: fc.constantFrom("CA", "tx"),
        zip: fc.constantFrom("94107", "73301"),
      },
      { requiredKeys: [] },
    )
    // city requires country
    .map((c) => (c.city !== undefined && c.country === undefined ? { ...c, country: "US" } : c)),
  mobile: fc.record(
    {
      city: fc.constantFrom("la", "nyc"),
      country: fc.constantFrom("US", "mx"),
      state: fc.constantFrom("CA", "ny"),
    },
    { requiredKeys: [] },
  ),
  custom: fc.record(
    {
      host: fc.constantFrom("proxy.example.com", "10.0.0.7"),
      port: fc.constantFrom(3128, 8080),
      username: fc.constantFrom("kernel", "ops"),
    },
    { requiredKeys: ["host", "port"] },
  ),
};

const typeArb = fc.constantFrom<ProxyType>("datacenter", "isp", "residential", "mobile", "custom");
const hostsArb = fc.array(
  fc.constantFrom("a.example.com", "B.example.com", "*.internal.example", "10.1.2.3"),
  { maxLength: 3 },
);

/** A program's (un-normalised) inputs for a given type. */
const inputsFor = (type: ProxyType) =>
  fc
    .record(
      {
        name: fc.constantFrom("office", "res-1", "res-2"),
        protocol: fc.constantFrom("http", "https"),
        config: configArb[type],
        bypassHosts: hostsArb,
        password: fc.constantFrom("pw-one", "pw-two"),
        caBundle: fc.constantFrom(PEM(1), PEM(2)),
      },
      { requiredKeys: type === "custom" ? ["config"] : [] },
    )
    .map((raw) => {
      const out: Record<string, unknown> = { type, ...raw };
      if (type !== "custom") {
        delete out.password;
        delete out.caBundle;
      }
      return out;
    });

/**
 * Live proxy (made by a POST of its own inputs) and a desired state: the live inputs again, or
 * renamed, or drawn afresh (often of the same type). The first two make the law's "nothing" and
 * "patch" branches common by construction, which two independent draws rarely are.
 */
const scenario = fc
  .tuple(typeArb, fc.oneof(fc.constant(undefined), typeArb))
  .chain(([liveType, otherType]) =>
    fc.tuple(
      inputsFor(liveType),
      inputsFor(otherType ?? liveType),
      fc.constantFrom("same", "renamed", "drawn"),
    ),
  )
  .map(([live, drawn, desired]) => {
    if (desired === "same") return [live, { ...live }] as const;
    if (desired === "renamed")
      return [live, { ...live, name: `${live.name ?? "proxy"}-renamed` }] as const;
    return [live, drawn] as const;
  });

function checked(raw: Record<string, unknown>): ProxyInputs {
  const { inputs, failures } = checkInputs(raw);
  expect(failures).toEqual([]);
  return inputs as unknown as ProxyInputs;
}

function createIn(store: ProxyStore, desired: ProxyInputs): { id: string; state: ProxyOutputs } {
  const made = store.create(toCreateRequest(desired) as never);
  if (!made.ok) throw new Error(`the API refused the POST: ${made.error.message}`);
  const live = parseProxy(made.value);
  return { id: live.id, state: toOutputs(live, { desired }) };
}

/** Whether a replace-field really differs, judged from the API's own view and the recorded secrets. */
function reallyDiffers(field: string, live: ProxyOutputs, desired: ProxyInputs): boolean {
  switch (field) {
    case "type":
      return live.type !== desired.type;
    case "protocol":
      return desired.protocol !== undefined && desired.protocol !== live.protocol;
    case "config":
      return Object.entries(desired.config ?? {}).some(
        ([k, v]) =>
          String((live.config as Record<string, unknown>)?.[k]).toUpperCase() !==
            String(v).toUpperCase() || (live.config as Record<string, unknown>)?.[k] === undefined,
      );
    case "password":
    case "caBundle":
      return live[field] !== desired[field];
    case "bypassHosts":
      return (
        JSON.stringify(normalizeBypassHosts(live.bypassHosts ?? [])) !==
        JSON.stringify(normalizeBypassHosts(desired.bypassHosts ?? []))
      );
  }
  throw new Error(`unexpected replace field ${field}`);
}

describe("Proxy planner law", () => {
  it("patch(L, D) applied to L gives D; patch(D, D) is empty; nothing planned is already equal", () => {
    const seen = { replace: 0, patch: 0, nothing: 0 };
    fc.assert(
      fc.property(scenario, ([liveRaw, desiredRaw]) => {
        const store = new ProxyStore();
        const liveInputs = checked(liveRaw);
        const desired = checked(desiredRaw);
        const { id, state: live } = createIn(store, liveInputs);

        const plan = planChanges(live, desired as unknown as Record<string, unknown>);
        expect(plan.deleteBeforeReplace).toBe(false);
        for (const field of plan.replaces) expect(reallyDiffers(field, live, desired)).toBe(true);

        let after: ProxyOutputs;
        seen[plan.replaces.length ? "replace" : plan.changed.length ? "patch" : "nothing"]++;
        if (plan.replaces.length > 0) {
          after = createIn(store, desired).state;
        } else {
          const body = planProxyPatch(live, desired);
          expect(Object.keys(body)).toEqual(plan.changed);
          if (body.name !== undefined) expect(body.name).not.toBe(live.name);
          if (Object.keys(body).length > 0) {
            const patched = store.update(id, body as { name: string });
            if (!patched.ok) throw new Error(patched.error.message);
            after = toOutputs(parseProxy(patched.value), { olds: live });
          } else {
            after = live;
          }
        }
        expect(hasChanges(planChanges(after, desired as never))).toBe(false);
        expect(planProxyPatch(after, desired)).toEqual({});

        // D against itself, made fresh.
        const fresh = createIn(new ProxyStore(), desired).state;
        expect(planChanges(fresh, desired as never)).toEqual({
          replaces: [],
          deleteBeforeReplace: false,
          changed: [],
        });
      }),
      { numRuns: 400 },
    );
    // The generator reaches every branch of the law, not only replacements.
    expect(Math.min(seen.replace, seen.patch, seen.nothing)).toBeGreaterThan(0);
  });

  it("a drifted secret (the API no longer holds it) is found by a read and replaced", () => {
    const store = new ProxyStore();
    const desired = checked({
      type: "custom",
      config: { host: "h.example.com", port: 3128 },
      password: "pw-one",
    });
    const { id, state } = createIn(store, desired);
    const drifted = store.drift(id, { config: { has_password: false } });
    if (!drifted.ok) throw new Error(drifted.error.message);
    const read = toOutputs(parseProxy(drifted.value), { olds: state });
    expect(read.hasPassword).toBe(false);
    expect(planChanges(read, desired as never).replaces).toEqual(["password"]);
  });
});
