/**
 * Wire types of the Kernel auth-connections API, as the seed OpenAPI fragment and
 * `@onkernel/sdk@0.52.0` describe them. Responses are parsed leniently: unknown fields are
 * kept (`looseObject`), so newer API fields never break a refresh.
 */
import { z } from "zod";
import type { ApiErrorBody } from "./errorBody";

/** Exactly one of `{name}`, `{provider, path}`, `{provider, auto: true}`. */
export interface CredentialReference {
  name?: string;
  provider?: string;
  path?: string;
  auto?: boolean;
}

/** Exactly one of `{id}`, `{name}`. */
export interface ProxyRef {
  id?: string;
  name?: string;
}

/** `additionalProperties: false`: only these keys may ever be sent. */
export interface ManagedAuthUpdateRequest {
  login_url?: string;
  credential?: CredentialReference;
  allowed_domains?: string[];
  health_check_interval?: number;
  save_credentials?: boolean;
  proxy?: ProxyRef;
}

/** The update fields plus the (profile_name, domain) key, which only a create sets. */
export interface ManagedAuthCreateRequest extends ManagedAuthUpdateRequest {
  profile_name: string;
  domain: string;
}

const nullish = <T extends z.ZodType>(schema: T) => schema.nullish();

export const credentialReferenceSchema = z.looseObject({
  name: z.string().optional(),
  provider: z.string().optional(),
  path: z.string().optional(),
  auto: z.boolean().optional(),
});

/** The fields the provider reads; everything else passes through untouched. */
export const managedAuthSchema = z.looseObject({
  id: z.string().min(1),
  profile_name: z.string(),
  domain: z.string(),
  status: z.string(),
  save_credentials: z.boolean(),
  login_url: nullish(z.string()),
  credential: nullish(credentialReferenceSchema),
  allowed_domains: nullish(z.array(z.string())),
  health_check_interval: nullish(z.number()),
  proxy_id: nullish(z.string()),
  can_reauth: nullish(z.boolean()),
  can_reauth_reason: nullish(z.string()),
  post_login_url: nullish(z.string()),
  last_auth_check_at: nullish(z.string()),
  flow_status: nullish(z.string()),
});

export type ManagedAuth = z.infer<typeof managedAuthSchema>;

export const apiErrorBodySchema: z.ZodType<ApiErrorBody> = z.looseObject({
  code: z.string().optional(),
  message: z.string().optional(),
  details: z
    .array(z.looseObject({ code: z.string().optional(), message: z.string().optional() }))
    .nullish(),
  inner_error: z
    .looseObject({ code: z.string().optional(), message: z.string().optional() })
    .nullish(),
});

export type { ApiErrorBody };

/** API defaults the provider treats as "absent" (BEHAVIOR.md section 1). */
export const API_DEFAULTS = {
  healthCheckInterval: 3600,
  saveCredentials: true,
} as const;

export const HEALTH_CHECK_INTERVAL_MIN = 300;
export const HEALTH_CHECK_INTERVAL_MAX = 86400;
