/**
 * What makes a CredentialProvider's provider different from every other resource's: the spec
 * the shared skeleton runs. Org-wide: no project, no `X-Kernel-Project`.
 */
import { checkInputsHint, inputsNamedIn } from "../dynamic/badRequest";
import { patchTowards } from "../dynamic/create";
import {
  type CreateOutcome,
  type ResourceSpec,
  deletedFirstWarning,
  uniqueName,
  checkAndPlan,
  listedByName,
} from "../dynamic/spec";
import type { KernelOperation } from "../kernel/client";
import { type CredentialProviderResponse, parseCredentialProvider } from "./api";
import { toCreateRequest, toUpdateRequest } from "./expand";
import { toLiveInputs, toOutputs } from "./flatten";
import * as patch from "./patch";
import { matchesPost } from "./patch";
import * as schema from "./schema";
import {
  API_FIELD,
  type CredentialProviderInputs,
  type CredentialProviderOutputs,
  SECRET_OUTPUTS,
  type UpdatableField,
} from "./types";

export const COLLECTION = "/org/credential_providers";

/** The provider named `name` in the org: the list, narrowed by the API's name search. */
export const findByName = listedByName(COLLECTION, parseCredentialProvider, "query");

/** Names the inputs a 400 is about, from the API field names in its message and details. */
export function badRequestHint(text: string): string {
  return checkInputsHint("CredentialProvider", inputsNamedIn(text, API_FIELD));
}

/**
 * The POST takes neither `enabled` nor `priority`: when the program sets them to other than
 * the server's values, one PATCH follows (docs/behaviour.md). After a recovered POST the token (and a set
 * cache TTL) cannot be compared, so they go in that PATCH too. A throw here is a partial
 * failure that records the provider.
 */
async function afterCreate(
  op: KernelOperation,
  live: CredentialProviderResponse,
  desired: CredentialProviderInputs,
  outcome: CreateOutcome,
): Promise<CredentialProviderResponse> {
  if (outcome === "adopted") return live;
  const known = outcome === "created" ? toOutputs(live, { desired }) : toOutputs(live);
  return patchTowards(op, credentialProviderSpec, live, known, desired);
}

export const credentialProviderSpec: ResourceSpec<
  CredentialProviderInputs,
  CredentialProviderOutputs,
  CredentialProviderResponse
> = {
  typeName: "CredentialProvider",
  collection: COLLECTION,
  replaceWarning: deletedFirstWarning(
    "connections that take credentials from it cannot log in again",
  ),
  projectScoped: false,
  ...checkAndPlan(schema, patch),
  createBody: toCreateRequest,
  updateBody: (plan, _olds, desired) => toUpdateRequest(plan.changed as UpdatableField[], desired),
  parse: parseCredentialProvider,
  // The token sent becomes the record; a cache TTL no longer set keeps the old record.
  toOutputs,
  toLiveInputs,
  uniqueKey: uniqueName(findByName, matchesPost),
  afterCreate,
  badRequestHint,
  secretOutputs: SECRET_OUTPUTS,
};
