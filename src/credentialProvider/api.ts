/**
 * CredentialProvider's wire types, per @onkernel/sdk@0.84.0
 * (src/resources/credential-providers.ts). Requests are TS types; responses are zod schemas that
 * tolerate unknown fields. The token and the cache TTL are never returned.
 */
import { z } from "zod";
import type { ProviderType } from "./types";

/** `POST /org/credential_providers`: takes neither `enabled` nor `priority`. */
export interface CredentialProviderCreateRequest {
  name: string;
  provider_type: ProviderType;
  token: string;
  cache_ttl_seconds?: number;
}

/** `PATCH /org/credential_providers/{id}`. */
export interface CredentialProviderUpdateRequest {
  name?: string;
  token?: string;
  cache_ttl_seconds?: number;
  enabled?: boolean;
  priority?: number;
}

export const credentialProviderSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    provider_type: z.string(),
    enabled: z.boolean(),
    priority: z.number(),
    created_at: z.string().nullish(),
    updated_at: z.string().nullish(),
  })
  .loose();

export type CredentialProviderResponse = z.infer<typeof credentialProviderSchema>;

/** Turns a 2xx body into a credential provider; throws (a malformed answer) when it is not one. */
export function parseCredentialProvider(json: unknown): CredentialProviderResponse {
  return credentialProviderSchema.parse(json);
}
