/**
 * TelemetryDestination's planner (docs/behaviour.md): old outputs and checked inputs to a
 * ChangePlan. Every field changes in place; a destination is never replaced. Headers are
 * compared key by key against the values recorded at the last apply and the live names.
 */
import { containsUnknown } from "../dynamic/engineKeys";
import type { ChangePlan } from "../dynamic/plan";
import type { TelemetryDestinationResponse } from "./api";
import { headersDelta } from "./expand";
import type {
  TelemetryDestinationInputs,
  TelemetryDestinationOutputs,
  TelemetryDestinationUpdatableField,
} from "./types";

type Olds = Partial<TelemetryDestinationOutputs>;

export function planChanges(
  olds: Olds,
  news: Record<string, unknown>,
): ChangePlan<TelemetryDestinationUpdatableField> {
  const changed: TelemetryDestinationUpdatableField[] = [];
  if (!same(news.name, olds.name)) changed.push("name");
  if (!same(news.endpoint, olds.endpoint)) changed.push("endpoint");
  if (!same(news.description ?? "", olds.description ?? "")) changed.push("description");
  if (
    containsUnknown(news.headers) ||
    Object.keys(headersDelta(olds, news.headers as Record<string, string> | undefined)).length > 0
  ) {
    changed.push("headers");
  }
  return { replaces: [], deleteBeforeReplace: false, changed };
}

/** Unknown is never the same. */
function same(desired: unknown, old: unknown): boolean {
  return !containsUnknown(desired) && desired === old;
}

/**
 * After a POST whose outcome is unknown: whether `live` is what our POST would have made. The
 * header values cannot be compared (answered redacted), so their names stand in for them.
 */
export function matchesPost(
  live: TelemetryDestinationResponse,
  desired: TelemetryDestinationInputs,
): boolean {
  const liveNames = Object.keys(live.headers ?? {}).sort();
  const desiredNames = Object.keys(desired.headers ?? {}).sort();
  return (
    live.name === desired.name &&
    live.endpoint === desired.endpoint &&
    (live.description ?? "") === (desired.description ?? "") &&
    liveNames.length === desiredNames.length &&
    liveNames.every((name, i) => name === desiredNames[i])
  );
}
