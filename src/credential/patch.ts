/**
 * Credential's patch planner (docs/behaviour.md): one pure function that compares the old
 * state (outputs, refreshed or as recorded) with the checked inputs. diff reports its plan and
 * update sends `planPatch`, so what the preview promises is what the PATCH carries.
 */
import { UNKNOWN, containsUnknown } from "../dynamic/engineKeys";
import type { ChangePlan } from "../dynamic/spec";
import type { CredentialResponse } from "./api";
import { valuesDelta } from "./expand";
import {
  type CredentialInputs,
  type CredentialOutputs,
  UPDATABLE_FIELDS,
  type UpdatableField,
} from "./types";

type Olds = Partial<CredentialOutputs>;

export function planChanges(olds: Olds, news: Record<string, unknown>): ChangePlan<UpdatableField> {
  const replaces: string[] = [];
  if (news.domain === UNKNOWN || news.domain !== olds.domain) replaces.push("domain");
  const changed = UPDATABLE_FIELDS.filter((field) => !fieldEquals(field, olds, news));
  const nameKept = news.name === UNKNOWN || news.name === olds.name;
  return { replaces, deleteBeforeReplace: replaces.length > 0 && nameKept, changed };
}

/** Whether the live object has a TOTP secret; old states without the flag go by the record. */
function liveHasTotp(olds: Olds): boolean {
  return olds.hasTotpSecret ?? olds.totpSecret !== undefined;
}

/** Whether one updatable field is already as desired. Unknown is never equal. */
export function fieldEquals(field: UpdatableField, olds: Olds, news: Record<string, unknown>) {
  const desired = news[field];
  if (containsUnknown(desired)) return false;
  switch (field) {
    case "name":
      return desired === olds.name;
    case "values": {
      const { set, remove } = valuesDelta(olds, (desired ?? {}) as Record<string, string>);
      return Object.keys(set).length === 0 && remove.length === 0;
    }
    case "ssoProvider":
      return (olds.ssoProvider ?? "") === (desired ?? "");
    case "totpSecret":
      return desired === undefined
        ? !liveHasTotp(olds)
        : liveHasTotp(olds) && olds.totpSecret === desired;
    case "totpAlgorithm":
    case "totpDigits":
    case "totpPeriod":
      // Server-owned while unset (the API defaults them to SHA1, 6 and 30).
      return desired === undefined || olds[field] === desired;
  }
}

/**
 * After a POST whose outcome is unknown: whether `live` is what our POST would have made
 * (docs/behaviour.md). Values cannot be compared, so their key set stands in for them.
 */
export function matchesPost(live: CredentialResponse, desired: CredentialInputs): boolean {
  const liveKeys = [...new Set(live.value_keys ?? [])].sort();
  const desiredKeys = Object.keys(desired.values).sort();
  return (
    live.name === desired.name &&
    live.domain.toLowerCase() === desired.domain &&
    (live.sso_provider ?? "") === (desired.ssoProvider ?? "") &&
    liveKeys.length === desiredKeys.length &&
    liveKeys.every((key, i) => key === desiredKeys[i]) &&
    (live.has_totp_secret ?? false) === (desired.totpSecret !== undefined) &&
    (desired.totpAlgorithm ?? live.totp_algorithm) === live.totp_algorithm &&
    (desired.totpDigits ?? live.totp_digits) === live.totp_digits &&
    (desired.totpPeriod ?? live.totp_period) === live.totp_period
  );
}
