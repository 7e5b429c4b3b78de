/**
 * expand: desired state to request bodies. The PATCH carries exactly the fields the planner
 * names; for `values` only the keys added or changed, and the removed keys in
 * `remove_value_keys`; removed `ssoProvider` and `totpSecret` as the API's clear, `""`. The TOTP
 * secret and its settings go as one group: the API takes a setting only with the secret in the
 * same request, so a changed setting sends the recorded secret along.
 */
import type { CredentialCreateRequest, CredentialUpdateRequest } from "./api";
import {
  type CredentialInputs,
  type CredentialOutputs,
  TOTP_SETTINGS,
  type UpdatableField,
} from "./types";

/** POST body: every managed field the program set. */
export function toCreateRequest(desired: CredentialInputs): CredentialCreateRequest {
  const body: CredentialCreateRequest = {
    name: desired.name,
    domain: desired.domain,
    values: Object.fromEntries(Object.entries(desired.values)),
  };
  if (desired.ssoProvider !== undefined) body.sso_provider = desired.ssoProvider;
  if (desired.totpSecret !== undefined) Object.assign(body, totpGroup(desired));
  return body;
}

/** The secret and every TOTP setting the program sets, in API form. */
function totpGroup(desired: CredentialInputs) {
  const group: Pick<
    CredentialCreateRequest,
    "totp_secret" | "totp_algorithm" | "totp_digits" | "totp_period"
  > = { totp_secret: desired.totpSecret };
  if (desired.totpAlgorithm !== undefined) group.totp_algorithm = desired.totpAlgorithm;
  if (desired.totpDigits !== undefined) group.totp_digits = desired.totpDigits;
  if (desired.totpPeriod !== undefined) group.totp_period = desired.totpPeriod;
  return group;
}

/**
 * Whether the PATCH carries the TOTP group: the secret or one of its settings changed. A
 * removed secret is cleared with `""`, which drops its settings too.
 */
function totpChanged(fields: readonly UpdatableField[]): boolean {
  return fields.some(
    (field) => field === "totpSecret" || (TOTP_SETTINGS as readonly string[]).includes(field),
  );
}

export interface ValuesDelta {
  /** Keys added or changed since the last apply, or missing live (drift). */
  set: Record<string, string>;
  /** Live keys the program no longer has, sorted. */
  remove: string[];
}

/**
 * The change to `values`, judged against the values recorded at the last apply (the API never
 * returns them) and the live key set. A key with no recorded value is sent: after a take-over
 * every desired value goes out once.
 */
export function valuesDelta(
  olds: Partial<CredentialOutputs>,
  desired: Record<string, string>,
): ValuesDelta {
  const recorded = olds.values ?? {};
  const live = new Set(olds.valueKeys ?? Object.keys(recorded));
  const set = Object.fromEntries(
    Object.entries(desired).filter(
      ([key, value]) => !live.has(key) || !Object.hasOwn(recorded, key) || recorded[key] !== value,
    ),
  );
  const remove = [...live].filter((key) => !Object.hasOwn(desired, key)).sort();
  return { set, remove };
}

/** PATCH body for the named fields, in API form. */
export function toUpdateRequest(
  fields: readonly UpdatableField[],
  olds: Partial<CredentialOutputs>,
  desired: CredentialInputs,
): CredentialUpdateRequest {
  const body: CredentialUpdateRequest = {};
  for (const field of fields) {
    switch (field) {
      case "name":
        body.name = desired.name;
        break;
      case "values": {
        const { set, remove } = valuesDelta(olds, desired.values);
        if (Object.keys(set).length > 0) body.values = set;
        if (remove.length > 0) body.remove_value_keys = remove;
        break;
      }
      case "ssoProvider":
        body.sso_provider = desired.ssoProvider ?? "";
        break;
      case "totpSecret":
      case "totpAlgorithm":
      case "totpDigits":
      case "totpPeriod":
        break;
    }
  }
  if (totpChanged(fields)) {
    if (desired.totpSecret === undefined) body.totp_secret = "";
    else Object.assign(body, totpGroup(desired));
  }
  return body;
}
