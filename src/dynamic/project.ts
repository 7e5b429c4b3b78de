/**
 * Projects (docs/behaviour.md). Which project an object lives in is decided once, at create, and recorded in
 * state as the output `project`; every later call uses the recorded one. The desired project is
 * the resource's `project` input, else config `kernel:project`. Env `KERNEL_PROJECT` (else
 * `KERNEL_PROJECT_ID`, the Terraform provider's variable) is only a default for creating: it
 * never makes a diff, so a machine with another environment cannot plan replacements. With none
 * set, requests go to the org's default project (no header).
 *
 * Headers, as the Python SDK 0.131 sends them: a value that may be an id or a name (the input,
 * config, `KERNEL_PROJECT`, the project recorded in state) travels in `X-Kernel-Project`; the
 * id of `KERNEL_PROJECT_ID` in `X-Kernel-Project-Id`. One header per request, never both.
 *
 * A replacement's create receives only the new inputs, so check carries the project a create
 * would use in the inputs, under PROJECT_PIN_KEY: the desired project when there is one, else
 * the pin of the old inputs (the project the object was created in), else, for a new resource,
 * `KERNEL_PROJECT` (else `KERNEL_PROJECT_ID`), else "" (the default project). A replacement made
 * for another reason thus stays in its project whatever the environment of the machine that
 * runs it.
 */
import { z } from "zod";
import { orUnknown } from "./checks";
import { PROJECT_PIN_KEY, UNKNOWN } from "./engineKeys";

/** The output that records the project an object was created in. */
export const PROJECT_KEY = "project";

export const PROJECT_REASON = "must be a project id or its exact name (a non-empty string)";

/** The `project` input's schema, for every project-scoped resource's check. */
export const projectInputSchema = orUnknown(
  z.string({ error: PROJECT_REASON }).refine((s) => s.length > 0 && s.trim() === s, {
    error: PROJECT_REASON,
  }),
);

/**
 * The input check adds: the project a create of this resource goes to ("" for the default
 * project). withoutEngineKeys drops it, so no resource's own logic sees it.
 */
export { PROJECT_PIN_KEY };

/** The project settings the provider has from configure. */
export interface ProjectSettings {
  /** Config `kernel:project`. */
  project?: string;
  /** Env `KERNEL_PROJECT`: for creating only. */
  defaultProject?: string;
  /** Env `KERNEL_PROJECT_ID`: for creating only, when `KERNEL_PROJECT` is unset. */
  defaultProjectId?: string;
}

/** The project the program asks for: the input, else config. May be the unknown sentinel. */
export function desiredProject(input: unknown, settings: ProjectSettings): string | undefined {
  if (typeof input === "string" && input !== "") return input;
  return settings.project || undefined;
}

/**
 * The project a create goes to: the desired one, else the pin check made (the project the
 * resource was created in), else env `KERNEL_PROJECT`, else env `KERNEL_PROJECT_ID`, else none
 * (the default project).
 */
export function createProject(
  input: unknown,
  settings: ProjectSettings,
  pin?: unknown,
): string | undefined {
  const desired = desiredProject(input, settings);
  if (desired !== undefined) return desired;
  if (typeof pin === "string") return pin === "" ? undefined : pin;
  return settings.defaultProject || settings.defaultProjectId || undefined;
}

/**
 * Whether a create's project is `KERNEL_PROJECT_ID`'s id, sent as `X-Kernel-Project-Id`: no
 * desired project, no `KERNEL_PROJECT`, and no pin naming another project.
 */
export function createsByProjectId(
  input: unknown,
  settings: ProjectSettings,
  pin?: unknown,
): boolean {
  return (
    desiredProject(input, settings) === undefined &&
    !settings.defaultProject &&
    !!settings.defaultProjectId &&
    (typeof pin !== "string" || pin === settings.defaultProjectId)
  );
}

/**
 * The pin check puts into the inputs (PROJECT_PIN_KEY): the desired project; else the old
 * inputs' pin; else, for a resource with no old inputs (a new one), env `KERNEL_PROJECT`, else
 * env `KERNEL_PROJECT_ID`; else "" (the default project). Undefined for an existing resource
 * whose old inputs hold no pin (a state written before pins): its create keeps the older rule
 * until a refresh pins it.
 */
export function projectPin(
  input: unknown,
  settings: ProjectSettings,
  olds: Record<string, unknown> | undefined,
): string | undefined {
  const desired = desiredProject(input, settings);
  if (desired !== undefined) return desired;
  const old = olds?.[PROJECT_PIN_KEY];
  if (typeof old === "string") return old;
  const isNew = olds === undefined || Object.keys(olds).length === 0;
  return isNew ? settings.defaultProject || settings.defaultProjectId || "" : undefined;
}

/** The project recorded in state; undefined for objects in the org's default project. */
export function recordedProject(state: Record<string, unknown>): string | undefined {
  const value = state[PROJECT_KEY];
  return typeof value === "string" && value !== "" && value !== UNKNOWN ? value : undefined;
}

/**
 * Whether the desired project moves the object: none desired is no change; a desired one that
 * is unknown or differs from the recorded one (absent = the default project) is a replace.
 */
export function projectMoves(state: Record<string, unknown>, desired: string | undefined): boolean {
  if (desired === undefined) return false;
  if (desired === UNKNOWN) return true;
  return desired !== recordedProject(state);
}
