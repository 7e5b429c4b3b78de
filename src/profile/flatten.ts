/**
 * flatten: a `/profiles` answer to the Profile's state, and the live inputs a refresh reports.
 */
import type { ProfileResponse } from "./api";
import type { ProfileInputs, ProfileState } from "./types";

export interface ProfileFlattenContext {
  desired?: ProfileInputs;
  olds?: Partial<ProfileState>;
}

/**
 * Outputs: name as live, timestamps, and the provider's own `adopt`. No undefined. `project` is
 * the shared provider's to record (it knows the project actually used).
 */
export function toProfileState(
  live: ProfileResponse,
  ctx: ProfileFlattenContext = {},
): ProfileState {
  // A profile without a name (made elsewhere) reads as "": the desired name then shows as a rename.
  const state: ProfileState = { name: live.name ?? "" };
  if (live.created_at != null) state.createdAt = live.created_at;
  if (live.last_used_at != null) state.lastUsedAt = live.last_used_at;
  const source = ctx.desired ?? ctx.olds;
  if (source?.adopt) state.adopt = true;
  return state;
}

/** The inputs as they are live: a rename done elsewhere shows as `live => desired`. */
export function toProfileLiveInputs(state: ProfileState): ProfileInputs {
  const inputs: ProfileInputs = { name: state.name };
  if (state.adopt) inputs.adopt = true;
  return inputs;
}
