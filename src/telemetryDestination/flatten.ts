/**
 * flatten: an API answer to TelemetryDestination's outputs. The live part (name, endpoint,
 * description, the header names, delivery health) comes from the answer; the header values,
 * which the API answers redacted, are the record of the last apply.
 */
import type { TelemetryDestinationResponse } from "./api";
import type { TelemetryDestinationInputs, TelemetryDestinationOutputs } from "./types";

export interface FlattenContext {
  /** The inputs just sent successfully: their headers become the record. */
  desired?: TelemetryDestinationInputs;
  /** The state before (a read): its record is kept. */
  olds?: Partial<TelemetryDestinationOutputs>;
}

/**
 * Outputs, with no undefined anywhere. Without `desired` or `olds` (a take-over, a `get`) no
 * header value is recorded, so the next plan sends every desired header once.
 */
export function toOutputs(
  live: TelemetryDestinationResponse,
  ctx: FlattenContext = {},
): TelemetryDestinationOutputs {
  const recorded = ctx.desired ? (ctx.desired.headers ?? {}) : ctx.olds?.headers;
  const out: TelemetryDestinationOutputs = {
    name: live.name,
    endpoint: live.endpoint,
    headerNames: Object.keys(live.headers ?? {}).sort(),
    consecutiveFailures: live.consecutive_failures ?? 0,
  };
  if (live.description) out.description = live.description;
  if (recorded !== undefined) out.headers = { ...recorded };
  if (live.last_error) out.lastError = live.last_error;
  if (live.last_error_at) out.lastErrorAt = live.last_error_at;
  if (live.last_export_at) out.lastExportAt = live.last_export_at;
  if (live.created_at) out.createdAt = live.created_at;
  if (live.updated_at) out.updatedAt = live.updated_at;
  return out;
}

/**
 * The managed inputs as they are live (ReadResult.inputs), so that the preview after a refresh
 * shows `live => desired`. A live header with no recorded value shows as `""`, since the API
 * never says what it holds.
 */
export function toLiveInputs(outputs: TelemetryDestinationOutputs): TelemetryDestinationInputs {
  const recorded = outputs.headers ?? {};
  const inputs: TelemetryDestinationInputs = { name: outputs.name, endpoint: outputs.endpoint };
  if (outputs.description !== undefined) inputs.description = outputs.description;
  if (outputs.headerNames.length > 0) {
    inputs.headers = Object.fromEntries(
      outputs.headerNames.map((key) => [key, Object.hasOwn(recorded, key) ? recorded[key] : ""]),
    );
  }
  return inputs;
}
