/**
 * The Profile's planner, shared by diff and update: a rename is a PATCH.
 */
import { UNKNOWN } from "../dynamic/engineKeys";
import type { ChangePlan } from "../dynamic/spec";
import type { ProfileOutputs, UpdatableField } from "./types";

/** A rename is the only change; a replacement happens only for a new project (the core's). */
export function planChanges(
  olds: Partial<ProfileOutputs>,
  news: Record<string, unknown>,
): ChangePlan<UpdatableField> {
  const changed: UpdatableField[] = [];
  if (news.name === UNKNOWN || news.name !== olds.name) changed.push("name");
  return { replaces: [], deleteBeforeReplace: false, changed };
}
