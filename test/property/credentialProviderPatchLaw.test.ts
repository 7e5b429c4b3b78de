/**
 * The patch law (docs/behaviour.md) for CredentialProvider, with the emulator's store applying
 * the bodies: an implementation of the API's PATCH semantics written apart from the planner.
 * After the PATCH the store holds exactly the desired provider, and planning again from its
 * answer sends nothing.
 */
import fc from "fast-check";
import { parseCredentialProvider } from "../../src/credentialProvider/api";
import { toCreateRequest } from "../../src/credentialProvider/expand";
import { toOutputs } from "../../src/credentialProvider/flatten";
import { checkInputs } from "../../src/credentialProvider/schema";
import { credentialProviderSpec } from "../../src/credentialProvider/spec";
import type { CredentialProviderInputs } from "../../src/credentialProvider/types";
import { CredentialProviderStore } from "../../src/emulator/resources/credentialProviders/store";
import { patchBodyOf } from "../support/planUpdate";
import { checked, opt } from "../support/laws";

const planPatch = patchBodyOf(credentialProviderSpec);

const providerRaw = fc.record({
  name: fc.constantFrom("a", "b"),
  providerType: fc.constant("onepassword"),
  token: fc.constantFrom("ops_a", "ops_b"),
  cacheTtlSeconds: opt(fc.constantFrom(0, 60, 300)),
  enabled: opt(fc.boolean()),
  priority: opt(fc.integer({ min: 0, max: 5 })),
});

describe("CredentialProvider: the law against the emulator's store", () => {
  it("create (POST, then the PATCH for enabled/priority) and update reach the desired provider", () => {
    fc.assert(
      fc.property(providerRaw, providerRaw, (l, d) => {
        const store = new CredentialProviderStore({ newId: () => "cp_1" });
        const before = checked<CredentialProviderInputs>(checkInputs, l);
        const made = store.create(toCreateRequest(before));
        if (!made.ok) throw new Error("create failed");
        let olds = toOutputs(parseCredentialProvider(made.value), { desired: before });
        const follow = planPatch(olds, before);
        expect(Object.keys(follow).every((k) => k === "enabled" || k === "priority")).toBe(true);
        const settled = store.update("cp_1", follow);
        if (!settled.ok) throw new Error("follow-up PATCH failed");
        olds = toOutputs(parseCredentialProvider(settled.value), { desired: before });

        const desired = checked<CredentialProviderInputs>(checkInputs, d);
        const updated = store.update("cp_1", planPatch(olds, desired));
        if (!updated.ok) throw new Error(`the API refused the PATCH: ${updated.error.message}`);
        const row = store.all()[0];
        expect(row).toMatchObject({ name: desired.name, token: desired.token });
        if (desired.cacheTtlSeconds !== undefined)
          expect(row.cache_ttl_seconds).toBe(desired.cacheTtlSeconds);
        if (desired.enabled !== undefined) expect(row.enabled).toBe(desired.enabled);
        if (desired.priority !== undefined) expect(row.priority).toBe(desired.priority);
        const after = toOutputs(parseCredentialProvider(updated.value), { desired, olds });
        expect(planPatch(after, desired)).toEqual({});
      }),
      { numRuns: 300 },
    );
  });
});
