/**
 * The patch planner (docs/behaviour.md): one pure function that compares the old state (the live state after
 * a refresh) with the new checked inputs. `diff` reports its result and `update` sends it, so
 * what the preview promises is what the PATCH carries. The project is not planned here: the
 * shared skeleton plans the move (docs/behaviour.md).
 */
import type { ChangePlan } from "../dynamic/spec";
import { UNKNOWN, containsUnknown } from "../dynamic/engineKeys";
import { jsonEqual } from "../dynamic/jsonEqual";
import { normalizeDomainSet } from "./schema";
import {
  type AuthConnectionOutputs,
  SERVER_OWNED,
  UPDATABLE_FIELDS,
  type UpdatableField,
} from "./types";

export type { ChangePlan };

type OldState = Partial<AuthConnectionOutputs>;
type NewInputs = Record<string, unknown>;

export function planChanges(olds: OldState, news: NewInputs): ChangePlan<UpdatableField> {
  const replaces: string[] = [];
  if (news.profileName === UNKNOWN || news.profileName !== olds.profileName) {
    replaces.push("profileName");
  }
  if (news.domain === UNKNOWN || !sameHost(news.domain, olds.domain)) replaces.push("domain");
  // The API cannot detach a credential; a proxy it can (browser.proxy.mode "default").
  if (news.credential === undefined && olds.credential !== undefined) replaces.push("credential");

  const changed = UPDATABLE_FIELDS.filter(
    (field) => !replaces.includes(field) && !fieldEquals(field, olds, news),
  );

  const keyKept =
    (news.profileName === UNKNOWN || news.profileName === olds.profileName) &&
    (news.domain === UNKNOWN || sameHost(news.domain, olds.domain));
  return { replaces, deleteBeforeReplace: replaces.length > 0 && keyKept, changed };
}

/** Whether one updatable field is already as desired. Unknown is never equal. */
export function fieldEquals(field: UpdatableField, olds: OldState, news: NewInputs): boolean {
  const desired = news[field];
  if (containsUnknown(desired)) return false;
  if ((SERVER_OWNED as readonly string[]).includes(field)) {
    // Unset is "whatever the server has" (docs/behaviour.md): no diff, whatever the live value.
    return desired === undefined || desired === olds[field as keyof OldState];
  }
  switch (field) {
    case "loginUrl":
      return (olds.loginUrl ?? "") === (desired ?? "");
    case "credential":
      return jsonEqual(olds.credential, desired);
    case "allowedDomains":
      return jsonEqual(
        normalizeDomainSet(olds.allowedDomains ?? []),
        normalizeDomainSet((desired as string[] | undefined) ?? []),
      );
    case "proxy":
      return proxyEquals(olds, desired as Record<string, string> | undefined);
    case "telemetryDestination":
      return jsonEqual(olds.telemetryDestination, desired);
    default:
      return true;
  }
}

/**
 * No proxy desired is as desired when none is selected live (`{mode: "default"}` or nothing).
 * `{id}` is as desired when that id is attached, whatever form the state names it in.
 * `{name}` is as desired only when the live proxy is still the one the name resolved to at the
 * last apply (or, when the API reported only a name, that name); otherwise the PATCH re-sends
 * it. `{mode: "direct"}` is as desired when the live mode is direct.
 */
function proxyEquals(olds: OldState, desired: Record<string, string> | undefined): boolean {
  const old = olds.proxy as Record<string, string> | undefined;
  if (desired === undefined) return old === undefined && olds.proxyId === undefined;
  if (desired.mode !== undefined) return old?.mode === desired.mode;
  if (desired.id !== undefined) return old?.mode === undefined && olds.proxyId === desired.id;
  if (old?.name !== desired.name) return false;
  if (olds.proxyId === undefined) return olds.resolvedProxyId === undefined;
  return olds.proxyId === olds.resolvedProxyId;
}

function sameHost(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
}
