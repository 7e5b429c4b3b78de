/**
 * CredentialProvider's patch planner (docs/behaviour.md), shared by diff and update. The token
 * and the cache TTL are compared with the values recorded at the last apply, since the API never
 * returns them; `enabled` and `priority` with the live values, and only when the program sets
 * them (server-owned).
 */
import { UNKNOWN, containsUnknown } from "../dynamic/engineKeys";
import type { ChangePlan } from "../dynamic/spec";
import type { CredentialProviderResponse } from "./api";
import {
  type CredentialProviderInputs,
  type CredentialProviderOutputs,
  UPDATABLE_FIELDS,
  type UpdatableField,
} from "./types";

type Olds = Partial<CredentialProviderOutputs>;

export function planChanges(olds: Olds, news: Record<string, unknown>): ChangePlan<UpdatableField> {
  const replaces: string[] = [];
  if (news.providerType === UNKNOWN || news.providerType !== olds.providerType) {
    replaces.push("providerType");
  }
  const changed = UPDATABLE_FIELDS.filter((field) => !fieldEquals(field, olds, news));
  const nameKept = news.name === UNKNOWN || news.name === olds.name;
  return { replaces, deleteBeforeReplace: replaces.length > 0 && nameKept, changed };
}

/** Whether one updatable field is already as desired. Unknown is never equal; unset is. */
export function fieldEquals(field: UpdatableField, olds: Olds, news: Record<string, unknown>) {
  const desired = news[field];
  if (containsUnknown(desired)) return false;
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
