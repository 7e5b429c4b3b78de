/**
 * What makes a CredentialProvider's provider different from every other resource's: the pieces
 * the shared provider skeleton runs. Org-wide: no project, no `X-Kernel-Project`.
 */
import type { ChangePlan } from "../credential/patch";
import type { KernelOperation } from "../kernel/client";
import { type CredentialProviderLive, parseCredentialProvider } from "./api";
import { toCreateRequest, toUpdateRequest } from "./expand";
import { toLiveInputs, toState } from "./flatten";
import { matchesPost, planChanges } from "./patch";
import { checkInputs } from "./schema";
import {
  API_FIELD,
  type CredentialProviderInputs,
  type CredentialProviderState,
  SECRET_OUTPUTS,
  type UpdatableField,
} from "./types";

export const COLLECTION = "/org/credential_providers";

/** The provider named `name` in the org: the list, filtered by the API's name search. */
export function findByName(
  op: KernelOperation,
  name: string,
): Promise<CredentialProviderLive | undefined> {
  return op.find(COLLECTION, { query: name }, parseCredentialProvider, (p) => p.name === name);
}

export function badRequestHint(text: string): string {
  const inputs = Object.entries(API_FIELD)
    .filter(([, field]) => new RegExp(`\\b${field}\\b`).test(text))
    .map(([input]) => input);
  return inputs.length
    ? `Check the CredentialProvider input${inputs.length > 1 ? "s" : ""} ${inputs.join(", ")}`
    : "Check the CredentialProvider's inputs";
}

export const credentialProviderSpec = {
  typeName: "CredentialProvider",
  collection: COLLECTION,
  projectScoped: false,
  check: checkInputs,
  plan: (olds: Partial<CredentialProviderState>, news: Record<string, unknown>) =>
    planChanges(olds, news),
  createBody: toCreateRequest,
  updateBody: (
    plan: ChangePlan,
    _olds: Partial<CredentialProviderState>,
    desired: CredentialProviderInputs,
  ): Record<string, unknown> => ({
    ...toUpdateRequest(plan.changed as UpdatableField[], desired),
  }),
  parse: parseCredentialProvider,
  liveId: (live: CredentialProviderLive) => live.id,
  /**
   * After a send that carried `desired`, its token (and cache TTL, when set) are the record; a
   * cache TTL no longer set keeps the old record (unset is no change). The POST answer holds the
   * server's enabled and priority, so planning again right after the POST yields exactly the
   * one PATCH for them that B3 allows.
   */
  toState: (
    live: CredentialProviderLive,
    ctx: { desired?: CredentialProviderInputs; olds?: Partial<CredentialProviderState> },
  ) => toState(live, ctx),
  toLiveInputs,
  uniqueKey: {
    describe: (desired: CredentialProviderInputs) => `name ${JSON.stringify(desired.name)}`,
    find: (op: KernelOperation, desired: CredentialProviderInputs) => findByName(op, desired.name),
    matchesPost: async (
      _op: KernelOperation,
      live: CredentialProviderLive,
      desired: CredentialProviderInputs,
    ) => matchesPost(live, desired),
  },
  badRequestHint,
  secretOutputs: [...SECRET_OUTPUTS],
};
