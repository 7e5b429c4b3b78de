/**
 * The patch law (docs/behaviour.md) for BrowserPool, with the emulator's store applying the
 * bodies: an implementation of the API's PATCH semantics (its clears, its defaults, its
 * references) written apart from the planner. For any applied pool L and desired inputs D
 * that need no replacement, the one PATCH takes L to D (planning again from the answer sends
 * nothing), and every field it carries changes the pool; a plan that replaces names a field
 * the API cannot change in place.
 */
import fc from "fast-check";
import { parseBrowserPool } from "../../src/browserPool/api";
import { toCreateRequest } from "../../src/browserPool/expand";
import { toOutputs } from "../../src/browserPool/flatten";
import { planChanges } from "../../src/browserPool/patch";
import { checkInputs } from "../../src/browserPool/schema";
import { browserPoolSpec } from "../../src/browserPool/spec";
import type { BrowserPoolInputs, BrowserPoolOutputs } from "../../src/browserPool/types";
import { jsonEqual } from "../../src/dynamic/jsonEqual";
import { planUpdate } from "../../src/dynamic/plan";
import { fail, ok } from "../../src/emulator/answers";
import {
  BrowserPoolStore,
  type PoolLookups,
} from "../../src/emulator/resources/browserPools/store";

/** The project's objects: two profiles, two proxies, two destinations (by id or name). */
const PROFILES: Record<string, string> = { alpha: "prof_a", beta: "prof_b" };
const DESTINATIONS: Record<string, string> = { collector: "otlp_c", backup: "otlp_b" };
const PROXIES = ["proxy_1", "proxy_2"];

function byIdOrName(table: Record<string, string>, what: string) {
  return (ref: { id?: string; name?: string }) => {
    const id = ref.id ?? (ref.name !== undefined ? table[ref.name] : undefined);
    return id !== undefined && Object.values(table).includes(id)
      ? ok({ id })
      : fail(400, "bad_request", `${what} not found`);
  };
}

const lookups: PoolLookups = {
  profile: byIdOrName(PROFILES, "profile"),
  destination: byIdOrName(DESTINATIONS, "destination"),
  proxy: (ref) =>
    ref.id !== undefined && PROXIES.includes(ref.id)
      ? ok({ id: ref.id })
      : fail(400, "bad_request", "proxy not found"),
};

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const ref = (table: Record<string, string>) =>
  fc.oneof(
    fc.constantFrom(...Object.keys(table)).map((name) => ({ name })),
    fc.constantFrom(...Object.values(table)).map((id) => ({ id })),
  );
const hosts = fc.uniqueArray(fc.constantFrom("a.test", "B.test", "*.c.test"), { minLength: 1 });

/** headless and memory go together, so that the memory always suits the image. */
const image = fc.oneof(
  fc.record({ headless: fc.constant(true), memory: opt(fc.constantFrom("1GiB", "2GiB", "4GiB")) }),
  fc.record({ headless: fc.constant(false), memory: opt(fc.constantFrom("8GiB", "16GiB")) }),
);

const telemetry = fc
  .record({ destination: opt(ref(DESTINATIONS)), storage: opt(fc.boolean()) })
  .map((t) => (t.storage === false && !t.destination ? { ...t, storage: undefined } : t));

const poolArb = fc
  .record({
    size: fc.integer({ min: 1, max: 5 }),
    name: opt(fc.constantFrom("a", "b")),
    region: opt(fc.constantFrom("us-east", "eu-west")),
    profile: opt(ref(PROFILES)),
    refreshOnProfileUpdate: opt(fc.boolean()),
    extensions: opt(fc.array(ref({ adblock: "ext_1", tracker: "ext_2" }), { maxLength: 2 })),
    proxyId: opt(fc.constantFrom("", ...PROXIES)),
    startUrl: opt(fc.constantFrom("https://a.test", "chrome://newtab")),
    chromePolicy: opt(fc.constantFrom({}, { HomepageLocation: "https://a.test" })),
    network: opt(
      fc.record({
        allowedHosts: opt(hosts),
        privateHosts: opt(fc.constantFrom([], ["10.0.0.0/8"])),
        proxyRoutes: opt(
          fc.constantFrom(
            [{ hosts: ["eu.test"], proxyId: "proxy_1" }],
            [{ hosts: ["us.test", "x.test"], proxyId: "proxy_2" }],
          ),
        ),
      }),
    ),
    telemetry: opt(telemetry),
    viewport: opt(
      fc.record({
        width: fc.constantFrom(1280, 1920),
        height: fc.constant(800),
        refreshRate: opt(fc.constantFrom(25, 60)),
      }),
    ),
    image: opt(image),
    stealth: opt(fc.boolean()),
    kioskMode: opt(fc.boolean()),
    timeoutSeconds: opt(fc.constantFrom(10, 600, 3600)),
    fillRatePerMinute: opt(fc.constantFrom(1, 25)),
    rebuildIdleBrowsersOnUpdate: opt(fc.boolean()),
  })
  .map(({ image: img, ...rest }) => ({
    ...rest,
    ...img,
    // check refuses the refresh without a profile.
    refreshOnProfileUpdate: rest.profile ? rest.refreshOnProfileUpdate : undefined,
  }));

function checked(raw: object): BrowserPoolInputs {
  const clean = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
  const { inputs, failures } = checkInputs(clean);
  expect(failures).toEqual([]);
  return inputs as unknown as BrowserPoolInputs;
}

/** The plan and body the provider's update sends (the core's own step). */
const planBody = (olds: BrowserPoolOutputs, desired: BrowserPoolInputs) =>
  planUpdate(browserPoolSpec, olds, desired);

describe("BrowserPool: the law against the emulator's store", () => {
  it("takes any applied pool to any desired one with one PATCH, or replaces for a reason", () => {
    fc.assert(
      fc.property(poolArb, poolArb, (l, d) => {
        const store = new BrowserPoolStore({ newId: () => "pool_1", lookups: () => lookups });
        const before = checked(l);
        const made = store.create(toCreateRequest(before));
        if (!made.ok) throw new Error(`the API refused the POST: ${made.error.message}`);
        const olds = toOutputs(parseBrowserPool(made.value), { desired: before });
        expect(planBody(olds, before).body).toEqual({});

        const desired = checked(d);
        const { plan, body } = planBody(olds, desired);
        if (plan.replaces.length > 0) {
          for (const field of plan.replaces) {
            const reason = {
              region: desired.region !== olds.region,
              name: desired.name === undefined && olds.name !== undefined,
              viewport: desired.viewport === undefined && olds.viewport !== undefined,
            }[field];
            expect(reason).toBe(true);
          }
          return;
        }
        const updated = store.update("pool_1", body);
        if (!updated.ok) throw new Error(`the API refused the PATCH: ${updated.error.message}`);
        const after = toOutputs(parseBrowserPool(updated.value), { desired, olds });
        // L + patch(L, D) = D: nothing is left to send, and patch(D, D) is empty.
        expect(planChanges(after, { ...desired })).toEqual({
          replaces: [],
          deleteBeforeReplace: false,
          changed: [],
        });
        // No field the PATCH carries was already as desired: each one changes the pool. Two
        // exceptions: a destination named by id before and by name now (the answer names it
        // by id either way, so only the program's form changes), and the profile refresh,
        // which goes with a profile change to hold its value against the API's default.
        const sent = (plan.changed as (keyof BrowserPoolOutputs)[]).filter(
          (f) => f !== "rebuildIdleBrowsersOnUpdate",
        );
        for (const field of sent) {
          if (field === "refreshOnProfileUpdate" && sent.includes("profile")) continue;
          const formOnly =
            field === "telemetry" &&
            olds.telemetryDestinationId === after.telemetryDestinationId &&
            jsonEqual(
              { ...olds.telemetry, destination: 0 },
              { ...after.telemetry, destination: 0 },
            );
          if (!formOnly) expect([field, olds[field]]).not.toEqual([field, after[field]]);
        }
        expect(body.discard_all_idle === true).toBe(
          desired.rebuildIdleBrowsersOnUpdate === true && sent.length > 0,
        );
      }),
      { numRuns: 400 },
    );
  });
});
