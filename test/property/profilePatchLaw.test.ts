/**
 * The planner law (docs/behaviour.md) for Profile, over generated live and desired names:
 * applying the plan's PATCH to L gives D; the plan of D against itself is empty; and no field
 * the plan names is already as desired. "Applying" is done by the emulator's store, a model of
 * the API written apart from the planner.
 */
import fc from "fast-check";
import { hasChanges } from "../../src/dynamic/plan";
import { ProfileStore } from "../../src/emulator/resources/profiles/store";
import { parseProfile } from "../../src/profile/api";
import { toCreateRequest } from "../../src/profile/expand";
import { toOutputs } from "../../src/profile/flatten";
import { planChanges } from "../../src/profile/patch";
import { checkInputs } from "../../src/profile/schema";
import { profileSpec } from "../../src/profile/spec";
import type { ProfileInputs } from "../../src/profile/types";
import { patchBodyOf } from "../support/planUpdate";

const planProfilePatch = patchBodyOf(profileSpec);

describe("Profile planner law", () => {
  const nameArb = fc.constantFrom("team", "team-2", "Team", "ops");
  it("patch(L, D) applied to L gives D; patch(D, D) is empty; nothing planned is already equal", () => {
    fc.assert(
      fc.property(nameArb, nameArb, (liveName, desiredName) => {
        const store = new ProfileStore();
        const made = store.create(toCreateRequest({ name: liveName }));
        if (!made.ok) throw new Error(made.error.message);
        const live = toOutputs(parseProfile(made.value));
        const { inputs, failures } = checkInputs({ name: desiredName });
        expect(failures).toEqual([]);
        const desired = inputs as unknown as ProfileInputs;

        const body = planProfilePatch(live, desired);
        if (body.name !== undefined) expect(body.name).not.toBe(live.name);
        let after = live;
        if (Object.keys(body).length > 0) {
          const patched = store.update(made.value.id, body as { name: string });
          if (!patched.ok) throw new Error(patched.error.message);
          after = toOutputs(parseProfile(patched.value));
        }
        expect(hasChanges(planChanges(after, inputs))).toBe(false);
        expect(planProfilePatch(after, desired)).toEqual({});
        expect(planChanges(toOutputs(parseProfile(made.value)), { name: liveName })).toEqual({
          replaces: [],
          deleteBeforeReplace: false,
          changed: [],
        });
      }),
      { numRuns: 200 },
    );
  });
});
