/**
 * Project's planner (docs/behaviour.md): old outputs and checked inputs to a ChangePlan. Every
 * field changes in place; a project is never replaced. `archived` unset is `false`; a cap is
 * compared only while the program sets it or managed it at the last apply.
 */
import { containsUnknown, UNKNOWN } from "../dynamic/engineKeys";
import type { ChangePlan } from "../dynamic/plan";
import type { ProjectResponse } from "./api";
import { limitsDelta } from "./expand";
import type { ProjectInputs, ProjectLimits, ProjectOutputs, ProjectUpdatableField } from "./types";

export function planChanges(
  olds: Partial<ProjectOutputs>,
  news: Record<string, unknown>,
): ChangePlan<ProjectUpdatableField> {
  const changed: ProjectUpdatableField[] = [];
  if (news.name === UNKNOWN || news.name !== olds.name) changed.push("name");
  if (news.archived === UNKNOWN || (news.archived ?? false) !== (olds.archived ?? false)) {
    changed.push("archived");
  }
  if (
    containsUnknown(news.limits) ||
    Object.keys(limitsDelta(olds.limits, news.limits as ProjectLimits | undefined)).length > 0
  ) {
    changed.push("limits");
  }
  return { replaces: [], deleteBeforeReplace: false, changed };
}

/**
 * After a POST whose outcome is unknown: whether `live` is what our POST would have made (the
 * POST carries the name alone, and a new project is active).
 */
export function matchesPost(live: ProjectResponse, desired: ProjectInputs): boolean {
  return live.name === desired.name && live.status === "active";
}
