/**
 * The patch law (docs/behaviour.md) for Credential, with the emulator's store applying the
 * bodies: an implementation of the API's PATCH semantics written apart from the planner. After the PATCH the store holds exactly the desired values (TOTP settings
 * included, which the store refuses without the secret in the same request), and planning again
 * from its answer sends nothing.
 */
import fc from "fast-check";
import { parseCredential } from "../../src/credential/api";
import { toCreateRequest } from "../../src/credential/expand";
import { toOutputs } from "../../src/credential/flatten";
import { checkInputs } from "../../src/credential/schema";
import type { CredentialInputs } from "../../src/credential/types";
import { CredentialStore } from "../../src/emulator/resources/credentials/store";
import { patchBodyOf } from "../support/planUpdate";
import { credentialSpec } from "../../src/credential/spec";
import { checked, opt } from "../support/laws";

const planPatch = patchBodyOf(credentialSpec);

const KEYS = ["username", "password", "email", "otp", "my key"];
// check refuses a credential with no values.
const values = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom("a", "b", "hunter2"), {
  minKeys: 1,
  maxKeys: 4,
});
const credentialRaw = fc.record({
  name: fc.constantFrom("c1", "c2"),
  domain: fc.constant("Netflix.com"),
  values,
  ssoProvider: opt(fc.constantFrom("google", "github")),
  totpSecret: opt(fc.constantFrom("jbsw-y3dp ehpk3pxp", "ABCDEFGH")),
  totpAlgorithm: opt(fc.constantFrom("SHA1", "sha256", "SHA512")),
  totpDigits: opt(fc.constantFrom(6, 8)),
  totpPeriod: opt(fc.constantFrom(30, 60)),
});

/** The program's settings need its secret (check says so): without one they are left out. */
function withoutLoneSettings<T extends { totpSecret?: string }>(raw: T): T {
  if (raw.totpSecret !== undefined) return raw;
  return { ...raw, totpAlgorithm: undefined, totpDigits: undefined, totpPeriod: undefined };
}
const credentialArb = credentialRaw.map(withoutLoneSettings);

describe("Credential: the law against the emulator's store", () => {
  it("takes any applied credential, drifted in its key set, to any desired one", () => {
    fc.assert(
      fc.property(credentialArb, credentialArb, fc.option(fc.subarray(KEYS)), (l, d, drift) => {
        const store = new CredentialStore({ newId: () => "cred_1" });
        const before = checked<CredentialInputs>(checkInputs, l);
        const made = store.create(toCreateRequest(before));
        if (!made.ok) throw new Error("create failed");
        let olds = toOutputs(parseCredential(made.value), { desired: before });
        if (drift) {
          // Someone changed the key set in the dashboard; a refresh sees it.
          const drifted = store.drift("cred_1", { value_keys: drift });
          if (!drifted.ok) throw new Error("drift failed");
          olds = toOutputs(parseCredential(drifted.value), { olds });
        }
        const desired = checked<CredentialInputs>(checkInputs, d);
        const updated = store.update("cred_1", planPatch(olds, desired));
        if (!updated.ok) throw new Error(`the API refused the PATCH: ${updated.error.message}`);
        const row = store.all()[0];
        expect(row.name).toBe(desired.name);
        expect(row.values).toEqual(desired.values);
        expect(row.sso_provider).toBe(desired.ssoProvider);
        expect(row.totp_secret).toBe(desired.totpSecret);
        // Settings the program sets are live; unset ones are the server's (kept or defaulted).
        if (desired.totpAlgorithm) expect(row.totp?.algorithm).toBe(desired.totpAlgorithm);
        if (desired.totpDigits) expect(row.totp?.digits).toBe(desired.totpDigits);
        if (desired.totpPeriod) expect(row.totp?.period).toBe(desired.totpPeriod);
        if (!desired.totpSecret) expect(row.totp).toBeUndefined();
        const after = toOutputs(parseCredential(updated.value), { desired });
        expect(planPatch(after, desired)).toEqual({});
      }),
      { numRuns: 300 },
    );
  });
});
