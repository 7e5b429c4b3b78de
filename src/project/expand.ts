/**
 * expand: desired inputs to request bodies. The project itself takes `{name, status}`; its caps
 * go to `/org/projects/{id}/limits`, each cap that differs with its desired value, and a cap
 * the program no longer sets with 0 (which removes it).
 */
import type { ProjectCreateRequest, ProjectLimitsRequest, ProjectUpdateRequest } from "./api";
import {
  LIMIT_FIELDS,
  LIMIT_NAMES,
  type ProjectInputs,
  type ProjectLimits,
  type ProjectOutputs,
  type ProjectUpdatableField,
} from "./types";

/** POST body: the name only (the API creates an active project without caps). */
export function toCreateRequest(desired: ProjectInputs): ProjectCreateRequest {
  return { name: desired.name };
}

/** The status a project is to have. */
export function desiredStatus(desired: Pick<ProjectInputs, "archived">): "active" | "archived" {
  return desired.archived === true ? "archived" : "active";
}

/** PATCH body of the project for the changed fields; `{}` when only the caps changed. */
export function toUpdateRequest(
  changed: readonly ProjectUpdatableField[],
  _olds: Partial<ProjectOutputs>,
  desired: ProjectInputs,
): ProjectUpdateRequest {
  const body: ProjectUpdateRequest = {};
  if (changed.includes("name")) body.name = desired.name;
  if (changed.includes("archived")) body.status = desiredStatus(desired);
  return body;
}

/**
 * The caps to send, judged against the caps recorded (the live value of each cap the program
 * managed at the last apply): a desired cap that differs or was not managed is sent; a managed
 * cap the program no longer sets is sent as 0 unless it is already 0. `{}` when none.
 */
export function limitsDelta(
  recorded: ProjectLimits | undefined,
  desired: ProjectLimits | undefined,
): ProjectLimits {
  const delta: ProjectLimits = {};
  for (const name of LIMIT_NAMES) {
    const want = desired?.[name];
    const had = recorded?.[name];
    if (want !== undefined) {
      if (had !== want) delta[name] = want;
    } else if (had !== undefined && had !== 0) {
      delta[name] = 0;
    }
  }
  return delta;
}

/** PATCH body of `/limits` taking the recorded caps to the desired ones. */
export function toLimitsRequest(
  olds: Partial<ProjectOutputs>,
  desired: ProjectInputs,
): ProjectLimitsRequest {
  return wireLimits(limitsDelta(olds.limits, desired.limits));
}

/** The caps a new project needs: those set above 0 (a new project has none). */
export function toCreateLimitsRequest(desired: ProjectInputs): ProjectLimitsRequest {
  const set = Object.fromEntries(
    Object.entries(desired.limits ?? {}).filter(([, value]) => value !== undefined && value > 0),
  ) as ProjectLimits;
  return wireLimits(set);
}

function wireLimits(limits: ProjectLimits): ProjectLimitsRequest {
  const body: ProjectLimitsRequest = {};
  for (const name of LIMIT_NAMES) {
    const value = limits[name];
    if (value !== undefined) body[LIMIT_FIELDS[name]] = value;
  }
  return body;
}
