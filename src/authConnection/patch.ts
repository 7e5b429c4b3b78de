/**
 * The patch planner (BEHAVIOR.md section 4): one pure function that compares the old state
 * (the live state after a refresh) with the new checked inputs. `diff` reports its result and
 * `update` sends it, so what the preview promises is what the PATCH carries.
 */
import { API_DEFAULTS, type ManagedAuthUpdateRequest } from "../kernel/api";
import { toUpdateRequest } from "./expand";
import { containsUnknown, normalizeDomainSet } from "./schema";
import {
  type AuthConnectionState,
  type CheckedInputs,
  UNKNOWN,
  UPDATABLE_FIELDS,
  type UpdatableField,
} from "./types";

export interface ChangePlan {
  /** Inputs whose change needs a new connection: profileName, domain, removed credential/proxy. */
  replaces: string[];
  /** True when the replacement keeps the (profileName, domain) key: creating first would 409. */
  deleteBeforeReplace: boolean;
  /** Updatable fields that differ, or are not known yet. */
  changed: UpdatableField[];
}

type OldState = Partial<AuthConnectionState>;
type NewInputs = Record<string, unknown>;

export function planChanges(olds: OldState, news: NewInputs): ChangePlan {
  const replaces: string[] = [];
  if (news.profileName === UNKNOWN || news.profileName !== olds.profileName) {
    replaces.push("profileName");
  }
  if (news.domain === UNKNOWN || !sameHost(news.domain, olds.domain)) replaces.push("domain");
  if (news.credential === undefined && olds.credential !== undefined) replaces.push("credential");
  if (news.proxy === undefined && (olds.proxy !== undefined || olds.proxyId !== undefined)) {
    replaces.push("proxy");
  }

  const changed = UPDATABLE_FIELDS.filter(
    (field) => !replaces.includes(field) && !fieldEquals(field, olds, news),
  );

  const keyKept =
    (news.profileName === UNKNOWN || news.profileName === olds.profileName) &&
    (news.domain === UNKNOWN || sameHost(news.domain, olds.domain));
  return { replaces, deleteBeforeReplace: replaces.length > 0 && keyKept, changed };
}

export function hasChanges(plan: ChangePlan): boolean {
  return plan.replaces.length > 0 || plan.changed.length > 0;
}

/** The PATCH body taking `olds` to `desired`: exactly the changed updatable fields. */
export function planPatch(olds: OldState, desired: CheckedInputs): ManagedAuthUpdateRequest {
  const plan = planChanges(olds, desired as unknown as NewInputs);
  return toUpdateRequest(plan.changed, desired);
}

/** Whether one updatable field is already as desired. Unknown is never equal. */
export function fieldEquals(field: UpdatableField, olds: OldState, news: NewInputs): boolean {
  const desired = news[field];
  if (containsUnknown(desired)) return false;
  switch (field) {
    case "loginUrl":
      return (olds.loginUrl ?? "") === (desired ?? "");
    case "credential":
      return canonicalJson(olds.credential) === canonicalJson(desired);
    case "allowedDomains":
      return (
        canonicalJson(normalizeDomainSet(olds.allowedDomains ?? [])) ===
        canonicalJson(normalizeDomainSet((desired as string[] | undefined) ?? []))
      );
    case "healthCheckInterval":
      return (
        (olds.healthCheckInterval ?? API_DEFAULTS.healthCheckInterval) ===
        (desired ?? API_DEFAULTS.healthCheckInterval)
      );
    case "saveCredentials":
      return (
        (olds.saveCredentials ?? API_DEFAULTS.saveCredentials) ===
        (desired ?? API_DEFAULTS.saveCredentials)
      );
    case "proxy":
      return proxyEquals(olds, desired as Record<string, string> | undefined);
  }
}

/**
 * `{id}` is as desired when that id is attached, whatever form the state names it in.
 * `{name}` is as desired only when the live proxy is still the one the name resolved to at the
 * last apply; otherwise the PATCH re-sends it.
 */
function proxyEquals(olds: OldState, desired: Record<string, string> | undefined): boolean {
  if (desired === undefined) return olds.proxy === undefined && olds.proxyId === undefined;
  if ("id" in desired) return olds.proxyId === desired.id;
  return (
    olds.proxy !== undefined &&
    "name" in olds.proxy &&
    olds.proxy.name === desired.name &&
    olds.proxyId !== undefined &&
    olds.proxyId === olds.resolvedProxyId
  );
}

function sameHost(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
}

/** JSON with sorted keys, so that key order never makes a difference. */
function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v) =>
      v !== null && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1)))
        : v,
    ) ?? "undefined"
  );
}
