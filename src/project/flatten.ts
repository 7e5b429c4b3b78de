/**
 * flatten: the API's answers to Project's outputs. The project answer gives name, status and
 * timestamps; the caps answer, when it was read, gives the live value of each cap the program
 * manages (0 for no cap). A cap the program does not set is not recorded: the server owns it.
 */
import type { ProjectLimitsResponse, ProjectResponse } from "./api";
import {
  LIMIT_FIELDS,
  LIMIT_NAMES,
  type ProjectInputs,
  type ProjectLimits,
  type ProjectOutputs,
} from "./types";

/** A project with its caps, when they were read. */
export interface ProjectLive extends ProjectResponse {
  limits?: ProjectLimitsResponse;
}

export interface FlattenContext {
  /** The inputs just applied: their caps are the ones managed. */
  desired?: ProjectInputs;
  /** The state before (a read): its caps are the ones managed. */
  olds?: Partial<ProjectOutputs>;
}

/** Which caps the program manages: those of the inputs just applied, else those recorded. */
export function managedLimits(ctx: FlattenContext): ProjectLimits | undefined {
  return ctx.desired ? ctx.desired.limits : ctx.olds?.limits;
}

/** Outputs, with no undefined anywhere. */
export function toOutputs(live: ProjectLive, ctx: FlattenContext = {}): ProjectOutputs {
  const out: ProjectOutputs = {
    name: live.name,
    archived: live.status === "archived",
    status: live.status,
  };
  const managed = managedLimits(ctx);
  const names = LIMIT_NAMES.filter((name) => managed?.[name] !== undefined);
  if (managed !== undefined) {
    const limits: ProjectLimits = {};
    for (const name of names) {
      // Not read (no caps answer): the value known before stands.
      limits[name] = live.limits ? (live.limits[LIMIT_FIELDS[name]] ?? 0) : managed[name];
    }
    out.limits = limits;
  }
  if (live.created_at) out.createdAt = live.created_at;
  if (live.updated_at) out.updatedAt = live.updated_at;
  return out;
}

/** The managed inputs as they are live (ReadResult.inputs). */
export function toLiveInputs(outputs: ProjectOutputs): ProjectInputs {
  // `archived` only when true: unset is active, as check writes it.
  const inputs: ProjectInputs = { name: outputs.name };
  if (outputs.archived) inputs.archived = true;
  if (outputs.limits !== undefined) inputs.limits = { ...outputs.limits };
  return inputs;
}
