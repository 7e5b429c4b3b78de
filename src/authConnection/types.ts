/**
 * The resource's shapes as the provider keeps them: the checked inputs (normalised) and the
 * state (the managed fields as live, plus runtime fields). No zod here: the package root's
 * declarations reach this module.
 */
import { UNKNOWN } from "../dynamic/engineKeys";

export { UNKNOWN };

/** Exactly one of the three shapes; the `?: never` keys make tsc reject two at once. */
export type CredentialInput =
  | { name: string; provider?: never; path?: never; auto?: never }
  | { provider: string; path: string; name?: never; auto?: never }
  | { provider: string; auto: true; name?: never; path?: never };

/** Exactly one of the three shapes. `{mode: "default"}` is normalised away: it is "no proxy". */
export type ProxyInput =
  | { id: string; name?: never; mode?: never }
  | { name: string; id?: never; mode?: never }
  | { mode: "direct" | "default"; id?: never; name?: never };

/** An OTLP telemetry destination (`/telemetry/destinations`): by id or by exact name. */
export type TelemetryDestinationInput = { id: string; name?: never } | { name: string; id?: never };

/** Managed fields, normalised: ASCII lower-case domains, allowedDomains a sorted set. */
export interface ManagedState {
  profileName: string;
  domain: string;
  loginUrl?: string;
  credential?: CredentialInput;
  allowedDomains?: string[];
  /** Server-owned (docs/behaviour.md): unset means "whatever the server has". */
  healthCheckInterval?: number;
  healthChecks?: boolean;
  autoReauth?: boolean;
  recordSession?: boolean;
  saveCredentials?: boolean;
  proxy?: ProxyInput;
  stealth?: boolean;
  /** `browser.telemetry.export.otlp.destination`: where the sessions' telemetry is exported. */
  telemetryDestination?: TelemetryDestinationInput;
  /** Server-owned: the login browser's region (the API's default is us-east). */
  region?: BrowserRegion;
}

/** The regions a program may ask for (the API's request enum); answers may name others. */
export const BROWSER_REGIONS = ["us-east", "us-west", "eu-west", "ap-southeast"] as const;
export type BrowserRegion = (typeof BROWSER_REGIONS)[number];

/** Inputs after check: the managed fields (the core adds `project` and `adopt`). */
export type AuthConnectionInputs = ManagedState;

/** Fields that change only on the Kernel side; they never make a diff. */
export interface RuntimeOutputs {
  status?: string;
  canReauth?: boolean;
  canReauthReason?: string;
  /** The live proxy id, from `browser.proxy.id`, else the deprecated `proxy_id`. */
  proxyId?: string;
  postLoginUrl?: string;
  lastAuthCheckAt?: string;
  flowStatus?: string;
  /** Why health checks cannot verify the connection (`no_auth_check_url`; open). */
  healthCheckUnavailableReason?: string;
  /**
   * The id `proxy.name` resolved to at the last apply: when the live `proxyId` moves away from
   * it, the proxy has drifted and the next update re-sends it.
   */
  resolvedProxyId?: string;
  /**
   * The server-owned inputs the program set at the last apply. Read reports only these as live
   * inputs, so a refresh does not make the unset ones look removed in the next preview. Absent
   * in states written before v2, whose inputs held healthCheckInterval and saveCredentials.
   */
  serverOwnedInputs?: string[];
}

export type AuthConnectionOutputs = AuthConnectionInputs & RuntimeOutputs;

/** The updatable fields, in the order a PATCH lists them. */
export const UPDATABLE_FIELDS = [
  "loginUrl",
  "credential",
  "allowedDomains",
  "healthCheckInterval",
  "healthChecks",
  "autoReauth",
  "recordSession",
  "saveCredentials",
  "proxy",
  "stealth",
  "telemetryDestination",
  "region",
] as const;

export type UpdatableField = (typeof UPDATABLE_FIELDS)[number];

/** Server-owned (docs/behaviour.md): never sent while unset, no diff while unset, removing them is no change. */
export const SERVER_OWNED = [
  "healthCheckInterval",
  "healthChecks",
  "autoReauth",
  "recordSession",
  "saveCredentials",
  "stealth",
  "region",
] as const satisfies readonly UpdatableField[];

export type ServerOwnedField = (typeof SERVER_OWNED)[number];

/** Input name to API field name, for requests and for error hints. */
export const API_FIELD: Record<UpdatableField | "profileName" | "domain", string> = {
  profileName: "profile_name",
  domain: "domain",
  loginUrl: "login_url",
  credential: "credential",
  allowedDomains: "allowed_domains",
  healthCheckInterval: "health_check_interval",
  healthChecks: "health_checks",
  autoReauth: "auto_reauth",
  recordSession: "record_session",
  saveCredentials: "save_credentials",
  proxy: "proxy",
  stealth: "stealth",
  telemetryDestination: "telemetry",
  region: "region",
};
