/**
 * BrowserPool's planner (docs/behaviour.md): one pure function from the old outputs (refreshed
 * or as recorded) and the checked inputs to what changes in place and what replaces. diff
 * reports it and update sends it, so what the preview promises is what the PATCH carries.
 *
 * - `region` (create only) replaces when set and different; unset, it is the server's.
 * - `name` and `viewport` cannot be cleared: removing either replaces.
 * - Server-owned settings (and `viewport.refreshRate`, `telemetry.storage`) are compared only
 *   where the program sets them. A set `refreshOnProfileUpdate` goes with every profile change:
 *   the API turns it on for a new profile unless told otherwise.
 * - `forceDestroy` is a change of its own (nothing is sent; the state records it for delete);
 *   `rebuildIdleBrowsersOnUpdate` never is, and rides along only with another change.
 * - An unknown value is never equal to anything.
 */
import { UNKNOWN, containsUnknown } from "../dynamic/engineKeys";
import { jsonEqual } from "../dynamic/jsonEqual";
import type { ChangePlan } from "../dynamic/plan";
import {
  type BrowserPoolOutputs,
  type BrowserPoolUpdatableField,
  SERVER_OWNED,
  UPDATABLE_FIELDS,
} from "./types";

type Olds = Partial<BrowserPoolOutputs>;

export function planChanges(
  olds: Olds,
  news: Record<string, unknown>,
): ChangePlan<BrowserPoolUpdatableField> {
  const replaces: string[] = [];
  if (news.region !== undefined && (news.region === UNKNOWN || news.region !== olds.region)) {
    replaces.push("region");
  }
  if (olds.name !== undefined && news.name === undefined) replaces.push("name");
  if (olds.viewport !== undefined && news.viewport === undefined) replaces.push("viewport");
  // A new profile turns the API's refresh on unless the PATCH says otherwise, so a refresh
  // setting the program holds travels with every profile change.
  const profileMoves = news.profile !== undefined && !fieldEquals("profile", olds, news);
  const changed = UPDATABLE_FIELDS.filter(
    (field) =>
      field !== "rebuildIdleBrowsersOnUpdate" &&
      (!fieldEquals(field, olds, news) ||
        (field === "refreshOnProfileUpdate" && profileMoves && news[field] !== undefined)),
  );
  const rebuild = news.rebuildIdleBrowsersOnUpdate;
  if (
    changed.some((field) => field !== "forceDestroy") &&
    (rebuild === UNKNOWN || (rebuild ?? false) !== (olds.rebuildIdleBrowsersOnUpdate ?? false))
  ) {
    changed.push("rebuildIdleBrowsersOnUpdate");
  }
  // The new pool would take the old one's name while it still exists.
  const nameKept = news.name !== undefined && (news.name === UNKNOWN || news.name === olds.name);
  return { replaces, deleteBeforeReplace: replaces.length > 0 && nameKept, changed };
}

/** Whether one updatable field is already as desired. */
export function fieldEquals(
  field: BrowserPoolUpdatableField,
  olds: Olds,
  news: Record<string, unknown>,
): boolean {
  const desired = news[field];
  if (containsUnknown(desired)) return false;
  if ((SERVER_OWNED as readonly string[]).includes(field)) {
    return desired === undefined || olds[field as keyof Olds] === desired;
  }
  switch (field) {
    case "name":
      // A removed name is a replacement, not a PATCH.
      return desired === undefined || desired === olds.name;
    case "viewport": {
      if (desired === undefined) return true;
      const want = desired as { width: number; height: number; refreshRate?: number };
      const have = olds.viewport;
      return (
        have !== undefined &&
        have.width === want.width &&
        have.height === want.height &&
        (want.refreshRate === undefined || have.refreshRate === want.refreshRate)
      );
    }
    case "telemetry":
      return telemetryEquals(olds, desired as BrowserPoolOutputs["telemetry"]);
    case "rebuildIdleBrowsersOnUpdate":
    case "forceDestroy":
      return (desired ?? false) === (olds[field] ?? false);
    default:
      return jsonEqual(olds[field], desired);
  }
}

/** Capture on or off; the destination in the program's form; storage where the program sets it. */
function telemetryEquals(olds: Olds, desired: BrowserPoolOutputs["telemetry"]): boolean {
  const have = olds.telemetry;
  if (desired === undefined || have === undefined) return desired === have;
  if (!jsonEqual(have.destination, desired.destination)) return false;
  return desired.storage === undefined || have.storage === desired.storage;
}

export function hasChanges(plan: ChangePlan): boolean {
  return plan.replaces.length > 0 || plan.changed.length > 0;
}
