/**
 * The package's resource types as the comment meets them in a preview: each one's token, its
 * spec (the same pure planner, PATCH body and POST body the provider runs) and the inputs that
 * are secret whatever the preview shows for them.
 */
import { authConnectionSpec } from "../authConnection/spec";
import { AUTH_CONNECTION_TOKEN } from "../authConnection/types";
import { credentialSpec } from "../credential/spec";
import { CREDENTIAL_TOKEN } from "../credential/types";
import { credentialProviderSpec } from "../credentialProvider/spec";
import { CREDENTIAL_PROVIDER_TOKEN } from "../credentialProvider/types";
import { TOKEN_PREFIX } from "../dynamic/engineKeys";
import type { ChangePlan } from "../dynamic/provider";
import { profileSpec } from "../profile/spec";
import { PROFILE_TOKEN } from "../profile/types";
import { proxySpec } from "../proxy/spec";
import { PROXY_TOKEN } from "../proxy/types";

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

/** The spec's functions with their record types; each spec checks its own shapes. */
function kernelType(
  spec: {
    typeName: string;
    collection: string;
    projectScoped: boolean;
    secretOutputs: readonly string[];
  },
  functions: object,
  secretMapKeys?: KernelType["secretMapKeys"],
): KernelType {
  const fns = functions as Pick<KernelType, "plan" | "createBody" | "updateBody">;
  return {
    name: spec.typeName,
    collection: spec.collection,
    projectScoped: spec.projectScoped,
    plan: (olds, news) => fns.plan(olds, news),
    createBody: (desired) => fns.createBody(desired),
    updateBody: (plan, olds, desired) => fns.updateBody(plan, olds, desired),
    secretFields: [...spec.secretOutputs],
    ...(secretMapKeys ? { secretMapKeys } : {}),
  };
}

export const KERNEL_TYPES: Readonly<Record<string, KernelType>> = {
  [AUTH_CONNECTION_TOKEN]: kernelType(authConnectionSpec, authConnectionSpec),
  [CREDENTIAL_TOKEN]: kernelType(credentialSpec, credentialSpec, {
    field: "values",
    keysOutput: "valueKeys",
  }),
  [CREDENTIAL_PROVIDER_TOKEN]: kernelType(credentialProviderSpec, credentialProviderSpec),
  [PROFILE_TOKEN]: kernelType(profileSpec, profileSpec),
  [PROXY_TOKEN]: kernelType(proxySpec, proxySpec),
};

/** Whether a type token is one of this package's (known or not). */
export function isKernelToken(type: string): boolean {
  return type.startsWith(TOKEN_PREFIX);
}

/** The known types' short names, for messages. */
export function knownTypeNames(): string[] {
  return Object.values(KERNEL_TYPES).map((t) => t.name);
}
