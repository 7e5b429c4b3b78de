/**
 * What makes the Profile's provider different from every other resource's: the spec the shared
 * skeleton (../dynamic/provider) runs. The name is unique in the project, so a 409 and a POST of
 * unknown outcome follow the create rules of docs/behaviour.md through the unique key.
 */
import { checkInputsHint, inputsNamedIn } from "../dynamic/badRequest";
import type { ResourceSpec } from "../dynamic/spec";
import { resourcePath } from "../kernel/client";
import { type ProfileResponse, parseProfile } from "./api";
import { toCreateRequest, toUpdateRequest } from "./expand";
import { toOutputs } from "./flatten";
import { planChanges } from "./patch";
import { INPUT_NAMES, checkInputs } from "./schema";
import type { ProfileInputs, ProfileOutputs, UpdatableField } from "./types";

/** Names the input a 400 is about. */
export function badRequestHint(text: string): string {
  return checkInputsHint("Profile", inputsNamedIn(text, { name: "name" }));
}

export const profileSpec: ResourceSpec<ProfileInputs, ProfileOutputs, ProfileResponse> = {
  typeName: "Profile",
  collection: "/profiles",
  projectScoped: true,
  check: checkInputs,
  inputNames: INPUT_NAMES,
  plan: planChanges,
  createBody: (desired) => ({ ...toCreateRequest(desired) }),
  updateBody: (plan, _olds, desired) => ({
    ...toUpdateRequest(plan.changed as UpdatableField[], desired),
  }),
  parse: parseProfile,
  toOutputs: (live) => toOutputs(live),
  uniqueKey: {
    describe: (desired) => `name ${JSON.stringify(desired.name)}`,
    async find(op, desired) {
      // The API's name filter matches in any letter case (its collation), as its uniqueness
      // does: the exact name first, else the one that differs only in case.
      const named = await op.list(resourcePath("/profiles"), { name: desired.name }, parseProfile);
      const lower = desired.name.toLowerCase();
      return (
        named.find((p) => p.name === desired.name) ??
        named.find((p) => p.name?.toLowerCase() === lower)
      );
    },
    /**
     * The POST carried only the name, which the lookup already matched. A profile that a
     * browser session has used existed before this create (ours is seconds old and unused):
     * it is someone else's, and is reported as a 409 without adopt.
     */
    async matchesPost(_op, live, desired) {
      return live.name === desired.name && live.last_used_at == null;
    },
    createdAt: (live) => live.created_at,
  },
  badRequestHint: badRequestHint,
  secretOutputs: [],
};
