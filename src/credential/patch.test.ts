/**
 * Credential's planner: the exact bodies of a rotation, a key removal, a rename and the clears,
 * and the planner law of docs/behaviour.md over generated live and desired states. "Applying" a body is
 * done by a small model of the API's PATCH semantics (KERNEL-API.md: removals first, then
 * `values` merged; `""` clears), independent of the planner.
 */
import fc from "fast-check";
import type { CredentialResponse, CredentialUpdateRequest } from "./api";
import { toOutputs } from "./flatten";
import { matchesPost, planChanges } from "./patch";
import { checkResourceInputs } from "../dynamic/owned";
import { UNKNOWN } from "../dynamic/engineKeys";
import type { CredentialInputs, CredentialOutputs } from "./types";
import { hasChanges } from "../dynamic/plan";
import { patchBodyOf } from "../../test/support/planUpdate";
import { credentialSpec } from "./spec";

/** check as the provider runs it: the core owns `project` and `adopt`. */
const checkInputs = (news: Record<string, unknown>) => checkResourceInputs(credentialSpec, news);

const planPatch = patchBodyOf(credentialSpec);

/** What the server holds, values included (the API never returns them). */
interface Server {
  name: string;
  domain: string;
  values: Record<string, string>;
  sso?: string;
  totp?: string;
}

function answer(s: Server): CredentialResponse {
  return {
    id: "cred_1",
    name: s.name,
    domain: s.domain,
    sso_provider: s.sso ?? null,
    has_totp_secret: s.totp !== undefined,
    has_values: Object.keys(s.values).length > 0,
    value_keys: Object.keys(s.values),
  };
}

function apply(s: Server, body: CredentialUpdateRequest): Server {
  const values = Object.fromEntries(
    Object.entries(s.values).filter(([k]) => !(body.remove_value_keys ?? []).includes(k)),
  );
  for (const [k, v] of Object.entries(body.values ?? {}))
    Object.defineProperty(values, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  const next: Server = { ...s, values };
  if (body.name !== undefined) next.name = body.name;
  if (body.sso_provider !== undefined) next.sso = body.sso_provider || undefined;
  if (body.totp_secret !== undefined) next.totp = body.totp_secret || undefined;
  return next;
}

function checked(raw: Record<string, unknown>): CredentialInputs {
  const { inputs, failures } = checkInputs({ domain: "netflix.com", ...raw });
  expect(failures).toEqual([]);
  return inputs as unknown as CredentialInputs;
}

const applied = (d: CredentialInputs): CredentialOutputs =>
  toOutputs(
    answer({
      name: d.name,
      domain: d.domain,
      values: d.values,
      sso: d.ssoProvider,
      totp: d.totpSecret,
    }),
    { desired: d },
  );

describe("Credential planner: exact bodies", () => {
  const desired = checked({ name: "netflix-creds", values: { username: "u", password: "old" } });
  const olds = applied(desired);

  it("a password rotation is one PATCH with only that key", () => {
    const next = { ...desired, values: { username: "u", password: "new" } };
    expect(planPatch(olds, next)).toEqual({ values: { password: "new" } });
    expect(planChanges(olds, next as never)).toEqual({
      replaces: [],
      deleteBeforeReplace: false,
      changed: ["values"],
    });
  });

  it("a removed key goes in remove_value_keys, and nothing else is sent", () => {
    expect(planPatch(olds, { ...desired, values: { password: "old" } })).toEqual({
      remove_value_keys: ["username"],
    });
  });

  it("a rename is a PATCH of name", () => {
    expect(planPatch(olds, { ...desired, name: "renamed" })).toEqual({ name: "renamed" });
  });

  it("removed ssoProvider and totpSecret are cleared with empty strings", () => {
    const withBoth = { ...desired, ssoProvider: "google", totpSecret: "JBSWY3DPEHPK3PXP" };
    expect(planPatch(applied(withBoth), desired)).toEqual({ sso_provider: "", totp_secret: "" });
    expect(planPatch(olds, withBoth)).toEqual({
      sso_provider: "google",
      totp_secret: "JBSWY3DPEHPK3PXP",
    });
  });

  it("sends nothing and reports no change when nothing differs", () => {
    expect(planPatch(olds, desired)).toEqual({});
    expect(hasChanges(planChanges(olds, { ...desired, adopt: true } as never))).toBe(false);
  });

  it("corrects drift of the live key set found by a refresh", () => {
    const drifted = toOutputs(
      answer({
        name: "netflix-creds",
        domain: "netflix.com",
        values: { password: "old", extra: "?" },
      }),
      { olds },
    );
    expect(drifted.valueKeys).toEqual(["extra", "password"]);
    expect(planPatch(drifted, desired)).toEqual({
      values: { username: "u" },
      remove_value_keys: ["extra"],
    });
  });

  it("re-sends a TOTP secret removed behind the program's back", () => {
    const withTotp = { ...desired, totpSecret: "JBSWY3DPEHPK3PXP" };
    const drifted = toOutputs(
      answer({ name: "netflix-creds", domain: "netflix.com", values: desired.values }),
      { olds: applied(withTotp) },
    );
    expect(drifted.hasTotpSecret).toBe(false);
    expect(planPatch(drifted, withTotp)).toEqual({ totp_secret: "JBSWY3DPEHPK3PXP" });
  });

  describe("TOTP settings", () => {
    const SECRET = "JBSWY3DPEHPK3PXP";
    const withTotp = checked({ ...desired, totpSecret: SECRET });
    /** The state after an apply whose answer reports these settings. */
    const live = (
      d: CredentialInputs,
      settings: Pick<CredentialResponse, "totp_algorithm" | "totp_digits" | "totp_period">,
    ) =>
      toOutputs(
        { ...answer({ ...d, values: d.values, totp: d.totpSecret }), ...settings },
        { desired: d },
      );
    const defaults = { totp_algorithm: "SHA1", totp_digits: 6, totp_period: 30 };

    it("are read back from the answer and, while unset, never a change", () => {
      const olds = live(withTotp, { ...defaults, totp_digits: 8 });
      expect(olds).toMatchObject({ totpAlgorithm: "SHA1", totpDigits: 8, totpPeriod: 30 });
      expect(planPatch(olds, withTotp)).toEqual({});
      expect(hasChanges(planChanges(olds, withTotp as never))).toBe(false);
    });

    it("a changed setting sends the recorded secret with every set setting", () => {
      const olds = live({ ...withTotp, totpDigits: 8 }, { ...defaults, totp_digits: 8 });
      const next = checked({ ...desired, totpSecret: SECRET, totpDigits: 8, totpPeriod: 60 });
      expect(planChanges(olds, next as never).changed).toEqual(["totpPeriod"]);
      expect(planPatch(olds, next)).toEqual({
        totp_secret: SECRET,
        totp_digits: 8,
        totp_period: 60,
      });
    });

    it("a rotated secret carries the set settings; a removed one is cleared alone", () => {
      const set = checked({ ...desired, totpSecret: SECRET, totpAlgorithm: "sha256" });
      const olds = live(set, { ...defaults, totp_algorithm: "SHA256" });
      expect(planPatch(olds, { ...set, totpSecret: "ABCDEFGH" })).toEqual({
        totp_secret: "ABCDEFGH",
        totp_algorithm: "SHA256",
      });
      expect(planPatch(olds, desired)).toEqual({ totp_secret: "" });
    });

    it("a POST is matched only when the settings the program sets are live", () => {
      const set = checked({ ...desired, totpSecret: SECRET, totpPeriod: 60 });
      const posted = { ...answer({ ...set, totp: SECRET }), ...defaults };
      expect(matchesPost({ ...posted, totp_period: 60 }, set)).toBe(true);
      expect(matchesPost(posted, set)).toBe(false);
    });
  });

  it("after a take-over (nothing recorded) sends every value once and removes foreign keys", () => {
    const live = toOutputs(
      answer({ name: "netflix-creds", domain: "netflix.com", values: { password: "?", pin: "?" } }),
    );
    expect(live.values).toBeUndefined();
    expect(planPatch(live, desired)).toEqual({
      values: { username: "u", password: "old" },
      remove_value_keys: ["pin"],
    });
  });

  it("a domain change replaces, deleting first when the name stays", () => {
    expect(planChanges(olds, { ...desired, domain: "hulu.com" } as never)).toMatchObject({
      replaces: ["domain"],
      deleteBeforeReplace: true,
    });
    expect(
      planChanges(olds, { ...desired, domain: "hulu.com", name: "hulu" } as never),
    ).toMatchObject({ replaces: ["domain"], deleteBeforeReplace: false });
    expect(planChanges(olds, { ...desired, domain: UNKNOWN } as never)).toMatchObject({
      replaces: ["domain"],
      deleteBeforeReplace: true,
    });
  });

  it("an unknown value is a change of its field", () => {
    expect(
      planChanges(olds, { ...desired, values: { username: "u", password: UNKNOWN } } as never)
        .changed,
    ).toEqual(["values"]);
    expect(
      planChanges(olds, { ...desired, values: UNKNOWN, name: UNKNOWN } as never).changed,
    ).toEqual(["name", "values"]);
  });

  it("after an unknown POST outcome, matches on name, domain, SSO, key set and TOTP presence", () => {
    const live = answer({
      name: "netflix-creds",
      domain: "Netflix.com",
      values: { password: "x", username: "y" },
    });
    expect(matchesPost(live, desired)).toBe(true);
    expect(matchesPost({ ...live, value_keys: ["password"] }, desired)).toBe(false);
    expect(matchesPost({ ...live, sso_provider: "google" }, desired)).toBe(false);
    expect(matchesPost({ ...live, has_totp_secret: true }, desired)).toBe(false);
    expect(matchesPost({ ...live, domain: "hulu.com" }, desired)).toBe(false);
  });
});

const KEYS = ["username", "password", "email", "otp", "constructor", "my key"];
const valueArb = fc.oneof(fc.constantFrom("a", "b", "hunter2", ""), fc.string({ maxLength: 4 }));
const valuesArb = fc.dictionary(fc.constantFrom(...KEYS), valueArb, { maxKeys: 5 });
const sso = fc.option(fc.constantFrom("google", "github"), { nil: undefined });
const totp = fc.option(fc.constantFrom("JBSWY3DPEHPK3PXP", "ABCDEFGH"), { nil: undefined });

/**
 * A live credential and the record of the last apply. The record may lack keys (a take-over) or
 * hold keys no longer live (drift), but where both have a key they agree: drift inside a value
 * cannot be seen, so the law does not claim to repair it.
 */
const liveArb = fc
  .record({
    name: fc.constantFrom("c1", "c2"),
    values: valuesArb,
    sso,
    totp,
    recordedKeys: fc.subarray(KEYS),
    staleValues: valuesArb,
    recordTotp: fc.boolean(),
    staleTotp: totp,
  })
  .map((l) => {
    const server: Server = {
      name: l.name,
      domain: "netflix.com",
      values: l.values,
      sso: l.sso,
      totp: l.totp,
    };
    const recorded: Record<string, string> = {};
    for (const k of l.recordedKeys) {
      const v = Object.hasOwn(l.values, k) ? l.values[k] : l.staleValues[k];
      if (v !== undefined)
        Object.defineProperty(recorded, k, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    const totpRecord = l.totp !== undefined ? (l.recordTotp ? l.totp : undefined) : l.staleTotp;
    const olds = toOutputs(answer(server), {
      olds: { values: recorded, ...(totpRecord ? { totpSecret: totpRecord } : {}) },
    });
    return { server, olds };
  });

const desiredArb = fc
  .record({
    name: fc.constantFrom("c1", "c2"),
    // check refuses a credential with no values.
    values: fc.dictionary(fc.constantFrom(...KEYS), valueArb, { minKeys: 1, maxKeys: 5 }),
    ssoProvider: sso,
    totpSecret: totp,
  })
  .map((d) => {
    const raw: Record<string, unknown> = { name: d.name, values: d.values };
    if (d.ssoProvider) raw.ssoProvider = d.ssoProvider;
    if (d.totpSecret) raw.totpSecret = d.totpSecret;
    return raw;
  });

describe("Credential planner: the patch law", () => {
  it("applying patch(L, D) to L gives D", () => {
    fc.assert(
      fc.property(liveArb, desiredArb, ({ server, olds }, raw) => {
        const d = checked(raw);
        const after = apply(server, planPatch(olds, d));
        expect(after.name).toBe(d.name);
        expect(after.values).toEqual(d.values);
        expect(after.sso).toBe(d.ssoProvider);
        expect(after.totp).toBe(d.totpSecret);
      }),
      { numRuns: 500 },
    );
  });

  it("patch(D, D) is empty and no change is reported", () => {
    fc.assert(
      fc.property(desiredArb, (raw) => {
        const d = checked(raw);
        expect(planPatch(applied(d), d)).toEqual({});
        expect(hasChanges(planChanges(applied(d), d as never))).toBe(false);
      }),
    );
  });

  it("no key in the patch is already equal, as far as the state can tell", () => {
    fc.assert(
      fc.property(liveArb, desiredArb, ({ olds }, raw) => {
        const d = checked(raw);
        const body = planPatch(olds, d) as CredentialUpdateRequest;
        const recorded = olds.values ?? {};
        if (body.name !== undefined) expect(body.name).not.toBe(olds.name);
        for (const [k, v] of Object.entries(body.values ?? {})) {
          expect(
            olds.valueKeys.includes(k) && Object.hasOwn(recorded, k) && recorded[k] === v,
          ).toBe(false);
        }
        for (const k of body.remove_value_keys ?? []) {
          expect(olds.valueKeys).toContain(k);
          expect(Object.hasOwn(d.values, k)).toBe(false);
        }
        if (body.sso_provider !== undefined)
          expect(body.sso_provider).not.toBe(olds.ssoProvider ?? "");
        if (body.totp_secret !== undefined) {
          const same =
            body.totp_secret === ""
              ? !olds.hasTotpSecret
              : olds.hasTotpSecret && olds.totpSecret === body.totp_secret;
          // The one exception: an unchanged secret goes along with a changed setting.
          const settingChanged =
            (body.totp_algorithm ?? olds.totpAlgorithm) !== olds.totpAlgorithm ||
            (body.totp_digits ?? olds.totpDigits) !== olds.totpDigits ||
            (body.totp_period ?? olds.totpPeriod) !== olds.totpPeriod;
          expect(same && !settingChanged).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});
