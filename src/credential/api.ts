/**
 * Credential's wire types, per @onkernel/sdk@0.84.0 (src/resources/credentials.ts) and the TOTP
 * settings of kernel 0.131 (docs/api-changes.md). Requests are TS types; responses are zod
 * schemas that tolerate unknown fields.
 */
import { z } from "zod";
import type { TotpAlgorithm } from "./types";

/** `POST /credentials`. */
export interface CredentialCreateRequest {
  name: string;
  domain: string;
  values: Record<string, string>;
  sso_provider?: string;
  totp_secret?: string;
  totp_algorithm?: TotpAlgorithm;
  totp_digits?: number;
  totp_period?: number;
}

/** `PATCH /credentials/{id}`: removals are applied before `values` are merged. */
export interface CredentialUpdateRequest {
  name?: string;
  values?: Record<string, string>;
  remove_value_keys?: string[];
  /** `""` removes it. */
  sso_provider?: string;
  /** `""` removes it, with its settings. */
  totp_secret?: string;
  /** The settings are refused without `totp_secret` in the same request. */
  totp_algorithm?: TotpAlgorithm;
  totp_digits?: number;
  totp_period?: number;
}

/**
 * A credential as the API returns it. Values are never returned; `value_keys` is omitted from
 * list answers; `totp_code` appears only in the answer to the call that set a TOTP secret and
 * is deliberately not parsed, so it cannot reach state.
 */
export const credentialSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    domain: z.string(),
    sso_provider: z.string().nullish(),
    has_values: z.boolean().nullish(),
    has_totp_secret: z.boolean().nullish(),
    value_keys: z.array(z.string()).nullish(),
    // Open: an algorithm this version does not know is kept, not refused.
    totp_algorithm: z.string().nullish(),
    totp_digits: z.number().nullish(),
    totp_period: z.number().nullish(),
    created_at: z.string().nullish(),
    updated_at: z.string().nullish(),
  })
  .loose();

export type CredentialResponse = z.infer<typeof credentialSchema>;

/** Turns a 2xx body into a credential; throws (a malformed answer) when it is not one. */
export function parseCredential(json: unknown): CredentialResponse {
  const {
    totp_code: _code,
    totp_code_expires_at: _expires,
    ...rest
  } = credentialSchema.parse(json) as CredentialResponse & {
    totp_code?: unknown;
    totp_code_expires_at?: unknown;
  };
  return rest;
}
