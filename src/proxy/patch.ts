/**
 * The Proxy's planner: one pure function that diff reports and update sends, so the preview's
 * promise is what the PATCH carries. The API's PATCH takes only `name`; everything else that
 * differs needs a new proxy, created before the old one is deleted (names are not unique).
 */
import { UNKNOWN, containsUnknown } from "../dynamic/engineKeys";
import type { ChangePlan } from "../dynamic/spec";
import { normalizeBypassHosts } from "./schema";
import type { ProxyOutputs, UpdatableField } from "./types";

type Olds = Partial<ProxyOutputs>;
type News = Record<string, unknown>;

/** `deleteBeforeReplace` is always false: a new proxy never collides with the old one. */
export function planChanges(olds: Olds, news: News): ChangePlan<UpdatableField> {
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

  const changed: UpdatableField[] = [];
  // A removed name stays as it is live (server-owned).
  if (news.name !== undefined && (news.name === UNKNOWN || news.name !== olds.name)) {
    changed.push("name");
  }
  return { replaces, deleteBeforeReplace: false, changed };
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
