/**
 * The resource's shapes: what a program passes (args), the normalised state the provider keeps
 * (inputs after check, and the managed part of outputs), and the outputs.
 */

/** The type token: `pulumi-nodejs:dynamic` routes the resource to the dynamic-provider host. */
export const AUTH_CONNECTION_TOKEN = "pulumi-nodejs:dynamic/kernel:AuthConnection";

/** The value Pulumi sends in place of anything not yet known during a preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type CredentialInput =
  { name: string } | { provider: string; path: string } | { provider: string; auto: true };

export type ProxyInput = { id: string } | { name: string };

/** Managed fields, normalised: lower-case domains, sorted unique allowedDomains, defaults filled. */
export interface ManagedState {
  profileName: string;
  domain: string;
  loginUrl?: string;
  credential?: CredentialInput;
  allowedDomains?: string[];
  healthCheckInterval: number;
  saveCredentials: boolean;
  proxy?: ProxyInput;
}

/** Inputs after check: the managed fields plus the provider's own `adopt`. */
export interface CheckedInputs extends ManagedState {
  adopt?: boolean;
}

/** Fields that change only on the Kernel side; they never make a diff. */
export interface RuntimeOutputs {
  status: string;
  canReauth?: boolean;
  canReauthReason?: string;
  proxyId?: string;
  postLoginUrl?: string;
  lastAuthCheckAt?: string;
  flowStatus?: string;
  /**
   * The id `proxy.name` resolved to at the last apply: when the live `proxyId` moves away from
   * it, the proxy has drifted and the next update re-sends it.
   */
  resolvedProxyId?: string;
}

export type AuthConnectionState = CheckedInputs & RuntimeOutputs;

/** What an AuthConnection's state holds as outputs: the normalised inputs and runtime fields. */
export type AuthConnectionOutputs = AuthConnectionState;

/** The updatable fields, in the order a PATCH lists them. */
export const UPDATABLE_FIELDS = [
  "loginUrl",
  "credential",
  "allowedDomains",
  "healthCheckInterval",
  "saveCredentials",
  "proxy",
] as const;

export type UpdatableField = (typeof UPDATABLE_FIELDS)[number];

/** Input name to API field name, for requests and for error hints. */
export const API_FIELD: Record<UpdatableField | "profileName" | "domain", string> = {
  profileName: "profile_name",
  domain: "domain",
  loginUrl: "login_url",
  credential: "credential",
  allowedDomains: "allowed_domains",
  healthCheckInterval: "health_check_interval",
  saveCredentials: "save_credentials",
  proxy: "proxy",
};
