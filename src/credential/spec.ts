/**
 * What makes a Credential's provider different from every other resource's: the spec the
 * shared skeleton (../dynamic/provider) runs. Pure parts come from their own modules; the I/O
 * here is the lookup by name and the values sent once after a recovered POST, both through the
 * operation the skeleton passes in.
 */
import { checkInputsHint, inputsNamedIn } from "../dynamic/badRequest";
import type { CreateOutcome, ResourceSpec } from "../dynamic/spec";
import { type KernelOperation, resourcePath } from "../kernel/client";
import { isGone } from "../kernel/errors";
import { type CredentialResponse, parseCredential } from "./api";
import { toCreateRequest, toUpdateRequest } from "./expand";
import { toLiveInputs, toOutputs } from "./flatten";
import { matchesPost, planChanges } from "./patch";
import { INPUT_NAMES, checkInputs } from "./schema";
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
  const unrecorded = toOutputs(live);
  const plan = planChanges(unrecorded, desired as unknown as Record<string, unknown>);
  const body = toUpdateRequest(plan.changed, unrecorded, desired);
  if (Object.keys(body).length === 0) return live;
  return op.request("PATCH", resourcePath(COLLECTION, live.id), { body, parse: parseCredential });
}

export const credentialSpec: ResourceSpec<CredentialInputs, CredentialOutputs, CredentialResponse> =
  {
    typeName: "Credential",
    collection: COLLECTION,
    replaceWarning: (replaces, deletesFirst) =>
      deletesFirst
        ? `replacing it (${replaces.join(", ")} changed) deletes it before its successor is ` +
          `created: connections that log in with it cannot log in again in between.`
        : undefined,
    projectScoped: true,
    check: checkInputs,
    inputNames: INPUT_NAMES,
    plan: planChanges,
    createBody: (desired) => ({ ...toCreateRequest(desired) }),
    updateBody: (plan, olds, desired) => ({
      ...toUpdateRequest(plan.changed as UpdatableField[], olds, desired),
    }),
    parse: parseCredential,
    // `desired` (after a send) becomes the record of values and TOTP secret; `olds` alone (a
    // read) keeps the old record; neither (a take-over) records nothing, so every value is sent.
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
