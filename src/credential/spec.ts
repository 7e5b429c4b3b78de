/**
 * What makes a Credential's provider different from every other resource's: the pieces the
 * shared provider skeleton runs. Pure parts come from their own modules; the only I/O here is
 * the lookup by name, through the operation the skeleton passes in.
 */
import { type KernelOperation, resourcePath } from "../kernel/client";
import { isGone } from "../kernel/errors";
import { type CredentialLive, parseCredential } from "./api";
import { toCreateRequest, toUpdateRequest } from "./expand";
import { toLiveInputs, toState } from "./flatten";
import { type ChangePlan, matchesPost, planChanges } from "./patch";
import { checkInputs } from "./schema";
import {
  API_FIELD,
  type CredentialInputs,
  type CredentialState,
  SECRET_OUTPUTS,
  type UpdatableField,
} from "./types";

export const COLLECTION = "/credentials";

/**
 * The credential named `name` in the operation's project, with its `value_keys` (which list
 * answers omit): one GET by name, which the API accepts in place of an id.
 */
export async function findByName(
  op: KernelOperation,
  name: string,
): Promise<CredentialLive | undefined> {
  try {
    return await op.request("GET", resourcePath(COLLECTION, name), { parse: parseCredential });
  } catch (err) {
    if (isGone(err)) return undefined;
    throw err;
  }
}

/** Names the inputs a 400 is about, from the API field names in its message and details. */
export function badRequestHint(text: string): string {
  const inputs = Object.entries(API_FIELD)
    .filter(([, field]) => new RegExp(`\\b${field}\\b`).test(text))
    .map(([input]) => input);
  if (/remove_value_keys/.test(text) && !inputs.includes("values")) inputs.push("values");
  return inputs.length
    ? `Check the Credential input${inputs.length > 1 ? "s" : ""} ${inputs.join(", ")}`
    : "Check the Credential's inputs";
}

export const credentialSpec = {
  typeName: "Credential",
  collection: COLLECTION,
  projectScoped: true,
  check: checkInputs,
  plan: (olds: Partial<CredentialState>, news: Record<string, unknown>) => planChanges(olds, news),
  createBody: toCreateRequest,
  updateBody: (
    plan: ChangePlan,
    olds: Partial<CredentialState>,
    desired: CredentialInputs,
  ): Record<string, unknown> => ({
    ...toUpdateRequest(plan.changed as UpdatableField[], olds, desired),
  }),
  parse: parseCredential,
  liveId: (live: CredentialLive) => live.id,
  /**
   * After a POST or PATCH that carried `desired`, its values and TOTP secret are the record;
   * on a read (`olds` only) the old record is kept; with neither (a take-over, an unknown POST
   * outcome), nothing is recorded, so the reconciling PATCH sends every value once.
   */
  toState: (
    live: CredentialLive,
    ctx: { desired?: CredentialInputs; olds?: Partial<CredentialState> },
  ) => toState(live, ctx),
  toLiveInputs,
  uniqueKey: {
    describe: (desired: CredentialInputs) => `name ${JSON.stringify(desired.name)}`,
    find: (op: KernelOperation, desired: CredentialInputs) => findByName(op, desired.name),
    matchesPost: async (_op: KernelOperation, live: CredentialLive, desired: CredentialInputs) =>
      matchesPost(live, desired),
  },
  badRequestHint,
  secretOutputs: [...SECRET_OUTPUTS],
};
