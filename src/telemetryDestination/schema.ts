/**
 * TelemetryDestination's check: validation and normalisation (docs/behaviour.md). Pure and
 * total; never echoes a header value. Header names are written in the canonical form the API
 * stores and answers (`x-honeycomb-team` -> `X-Honeycomb-Team`), so the program's names and the
 * live ones compare equal.
 */
import { z } from "zod";
import { type CheckResult, checkWithSchema, orUnknown } from "../dynamic/checks";
import { UNKNOWN } from "../dynamic/engineKeys";
import { SECRET_OUTPUTS } from "./types";

/** Names and values together (kernel 0.131). */
export const MAX_HEADER_BYTES = 8192;

const reasons = {
  name:
    "must be a non-empty name without leading or trailing spaces or control characters, " +
    "and not . or ..",
  endpoint:
    "must be the collector's base http(s) URL, without a query, a fragment or a signal path " +
    "(/v1/logs, /v1/traces, /v1/metrics: Kernel appends it), such as https://api.honeycomb.io",
  description: "must be a string",
  headers: "must be a map of HTTP header names to string values",
  headerName: "header names must be HTTP tokens, such as X-Honeycomb-Team",
  headerValue: "must be a string without control characters (the value is not shown: it is secret)",
  headerTwice: "is given twice: header names ignore letter case",
  headerBytes: `names and values together must not exceed ${MAX_HEADER_BYTES} bytes`,
} as const;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const VALUE_CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const SIGNAL_PATH = /\/v1\/(logs|traces|metrics)\/?$/;

/** `x-honeycomb-team` -> `X-Honeycomb-Team`, as Go's net/http writes header names. */
export function canonicalHeaderName(name: string): string {
  if (!TOKEN.test(name)) return name;
  return name
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join("-");
}

export function validEndpoint(endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  return (
    (url.protocol === "http:" || url.protocol === "https:") &&
    url.hostname !== "" &&
    !endpoint.includes("?") &&
    !endpoint.includes("#") &&
    !SIGNAL_PATH.test(url.pathname)
  );
}

const headersSchema = z
  .record(
    z.string(),
    orUnknown(
      z.string({ error: reasons.headerValue }).refine((v) => !VALUE_CONTROL.test(v), {
        error: reasons.headerValue,
      }),
    ),
    { error: (issue) => (issue.code === "invalid_type" ? reasons.headers : undefined) },
  )
  // Names are checked here rather than by the record's key schema, whose issue would name no
  // reason of its own.
  .superRefine((headers, ctx) => {
    const seen = new Set<string>();
    let bytes = 0;
    for (const [name, value] of Object.entries(headers)) {
      if (!TOKEN.test(name)) {
        ctx.addIssue({ code: "custom", path: [name], message: reasons.headerName });
        continue;
      }
      const canonical = canonicalHeaderName(name);
      if (seen.has(canonical)) {
        ctx.addIssue({ code: "custom", path: [name], message: reasons.headerTwice });
      }
      seen.add(canonical);
      if (value !== UNKNOWN) bytes += Buffer.byteLength(canonical) + Buffer.byteLength(value);
    }
    if (bytes > MAX_HEADER_BYTES) ctx.addIssue({ code: "custom", message: reasons.headerBytes });
  });

export const telemetryDestinationInputsSchema = z.strictObject({
  name: orUnknown(
    z
      .string({ error: reasons.name })
      .refine(
        (n) => n.length > 0 && n.trim() === n && n !== "." && n !== ".." && !CONTROL.test(n),
        {
          error: reasons.name,
        },
      ),
  ),
  endpoint: orUnknown(
    z.string({ error: reasons.endpoint }).refine(validEndpoint, { error: reasons.endpoint }),
  ),
  description: orUnknown(z.string({ error: reasons.description })).optional(),
  headers: orUnknown(headersSchema).optional(),
});

export const INPUT_NAMES: readonly string[] = Object.keys(telemetryDestinationInputsSchema.shape);

/** Validates and normalises a TelemetryDestination's own inputs; never throws. */
export function checkInputs(news: Record<string, unknown>): CheckResult {
  return checkWithSchema(
    telemetryDestinationInputsSchema,
    news,
    { inputNames: INPUT_NAMES, secretInputs: SECRET_OUTPUTS },
    normalizeInputs,
  );
}

/** Equal intent gives equal inputs: canonical header names, an empty description as unset. */
export function normalizeInputs(data: Record<string, unknown>): Record<string, unknown> {
  const out = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  if (out.description === "") delete out.description;
  if (out.headers !== null && typeof out.headers === "object") {
    out.headers = Object.fromEntries(
      Object.entries(out.headers).map(([name, value]) => [canonicalHeaderName(name), value]),
    );
  }
  return out;
}
