/**
 * TelemetryDestination's wire types, per kernel 0.131 (`/telemetry/destinations`). Requests are
 * TS types; answers are zod schemas that tolerate unknown fields.
 */
import { z } from "zod";

/** `POST /telemetry/destinations`. */
export interface TelemetryDestinationCreateRequest {
  name: string;
  endpoint: string;
  description?: string;
  headers?: Record<string, string>;
}

/** `PATCH /telemetry/destinations/{id_or_name}`: headers key by key, `null` removing one. */
export interface TelemetryDestinationUpdateRequest {
  name?: string;
  endpoint?: string;
  /** `""` clears it. */
  description?: string;
  headers?: Record<string, string | null>;
}

export const telemetryDestinationSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  endpoint: z.string(),
  description: z.string().nullish(),
  // Values redacted (empty strings) outside the dashboard: only the names are read.
  headers: z.record(z.string(), z.unknown()).nullish(),
  consecutive_failures: z.number().nullish(),
  last_error: z.string().nullish(),
  last_error_at: z.string().nullish(),
  last_export_at: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});

/** A destination as the API answers it. */
export type TelemetryDestinationResponse = z.infer<typeof telemetryDestinationSchema>;

/** Turns a 2xx body into a destination; throws (a malformed answer) when it is not one. */
export function parseTelemetryDestination(json: unknown): TelemetryDestinationResponse {
  return telemetryDestinationSchema.parse(json);
}
