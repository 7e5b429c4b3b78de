/**
 * CredentialProvider's patch planner (docs/behaviour.md), shared by diff and update. The token
 * and the cache TTL are compared with the values recorded at the last apply, since the API never
 * returns them; `enabled` and `priority` with the live values, and only when the program sets
 * them (server-owned).
 */
import { planFields } from "../dynamic/plan";
import type { ChangePlan } from "../dynamic/spec";
import type { CredentialProviderResponse } from "./api";
import {
  type CredentialProviderInputs,
  type CredentialProviderOutputs,
  UPDATABLE_FIELDS,
  type UpdatableField,
} from "./types";

type Olds = Partial<CredentialProviderOutputs>;

/** A new provider type replaces; the name is the unique key. */
export function planChanges(olds: Olds, news: Record<string, unknown>): ChangePlan<UpdatableField> {
  return planFields(olds, news, {
    createOnly: ["providerType"],
    updatable: UPDATABLE_FIELDS,
    equals: (field, desired) => fieldEquals(field, olds, desired),
    uniqueKey: ["name"],
  });
}

/** Whether one updatable field is already as desired (`desired` holds nothing unknown). */
export function fieldEquals(field: UpdatableField, olds: Olds, desired: unknown): boolean {
  switch (field) {
    case "name":
    case "token":
      return desired === olds[field];
    case "cacheTtlSeconds":
    case "enabled":
    case "priority":
      return desired === undefined || desired === olds[field];
  }
}

/**
 * After a POST whose outcome is unknown: whether `live` is what our POST would have made. The
 * token and the cache TTL cannot be compared; they are sent once afterwards (nothing recorded).
 */
export function matchesPost(live: CredentialProviderResponse, desired: CredentialProviderInputs) {
  return live.name === desired.name && live.provider_type === desired.providerType;
}
