/**
 * flatten: a `/profiles` answer to the Profile's outputs. The live inputs a refresh reports are
 * the core's default (the outputs' `name`): a rename done elsewhere shows as `live => desired`.
 */
import type { ProfileResponse } from "./api";
import type { ProfileOutputs } from "./types";

/** Outputs: the name as live and the timestamps. No undefined. */
export function toOutputs(live: ProfileResponse): ProfileOutputs {
  // A profile without a name (made elsewhere) reads as "": the desired name then shows as a rename.
  const state: ProfileOutputs = { name: live.name ?? "" };
  if (live.created_at != null) state.createdAt = live.created_at;
  if (live.last_used_at != null) state.lastUsedAt = live.last_used_at;
  return state;
}
