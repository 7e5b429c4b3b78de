/**
 * CredentialProvider's shapes: the checked inputs, the state the provider keeps, and the
 * outputs. Kept free of any Pulumi import, so that the harness can load them without the runtime.
 */
/** The provider types the API knows. */
export const PROVIDER_TYPES = ["onepassword"] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

/** Inputs after check (the core adds `adopt`). Org-wide: no project. */
export interface CredentialProviderInputs {
  name: string;
  providerType: ProviderType;
  /** Service account token; secret. */
  token: string;
  /** Seconds to cache credential lists. Never returned by the API. */
  cacheTtlSeconds?: number;
  /** Server-owned (default true): sent only when set. */
  enabled?: boolean;
  /** Server-owned (default 0): sent only when set. */
  priority?: number;
}

/**
 * The state: the live fields, plus what the API never returns and is therefore recorded at the
 * last apply (`token`, secret; `cacheTtlSeconds`, when the program set it).
 */
export interface CredentialProviderOutputs {
  name: string;
  providerType: string;
  enabled: boolean;
  priority: number;
  /** Recorded at the last apply; absent after a take-over until it is sent once. */
  token?: string;
  /** Recorded at the last apply, when the program set it. */
  cacheTtlSeconds?: number;
  createdAt?: string;
}

/** The updatable fields, in the order a PATCH lists them. */
export const UPDATABLE_FIELDS = [
  "name",
  "token",
  "cacheTtlSeconds",
  "enabled",
  "priority",
] as const;
export type UpdatableField = (typeof UPDATABLE_FIELDS)[number];

/** Outputs whose content is secret, even when the program passes a plain string. */
export const SECRET_OUTPUTS = ["token"] as const;

/** Input name to API field name, for requests and for 400 hints. */
export const API_FIELD = {
  name: "name",
  providerType: "provider_type",
  token: "token",
  cacheTtlSeconds: "cache_ttl_seconds",
  enabled: "enabled",
  priority: "priority",
} as const;
