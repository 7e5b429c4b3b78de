/**
 * expand: a Profile's desired inputs to API requests. `adopt` and `project` are never in a body
 * (the project travels as the `X-Kernel-Project` header).
 */
import type { ProfileCreateRequest, ProfileUpdateRequest } from "./api";
import type { ProfileInputs, UpdatableField } from "./types";

export function toCreateRequest(desired: ProfileInputs): ProfileCreateRequest {
  return { name: desired.name };
}

export function toUpdateRequest(
  changed: readonly UpdatableField[],
  desired: ProfileInputs,
): ProfileUpdateRequest {
  return changed.includes("name") ? { name: desired.name } : {};
}
