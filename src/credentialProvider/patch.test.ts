/**
 * CredentialProvider's planner: exact bodies, and the planner law of docs/behaviour.md over generated
 * states, applied by a small model of the API's PATCH (only the fields sent change).
 */
import fc from "fast-check";
import { UNKNOWN } from "../dynamic/engineKeys";
import type { CredentialProviderResponse, CredentialProviderUpdateRequest } from "./api";
import { toCreateRequest } from "./expand";
import { toOutputs } from "./flatten";
import { matchesPost, planChanges } from "./patch";
import { checkInputs } from "./schema";
import type { CredentialProviderInputs, CredentialProviderOutputs } from "./types";
import { hasChanges } from "../dynamic/plan";
import { patchBodyOf } from "../../test/support/planUpdate";
import { credentialProviderSpec } from "./spec";

const planPatch = patchBodyOf(credentialProviderSpec);

interface Server {
  name: string;
  provider_type: string;
  token: string;
  cache_ttl_seconds: number;
  enabled: boolean;
  priority: number;
}

const answer = (s: Server): CredentialProviderResponse => ({
  id: "cp_1",
  name: s.name,
  provider_type: s.provider_type,
  enabled: s.enabled,
  priority: s.priority,
});

const apply = (s: Server, body: CredentialProviderUpdateRequest): Server => ({ ...s, ...body });

function checked(raw: Record<string, unknown>): CredentialProviderInputs {
  const { inputs, failures } = checkInputs({ providerType: "onepassword", ...raw });
  expect(failures).toEqual([]);
  return inputs as unknown as CredentialProviderInputs;
}

/** What the POST makes of `d`: the server's own enabled and priority. */
const created = (d: CredentialProviderInputs): Server => ({
  name: d.name,
  provider_type: d.providerType,
  token: d.token,
  cache_ttl_seconds: d.cacheTtlSeconds ?? 300,
  enabled: true,
  priority: 0,
});

describe("CredentialProvider planner: exact bodies", () => {
  const desired = checked({ name: "my-1p", token: "ops_a" });
  const olds = toOutputs(answer(created(desired)), { desired });

  it("the POST takes neither enabled nor priority; a PATCH follows only when they differ", () => {
    const d = checked({
      name: "my-1p",
      token: "ops_a",
      cacheTtlSeconds: 60,
      enabled: false,
      priority: 0,
    });
    expect(toCreateRequest(d)).toEqual({
      name: "my-1p",
      provider_type: "onepassword",
      token: "ops_a",
      cache_ttl_seconds: 60,
    });
    const afterPost = toOutputs(answer(created(d)), { desired: d });
    expect(planPatch(afterPost, d)).toEqual({ enabled: false });
    expect(planPatch(olds, desired)).toEqual({});
  });

  it("a token rotation is one PATCH of the token", () => {
    expect(planPatch(olds, { ...desired, token: "ops_b" })).toEqual({ token: "ops_b" });
  });

  it("a rename, a cache TTL and a priority are PATCHed; unset server-owned fields are no change", () => {
    expect(
      planPatch(olds, { ...desired, name: "team-1p", cacheTtlSeconds: 30, priority: 5 }),
    ).toEqual({
      name: "team-1p",
      cache_ttl_seconds: 30,
      priority: 5,
    });
    const set = { ...desired, cacheTtlSeconds: 30, enabled: false };
    const after = toOutputs(answer({ ...created(set), enabled: false }), { desired: set });
    expect(hasChanges(planChanges(after, desired as never))).toBe(false);
    // Removing the cache TTL from the program keeps the record: setting it back is no change.
    const later = toOutputs(answer({ ...created(set), enabled: false }), { desired, olds: after });
    expect(later.cacheTtlSeconds).toBe(30);
    expect(planPatch(later, set)).toEqual({});
  });

  it("a taken-over provider gets its token once", () => {
    expect(planPatch(toOutputs(answer(created(desired))), desired)).toEqual({ token: "ops_a" });
  });

  it("a provider type change replaces, deleting first when the name stays", () => {
    expect(planChanges(olds, { ...desired, providerType: UNKNOWN } as never)).toMatchObject({
      replaces: ["providerType"],
      deleteBeforeReplace: true,
    });
  });

  it("an unknown token or priority is a change", () => {
    expect(
      planChanges(olds, { ...desired, token: UNKNOWN, priority: UNKNOWN } as never).changed,
    ).toEqual(["token", "priority"]);
  });

  it("after an unknown POST outcome, matches on name and type", () => {
    const live = answer(created(desired));
    expect(matchesPost(live, desired)).toBe(true);
    expect(matchesPost({ ...live, name: "other" }, desired)).toBe(false);
  });
});

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const tokens = fc.constantFrom("ops_a", "ops_b", "ops_c");
const serverArb: fc.Arbitrary<Server> = fc.record({
  name: fc.constantFrom("a", "b"),
  provider_type: fc.constant("onepassword"),
  token: tokens,
  cache_ttl_seconds: fc.constantFrom(0, 60, 300),
  enabled: fc.boolean(),
  priority: fc.integer({ min: -2, max: 5 }),
});
/** A record that agrees with the server where it has a value (content drift is not visible). */
const liveArb = fc
  .record({ server: serverArb, tokenRecorded: fc.boolean(), ttlRecorded: fc.boolean() })
  .map(({ server, tokenRecorded, ttlRecorded }) => {
    const record: Partial<CredentialProviderOutputs> = {};
    if (tokenRecorded) record.token = server.token;
    if (ttlRecorded) record.cacheTtlSeconds = server.cache_ttl_seconds;
    return { server, olds: toOutputs(answer(server), { olds: record }) };
  });
const desiredArb = fc.record({
  name: fc.constantFrom("a", "b"),
  token: tokens,
  cacheTtlSeconds: opt(fc.constantFrom(0, 60, 300)),
  enabled: opt(fc.boolean()),
  priority: opt(fc.integer({ min: -2, max: 5 })),
});
const raw = (d: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined));

describe("CredentialProvider planner: the patch law", () => {
  it("applying patch(L, D) to L gives D, server-owned fields left unset keeping their live value", () => {
    fc.assert(
      fc.property(liveArb, desiredArb, ({ server, olds }, d0) => {
        const d = checked(raw(d0));
        const after = apply(server, planPatch(olds, d));
        expect(after).toEqual({
          name: d.name,
          provider_type: "onepassword",
          token: d.token,
          cache_ttl_seconds: d.cacheTtlSeconds ?? server.cache_ttl_seconds,
          enabled: d.enabled ?? server.enabled,
          priority: d.priority ?? server.priority,
        });
      }),
      { numRuns: 300 },
    );
  });

  it("patch(D, D) is empty", () => {
    fc.assert(
      fc.property(desiredArb, (d0) => {
        const d = checked(raw(d0));
        const server = { ...created(d), enabled: d.enabled ?? true, priority: d.priority ?? 0 };
        const olds = toOutputs(answer(server), { desired: d });
        expect(planPatch(olds, d)).toEqual({});
        expect(hasChanges(planChanges(olds, d as never))).toBe(false);
      }),
    );
  });

  it("no key in the patch is already equal, as far as the state can tell", () => {
    fc.assert(
      fc.property(liveArb, desiredArb, ({ olds }, d0) => {
        const body = planPatch(olds, checked(raw(d0)));
        if (body.name !== undefined) expect(body.name).not.toBe(olds.name);
        if (body.token !== undefined) expect(body.token).not.toBe(olds.token);
        if (body.cache_ttl_seconds !== undefined)
          expect(body.cache_ttl_seconds).not.toBe(olds.cacheTtlSeconds);
        if (body.enabled !== undefined) expect(body.enabled).not.toBe(olds.enabled);
        if (body.priority !== undefined) expect(body.priority).not.toBe(olds.priority);
      }),
      { numRuns: 300 },
    );
  });
});
