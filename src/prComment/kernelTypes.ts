/**
 * The package's resource types as the comment meets them in a preview: each one's token, its
 * spec (the same pure planner, PATCH body and POST body the provider runs) and the inputs that
 * are secret whatever the preview shows for them.
 */
import { TOKEN_PREFIX, typeToken } from "../dynamic/engineKeys";
import { withoutOwned } from "../dynamic/owned";
import type { AnyResourceSpec, ChangePlan } from "../dynamic/spec";
import { SPECS } from "../specs";

/** A spec seen through plain records: what the comment calls. */
export interface KernelType {
  /** `Credential`. */
  name: string;
  collection: string;
  projectScoped: boolean;
  plan(olds: Record<string, unknown>, news: Record<string, unknown>): ChangePlan;
  createBody(desired: Record<string, unknown>): Record<string, unknown>;
  updateBody(
    plan: ChangePlan,
    olds: Record<string, unknown>,
    desired: Record<string, unknown>,
  ): Record<string, unknown>;
  /** Inputs and outputs that are secret, whatever the preview shows (`values`, `password`). */
  secretFields: readonly string[];
  /**
   * A secret map whose keys are no secret, and the output that lists them live: a Credential's
   * `values`, whose keys the API answers as `valueKeys`.
   */
  secretMapKeys?: { field: string; keysOutput: string };
}

/**
 * A secret map whose keys are no secret, by resource: a Credential's `values`, whose keys the
 * API answers as `valueKeys`.
 */
const SECRET_MAP_KEYS: Readonly<Record<string, KernelType["secretMapKeys"]>> = {
  Credential: { field: "values", keysOutput: "valueKeys" },
};

/** A spec seen through plain records; the owned inputs are the core's, never in a body. */
function kernelType(spec: AnyResourceSpec): KernelType {
  const secretMapKeys = SECRET_MAP_KEYS[spec.typeName];
  return {
    name: spec.typeName,
    collection: spec.collection,
    projectScoped: spec.projectScoped,
    plan: (olds, news) => spec.plan(olds, news),
    createBody: (desired) => spec.createBody(withoutOwned(desired)),
    updateBody: (plan, olds, desired) => spec.updateBody(plan, olds, withoutOwned(desired)),
    secretFields: [...spec.secretOutputs],
    ...(secretMapKeys ? { secretMapKeys } : {}),
  };
}

/** Every type of the package, by token. */
export const KERNEL_TYPES: Readonly<Record<string, KernelType>> = Object.fromEntries(
  Object.values(SPECS).map((spec) => [typeToken(spec.typeName), kernelType(spec)]),
);

/** Whether a type token is one of this package's (known or not). */
export function isKernelToken(type: string): boolean {
  return type.startsWith(TOKEN_PREFIX);
}

/** The known types' short names, for messages. */
export function knownTypeNames(): string[] {
  return Object.values(KERNEL_TYPES).map((t) => t.name);
}
