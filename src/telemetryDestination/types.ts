/**
 * TelemetryDestination's shapes: the checked inputs, the outputs the provider keeps, the
 * updatable fields. A destination is org-wide: no `project` input, no project header.
 */

/** Inputs after check (without `adopt`, which the core owns). */
export interface TelemetryDestinationInputs {
  /** Unique in the org. */
  name: string;
  /** The OTLP/HTTP collector's base URL, without a signal path. */
  endpoint: string;
  /** Absent when unset (an empty string is the same as unset). */
  description?: string;
  /** Header name (canonical form, `X-Honeycomb-Team`) to value; secret. Unset is no headers. */
  headers?: Record<string, string>;
}

/**
 * The state: the live fields, and the header values recorded at the last apply, since the API
 * answers them redacted (`headers`, secret; absent after a take-over until sent once).
 */
export interface TelemetryDestinationOutputs {
  name: string;
  endpoint: string;
  description?: string;
  /** Recorded at the last apply. */
  headers?: Record<string, string>;
  /** Live: the names of the stored headers, sorted. */
  headerNames: string[];
  /** Live, runtime: failed deliveries since the last success. */
  consecutiveFailures: number;
  lastError?: string;
  lastErrorAt?: string;
  lastExportAt?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** The updatable fields, in the order a PATCH lists them: every input. */
export const TELEMETRY_DESTINATION_UPDATABLE_FIELDS = [
  "name",
  "endpoint",
  "description",
  "headers",
] as const;
export type TelemetryDestinationUpdatableField =
  (typeof TELEMETRY_DESTINATION_UPDATABLE_FIELDS)[number];

/** Outputs whose content is secret, even when the program passes plain strings. */
export const SECRET_OUTPUTS = ["headers"] as const;
