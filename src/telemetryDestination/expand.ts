/**
 * expand: desired inputs to request bodies. The PATCH carries exactly the changed fields; for
 * `headers` only the keys added or changed (with their values) and the keys removed (`null`),
 * judged against the values recorded at the last apply, since the API answers them redacted.
 * A removed description is cleared with `""`.
 */
import type { TelemetryDestinationCreateRequest, TelemetryDestinationUpdateRequest } from "./api";
import type {
  TelemetryDestinationInputs,
  TelemetryDestinationOutputs,
  TelemetryDestinationUpdatableField,
} from "./types";

/** POST body: every field the program set. */
export function toCreateRequest(
  desired: TelemetryDestinationInputs,
): TelemetryDestinationCreateRequest {
  const body: TelemetryDestinationCreateRequest = {
    name: desired.name,
    endpoint: desired.endpoint,
  };
  if (desired.description !== undefined) body.description = desired.description;
  if (desired.headers !== undefined && Object.keys(desired.headers).length > 0) {
    body.headers = { ...desired.headers };
  }
  return body;
}

/**
 * The change to `headers`: a desired key whose value differs from the one recorded, that has no
 * recorded value (after a take-over), or that is missing live (drift) is set; a live key the
 * program no longer has is removed with `null`. `{}` when nothing differs.
 */
export function headersDelta(
  olds: Partial<TelemetryDestinationOutputs>,
  desired: Record<string, string> | undefined,
): Record<string, string | null> {
  const recorded = olds.headers ?? {};
  const live = new Set(olds.headerNames ?? Object.keys(recorded));
  const want = desired ?? {};
  const delta: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(want)) {
    if (!live.has(key) || !Object.hasOwn(recorded, key) || recorded[key] !== value) {
      delta[key] = value;
    }
  }
  for (const key of [...live].sort()) {
    if (!Object.hasOwn(want, key)) delta[key] = null;
  }
  return delta;
}

/** PATCH body for the changed fields, in API form. */
export function toUpdateRequest(
  changed: readonly TelemetryDestinationUpdatableField[],
  olds: Partial<TelemetryDestinationOutputs>,
  desired: TelemetryDestinationInputs,
): TelemetryDestinationUpdateRequest {
  const body: TelemetryDestinationUpdateRequest = {};
  for (const field of changed) {
    switch (field) {
      case "name":
        body.name = desired.name;
        break;
      case "endpoint":
        body.endpoint = desired.endpoint;
        break;
      case "description":
        body.description = desired.description ?? "";
        break;
      case "headers": {
        const delta = headersDelta(olds, desired.headers);
        if (Object.keys(delta).length > 0) body.headers = delta;
        break;
      }
    }
  }
  return body;
}
