/**
 * A credential's TOTP secret and its settings, as the API takes them (kernel 0.131): a base32
 * secret or an `otpauth://totp/...` URI, plus `totp_algorithm`, `totp_digits` and `totp_period`
 * (SHA1, 6 and 30 when absent). A URI's parameters win over the fields sent beside it. Pure
 * functions; the store applies them.
 */
import { createHmac } from "node:crypto";
import { type StoreResult, fail, ok } from "../../answers";

export const TOTP_ALGORITHMS = ["SHA1", "SHA256", "SHA512"] as const;
export type TotpAlgorithm = (typeof TOTP_ALGORITHMS)[number];

export interface TotpSettings {
  algorithm: TotpAlgorithm;
  digits: number;
  period: number;
}

export const DEFAULT_TOTP: TotpSettings = { algorithm: "SHA1", digits: 6, period: 30 };

/** The settings fields of a request body. */
export interface TotpFields {
  totp_algorithm?: TotpAlgorithm;
  totp_digits?: number;
  totp_period?: number;
}

/** A secret as sent: the base32 text, and the settings its URI named (none for a raw one). */
export interface TotpSecret {
  secret: string;
  uri?: Partial<TotpSettings>;
}

/**
 * The secret a request sends: undefined for `""` (no secret). Spaces and dashes of a raw secret
 * are normalised away and letters upper-cased; a URI must carry `secret=`.
 */
export function parseTotpSecret(text: string): StoreResult<TotpSecret | undefined> {
  if (!/^otpauth:/i.test(text)) {
    const secret = text.replace(/[\s-]/g, "").toUpperCase();
    return ok(secret === "" ? undefined : { secret });
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return badTotp("totp_secret is not a valid otpauth URI");
  }
  if (url.host.toLowerCase() !== "totp")
    return badTotp("totp_secret must be an otpauth://totp/ URI");
  const secret = (url.searchParams.get("secret") ?? "").replace(/[\s-]/g, "").toUpperCase();
  if (secret === "") return badTotp("the otpauth URI has no secret parameter");
  const uri: Partial<TotpSettings> = {};
  const algorithm = url.searchParams.get("algorithm")?.toUpperCase();
  if (algorithm !== undefined) {
    if (!(TOTP_ALGORITHMS as readonly string[]).includes(algorithm)) {
      return badTotp(`the otpauth URI's algorithm must be one of ${TOTP_ALGORITHMS.join(", ")}`);
    }
    uri.algorithm = algorithm as TotpAlgorithm;
  }
  for (const key of ["digits", "period"] as const) {
    const value = url.searchParams.get(key);
    if (value === null) continue;
    if (!/^\d+$/.test(value) || Number(value) < 1) {
      return badTotp(`the otpauth URI's ${key} must be a positive integer`);
    }
    uri[key] = Number(value);
  }
  return ok({ secret, uri });
}

/**
 * The settings a newly sent secret gets: the URI's parameters, else the fields sent, else (a raw
 * secret rotated in place) the settings kept so far, else the defaults. A new URI does not keep
 * the old settings: what it and the fields leave out is the default.
 */
export function settingsFor(
  sent: TotpSecret,
  fields: TotpFields,
  kept: Partial<TotpSettings> = {},
): TotpSettings {
  const base = sent.uri ? DEFAULT_TOTP : { ...DEFAULT_TOTP, ...kept };
  return {
    algorithm: sent.uri?.algorithm ?? fields.totp_algorithm ?? base.algorithm,
    digits: sent.uri?.digits ?? fields.totp_digits ?? base.digits,
    period: sent.uri?.period ?? fields.totp_period ?? base.period,
  };
}

export function hasTotpFields(fields: TotpFields): boolean {
  return (
    fields.totp_algorithm !== undefined ||
    fields.totp_digits !== undefined ||
    fields.totp_period !== undefined
  );
}

/** RFC 6238 over the base32 secret, as an authenticator app shows it. */
export function totpCode(
  secret: string,
  at: Date,
  settings: TotpSettings = DEFAULT_TOTP,
): { code: string; expiresAt: Date } {
  const periodMs = settings.period * 1000;
  const step = Math.floor(at.getTime() / periodMs);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac(settings.algorithm.toLowerCase(), base32Decode(secret))
    .update(counter)
    .digest();
  const offset = mac[mac.length - 1] & 0xf;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** settings.digits;
  return {
    code: String(code).padStart(settings.digits, "0"),
    expiresAt: new Date((step + 1) * periodMs),
  };
}

function badTotp(message: string) {
  return fail(400, "bad_request", message, [{ code: "invalid_input", message: "totp_secret" }]);
}

function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text.replace(/=+$/, "")) {
    const index = alphabet.indexOf(char);
    // A secret that is not base32 still yields a stable code: its bytes are the key.
    if (index < 0) return Buffer.from(text, "utf8");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}
