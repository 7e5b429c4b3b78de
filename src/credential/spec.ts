/**
 * What makes a Credential's provider different from every other resource's: the spec the
 * shared skeleton (../dynamic/provider) runs. Pure parts come from their own modules; the I/O
 * here is the lookup by name and the values sent once after a recovered POST, both through the
 * operation the skeleton passes in.
 */
import { checkInputsHint, inputsNamedIn } from "../dynamic/badRequest";
import { patchTowards } from "../dynamic/create";
import {
  type CreateOutcome,
  type ResourceSpec,
  deletedFirstWarning,
  uniqueName,
  checkAndPlan,
} from "../dynamic/spec";
import { type KernelOperation, resourcePath } from "../kernel/client";
import { isGone } from "../kernel/errors";
import { type CredentialResponse, parseCredential } from "./api";
import { toCreateRequest, toUpdateRequest } from "./expand";
import { toLiveInputs, toOutputs } from "./flatten";
import * as patch from "./patch";
import { matchesPost } from "./patch";
import * as schema from "./schema";
import {
  API_FIELD,
  type CredentialInputs,
  type CredentialOutputs,
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
): Promise<CredentialResponse | undefined> {
  try {
    return await op.request("GET", resourcePath(COLLECTION, name), { parse: parseCredential });
  } catch (err) {
    if (isGone(err)) return undefined;
    throw err;
  }
}

/** Names the inputs a 400 is about; `remove_value_keys` is about `values`. */
export function badRequestHint(text: string): string {
  const removals = /remove_value_keys/.test(text) ? ["values"] : [];
  return checkInputsHint("Credential", [...inputsNamedIn(text, API_FIELD), ...removals]);
}

/**
 * After a POST whose answer was lost but whose object matches by name, domain, SSO provider,
 * key set and TOTP presence (docs/behaviour.md): the values' content cannot be compared, so they (and the
 * TOTP secret) are sent once, as in an adoption. Nothing after a plain create or an adoption.
 */
async function afterCreate(
  op: KernelOperation,
  live: CredentialResponse,
  desired: CredentialInputs,
  outcome: CreateOutcome,
): Promise<CredentialResponse> {
  if (outcome !== "recovered") return live;
  return patchTowards(op, credentialSpec, live, toOutputs(live), desired);
}

export const credentialSpec: ResourceSpec<CredentialInputs, CredentialOutputs, CredentialResponse> =
  {
    typeName: "Credential",
    collection: COLLECTION,
    replaceWarning: deletedFirstWarning("connections that log in with it cannot log in again"),
    projectScoped: true,
    ...checkAndPlan(schema, patch),
    createBody: toCreateRequest,
    updateBody: (plan, olds, desired) =>
      toUpdateRequest(plan.changed as UpdatableField[], olds, desired),
    parse: parseCredential,
    // `desired` (after a send) becomes the record of values and TOTP secret; `olds` alone (a
    // read) keeps the old record; neither (a take-over) records nothing, so every value is sent.
    toOutputs,
    toLiveInputs,
    uniqueKey: uniqueName(findByName, matchesPost),
    afterCreate,
    badRequestHint,
    secretOutputs: SECRET_OUTPUTS,
  };
