/**
 * What makes a CredentialProvider's provider different from every other resource's: the spec
 * the shared skeleton runs. Org-wide: no project, no `X-Kernel-Project`.
 */
import { checkInputsHint, inputsNamedIn } from "../dynamic/badRequest";
import type { CreateOutcome, ResourceSpec } from "../dynamic/spec";
import { type KernelOperation, resourcePath } from "../kernel/client";
import { type CredentialProviderResponse, parseCredentialProvider } from "./api";
import { toCreateRequest, toUpdateRequest } from "./expand";
import { toLiveInputs, toOutputs } from "./flatten";
import { matchesPost, planChanges } from "./patch";
import { INPUT_NAMES, checkInputs } from "./schema";
import {
  API_FIELD,
  type CredentialProviderInputs,
  type CredentialProviderOutputs,
  SECRET_OUTPUTS,
  type UpdatableField,
} from "./types";

export const COLLECTION = "/org/credential_providers";

/** The provider named `name` in the org: the list, narrowed by the API's name search. */
export function findByName(
  op: KernelOperation,
  name: string,
): Promise<CredentialProviderResponse | undefined> {
  return op.find(COLLECTION, { query: name }, parseCredentialProvider, (p) => p.name === name);
}

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
  const state = outcome === "created" ? toOutputs(live, { desired }) : toOutputs(live);
  const plan = planChanges(state, desired as unknown as Record<string, unknown>);
  const body = toUpdateRequest(plan.changed, desired);
  if (Object.keys(body).length === 0) return live;
  return op.request("PATCH", resourcePath(COLLECTION, live.id), {
    body,
    parse: parseCredentialProvider,
  });
}

export const credentialProviderSpec: ResourceSpec<
  CredentialProviderInputs,
  CredentialProviderOutputs,
  CredentialProviderResponse
> = {
  typeName: "CredentialProvider",
  collection: COLLECTION,
  replaceWarning: (replaces, deletesFirst) =>
    deletesFirst
      ? `replacing it (${replaces.join(", ")} changed) deletes it before its successor is ` +
        `created: connections that take credentials from it cannot log in again in between.`
      : undefined,
  projectScoped: false,
  check: checkInputs,
  inputNames: INPUT_NAMES,
  plan: planChanges,
  createBody: (desired) => ({ ...toCreateRequest(desired) }),
  updateBody: (plan, _olds, desired) => ({
    ...toUpdateRequest(plan.changed as UpdatableField[], desired),
  }),
  parse: parseCredentialProvider,
  // The token sent becomes the record; a cache TTL no longer set keeps the old record.
  toOutputs: (live, ctx) => toOutputs(live, { desired: ctx.desired, olds: ctx.olds }),
  toLiveInputs: (outputs) => ({ ...toLiveInputs(outputs) }),
  uniqueKey: {
    describe: (desired) => `name ${JSON.stringify(desired.name)}`,
    find: (op, desired) => findByName(op, desired.name),
    matchesPost: async (_op, live, desired) => matchesPost(live, desired),
    createdAt: (live) => live.created_at,
  },
  afterCreate,
  badRequestHint,
  secretOutputs: SECRET_OUTPUTS,
};
