/**
 * What makes the TelemetryDestination's provider different from every other resource's: the
 * spec the core runs. Org-wide (no project header); the name is unique in the org, so a 409
 * and a POST of unknown outcome follow the create rules of docs/behaviour.md through the unique
 * key. The header values are answered redacted: after a take-over (adopted, or a lost POST
 * recovered) they cannot be compared, so they are sent once.
 */
import { checkInputsHint, inputsNamedIn } from "../dynamic/badRequest";
import {
  type CreateOutcome,
  type ResourceSpec,
  checkAndPlan,
  uniqueName,
  listedByName,
} from "../dynamic/spec";
import { type KernelOperation, resourcePath } from "../kernel/client";
import { parseTelemetryDestination, type TelemetryDestinationResponse } from "./api";
import { headersDelta, toCreateRequest, toUpdateRequest } from "./expand";
import { toLiveInputs, toOutputs } from "./flatten";
import * as patch from "./patch";
import { matchesPost } from "./patch";
import * as schema from "./schema";
import {
  SECRET_OUTPUTS,
  type TelemetryDestinationInputs,
  type TelemetryDestinationOutputs,
  type TelemetryDestinationUpdatableField,
} from "./types";

export const COLLECTION = "/telemetry/destinations";

/** The destination named `name` in the org: the list's exact name filter. */
export const findByName = listedByName(COLLECTION, parseTelemetryDestination);

/**
 * A recovered POST carried the header values, but they cannot be read back to prove it: they
 * are sent once, as after an adoption (whose reconciling PATCH, planned with no values
 * recorded, has sent them already).
 */
async function afterCreate(
  op: KernelOperation,
  live: TelemetryDestinationResponse,
  desired: TelemetryDestinationInputs,
  outcome: CreateOutcome,
): Promise<TelemetryDestinationResponse> {
  if (outcome !== "recovered") return live;
  const headers = headersDelta(toOutputs(live), desired.headers);
  if (Object.keys(headers).length === 0) return live;
  return op.request("PATCH", resourcePath(COLLECTION, live.id), {
    body: { headers },
    parse: parseTelemetryDestination,
  });
}

/** Names the inputs a 400 is about, from the API field names in its message and details. */
export function badRequestHint(text: string): string {
  return checkInputsHint(
    "TelemetryDestination",
    inputsNamedIn(text, {
      name: "name",
      endpoint: "endpoint",
      description: "description",
      headers: "headers",
    }),
  );
}

export const telemetryDestinationSpec: ResourceSpec<
  TelemetryDestinationInputs,
  TelemetryDestinationOutputs,
  TelemetryDestinationResponse
> = {
  typeName: "TelemetryDestination",
  collection: COLLECTION,
  projectScoped: false,
  ...checkAndPlan(schema, patch),
  createBody: toCreateRequest,
  updateBody: (plan, olds, desired) =>
    toUpdateRequest(plan.changed as TelemetryDestinationUpdatableField[], olds, desired),
  parse: parseTelemetryDestination,
  toOutputs,
  toLiveInputs,
  uniqueKey: uniqueName(findByName, matchesPost),
  afterCreate,
  badRequestHint,
  secretOutputs: SECRET_OUTPUTS,
};
