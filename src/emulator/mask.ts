/**
 * The emulator prints what it receives; secrets sent to it (credential values, provider tokens,
 * proxy passwords, telemetry headers) must never reach a terminal or a CI log. Every printer
 * goes through here.
 */

/** Keys whose values are secret wherever they appear in a request body. */
export const SECRET_KEYS: readonly string[] = [
  "values",
  "password",
  "token",
  "totp_secret",
  "ca_bundle",
  // A telemetry destination's headers carry ingestion keys.
  "headers",
];

export const MASK = "***";

/** A deep copy of `value` with the value of every secret key replaced by `***`. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SECRET_KEYS.includes(key) ? MASK : maskSecrets(inner);
  }
  return out;
}
