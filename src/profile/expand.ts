/**
 * expand: a Profile's desired inputs to API requests. `adopt` and `project` are never in a body
 * (the project travels as the `X-Kernel-Project` header).
 */
import type { ProfileCreateRequest, ProfileUpdateRequest } from "./api";
import type { ProfileInputs, ProfileUpdatableField } from "./types";

export function toProfileCreateRequest(desired: ProfileInputs): ProfileCreateRequest {
  return { name: desired.name };
}

export function toProfileUpdateRequest(
  changed: readonly ProfileUpdatableField[],
  desired: ProfileInputs,
): ProfileUpdateRequest {
  return changed.includes("name") ? { name: desired.name } : {};
}
