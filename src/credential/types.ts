/**
 * Credential's shapes: the checked inputs, the state the provider keeps, and the outputs.
 * Kept free of any Pulumi import, so that the harness can load them without the runtime.
 */
/** Inputs after check, normalised (the core adds `project` and `adopt`). */
export interface CredentialInputs {
  name: string;
  /** Lower case, ASCII (punycode) form. */
  domain: string;
  /** Field name to value; secret. */
  values: Record<string, string>;
  /** Absent when unset (an empty string in the program is the same as unset). */
  ssoProvider?: string;
  /** Base32 without spaces, upper case; secret. */
  totpSecret?: string;
  /** TOTP settings; server-owned while unset; set only with `totpSecret`. */
  totpAlgorithm?: TotpAlgorithm;
  totpDigits?: number;
  totpPeriod?: number;
}

/**
 * The state: the managed fields as they are live, plus what the API never returns and is
 * therefore recorded at the last apply (`values`, `totpSecret`, both secret).
 */
export interface CredentialOutputs {
  name: string;
  domain: string;
  ssoProvider?: string;
  /** Live: whether a TOTP secret is set. */
  hasTotpSecret: boolean;
  /** Live: the names of the stored values, sorted. */
  valueKeys: string[];
  /** Recorded at the last apply; absent after a take-over until the values are sent once. */
  values?: Record<string, string>;
  /** Recorded at the last apply. */
  totpSecret?: string;
  /** Live: the TOTP settings, present while a secret is set (open: a new algorithm is kept). */
  totpAlgorithm?: string;
  totpDigits?: number;
  totpPeriod?: number;
}

/** The updatable fields, in the order a PATCH lists them. */
export const UPDATABLE_FIELDS = [
  "name",
  "values",
  "ssoProvider",
  "totpSecret",
  "totpAlgorithm",
  "totpDigits",
  "totpPeriod",
] as const;
export type UpdatableField = (typeof UPDATABLE_FIELDS)[number];

/** The TOTP settings: the API takes them only with `totp_secret` in the same request. */
export const TOTP_SETTINGS = ["totpAlgorithm", "totpDigits", "totpPeriod"] as const;
export type TotpSetting = (typeof TOTP_SETTINGS)[number];

/** The HMAC algorithms the API names for TOTP codes. */
export const TOTP_ALGORITHMS = ["SHA1", "SHA256", "SHA512"] as const;
export type TotpAlgorithm = (typeof TOTP_ALGORITHMS)[number];

/** Outputs whose content is secret, even when the program passes plain strings. */
export const SECRET_OUTPUTS = ["values", "totpSecret"] as const;

/** Input name to API field name, for requests and for 400 hints. */
export const API_FIELD = {
  name: "name",
  domain: "domain",
  values: "values",
  ssoProvider: "sso_provider",
  totpSecret: "totp_secret",
  totpAlgorithm: "totp_algorithm",
  totpDigits: "totp_digits",
  totpPeriod: "totp_period",
} as const;
