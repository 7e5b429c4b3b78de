/**
 * What makes the Proxy's provider different from every other resource's: the spec the shared
 * skeleton (../dynamic/provider) runs. Proxy names are not unique, so there is no unique key: no
 * 409 to adopt from, and a POST whose outcome is unknown cannot be matched to a proxy afterwards.
 * Such a create fails with a message that says so, and is not retried (a retry could leave a
 * duplicate nobody manages).
 */
import { checkInputsHint, inputsNamedIn } from "../dynamic/badRequest";
import { type ResourceSpec, checkAndPlan } from "../dynamic/spec";
import { ProxyOutcomeUnknownError } from "./errors";
import { explainProxyFailure } from "./inUse";
import { type ProxyResponse, parseProxy } from "./api";
import { toCreateRequest, toUpdateRequest } from "./expand";
import { toLiveInputs, toOutputs } from "./flatten";
import * as patch from "./patch";
import * as schema from "./schema";
import { SECRET_OUTPUTS, type ProxyInputs, type ProxyOutputs, type UpdatableField } from "./types";

/** The inputs a 400's text can name, and their API field names. */
const HINT_FIELDS = {
  caBundle: "ca_bundle",
  password: "password",
  bypassHosts: "bypass_hosts",
  protocol: "protocol",
  type: "type",
  name: "name",
};

/** Names the inputs a 400 is about, from the API field names in its message and details. */
export function badRequestHint(text: string): string {
  const configKeys = [...text.matchAll(/\bconfig\.([a-z_]+)/g)]
    .map((match) => match[1])
    .filter((key) => key !== "password" && key !== "ca_bundle")
    .map((key) => `config.${key}`);
  return checkInputsHint("Proxy", [...inputsNamedIn(text, HINT_FIELDS), ...configKeys]);
}

export const proxySpec: ResourceSpec<ProxyInputs, ProxyOutputs, ProxyResponse> = {
  typeName: "Proxy",
  collection: "/proxies",
  projectScoped: true,
  ...checkAndPlan(schema, patch),
  createBody: toCreateRequest,
  updateBody: (plan, _olds, desired) => toUpdateRequest(plan.changed as UpdatableField[], desired),
  parse: parseProxy,
  toOutputs: (live, ctx) => toOutputs(live, ctx),
  toLiveInputs,
  unknownOutcome: outcomeUnknown,
  explainFailure: explainProxyFailure,
  badRequestHint: badRequestHint,
  secretOutputs: SECRET_OUTPUTS,
};

function outcomeUnknown(desired: ProxyInputs, err: Error): ProxyOutcomeUnknownError {
  const which =
    desired.name !== undefined
      ? `proxy named ${JSON.stringify(desired.name)}`
      : `${desired.type ?? ""} proxy without a name`;
  const look =
    desired.name !== undefined
      ? `GET /proxies?name=${encodeURIComponent(desired.name)}`
      : "GET /proxies";
  const error = new ProxyOutcomeUnknownError(
    `Creating a ${which} may or may not have worked: ${err.message}. Proxy names are not ` +
      `unique, so the provider cannot tell a proxy this request made from one that existed ` +
      `before, and it does not POST again (that could leave a duplicate no stack manages). ` +
      `Look for a ${which} in the project (${look}, or the Kernel dashboard): if this request ` +
      `made one, delete it, or read it into the stack with \`Proxy.get\` instead; then run ` +
      `\`pulumi up\` again.`,
  );
  (error as { cause?: unknown }).cause = err;
  return error;
}
