/**
 * The Proxy's planner: one pure function that diff reports and update sends, so the preview's
 * promise is what the PATCH carries. The API's PATCH takes only `name`; everything else that
 * differs needs a new proxy, created before the old one is deleted (names are not unique).
 */
import { UNKNOWN, containsUnknown } from "../dynamic/engineKeys";
import { toProxyUpdateRequest } from "./expand";
import type { ProxyUpdateRequest } from "./api";
import { normalizeBypassHosts } from "./schema";
import type { ProxyInputs, ProxyState, ProxyUpdatableField } from "./types";

export interface ProxyChangePlan {
  /** Inputs whose change needs a new proxy. */
  replaces: string[];
  /** Always false: a new proxy never collides with the old one, so it is created first. */
  deleteBeforeReplace: boolean;
  /** Updatable fields that differ or are not known yet. */
  changed: ProxyUpdatableField[];
}

type Olds = Partial<ProxyState>;
type News = Record<string, unknown>;

export function planProxy(olds: Olds, news: News): ProxyChangePlan {
  const replaces: string[] = [];
  if (news.type === UNKNOWN || news.type !== olds.type) replaces.push("type");
  // Unset protocol and config keys are server-owned: only what the program sets is compared.
  if (
    news.protocol !== undefined &&
    (news.protocol === UNKNOWN || news.protocol !== olds.protocol)
  ) {
    replaces.push("protocol");
  }
  if (!configHolds(olds.config as Record<string, unknown> | undefined, news.config)) {
    replaces.push("config");
  }
  // Secrets cannot be read back: compared with the values recorded at the last apply, and
  // (with no PATCH for them) their change or removal is a replacement.
  for (const key of ["password", "caBundle"] as const) {
    if (news[key] === UNKNOWN || news[key] !== olds[key]) replaces.push(key);
  }
  if (!sameHostSet(olds.bypassHosts, news.bypassHosts)) replaces.push("bypassHosts");

  const changed: ProxyUpdatableField[] = [];
  // A removed name stays as it is live (server-owned).
  if (news.name !== undefined && (news.name === UNKNOWN || news.name !== olds.name)) {
    changed.push("name");
  }
  return { replaces, deleteBeforeReplace: false, changed };
}

export function proxyHasChanges(plan: ProxyChangePlan): boolean {
  return plan.replaces.length > 0 || plan.changed.length > 0;
}

/** The PATCH body taking `olds` to `desired`; `{}` when nothing updatable differs. */
export function planProxyPatch(olds: Olds, desired: ProxyInputs): ProxyUpdateRequest {
  const plan = planProxy(olds, desired as unknown as News);
  return toProxyUpdateRequest(plan.changed, desired);
}

/** Every config key the program sets holds its value live; unknown config is a change. */
function configHolds(live: Record<string, unknown> | undefined, desired: unknown): boolean {
  if (desired === undefined) return true;
  if (desired === UNKNOWN || desired === null || typeof desired !== "object") return false;
  return Object.entries(desired).every(
    ([key, value]) => value === undefined || (!containsUnknown(value) && live?.[key] === value),
  );
}

function sameHostSet(live: unknown, desired: unknown): boolean {
  if (containsUnknown(desired)) return false;
  const a = normalizeBypassHosts((live as string[] | undefined) ?? []);
  const b = normalizeBypassHosts((desired as string[] | undefined) ?? []);
  return a.length === b.length && a.every((h, i) => h === b[i]);
}
