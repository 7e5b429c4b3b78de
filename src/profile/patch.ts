/**
 * The Profile's planner, shared by diff and update: a rename is a PATCH; the project is the
 * shared provider's to compare (docs/behaviour.md), and `adopt` is never a change.
 */
import { UNKNOWN } from "../dynamic/engineKeys";
import type { ProfileUpdateRequest } from "./api";
import { toProfileUpdateRequest } from "./expand";
import type { ProfileInputs, ProfileState, ProfileUpdatableField } from "./types";

export interface ProfileChangePlan {
  replaces: string[];
  /** A replacement (only a new project) never collides with the old profile's name. */
  deleteBeforeReplace: boolean;
  changed: ProfileUpdatableField[];
}

export function planProfile(
  olds: Partial<ProfileState>,
  news: Record<string, unknown>,
): ProfileChangePlan {
  const changed: ProfileUpdatableField[] = [];
  if (news.name === UNKNOWN || news.name !== olds.name) changed.push("name");
  return { replaces: [], deleteBeforeReplace: false, changed };
}

export function profileHasChanges(plan: ProfileChangePlan): boolean {
  return plan.replaces.length > 0 || plan.changed.length > 0;
}

/** The PATCH body taking `olds` to `desired`; `{}` when the name is already as desired. */
export function planProfilePatch(
  olds: Partial<ProfileState>,
  desired: ProfileInputs,
): ProfileUpdateRequest {
  return toProfileUpdateRequest(planProfile(olds, { ...desired }).changed, desired);
}
