/**
 * Auth connections on the wire, as the emulator receives them: the emulator is the API's
 * stand-in, so it keeps its own types (checked by the OpenAPI document before they get here)
 * rather than the client's. Per @onkernel/sdk@0.84.0, the Python SDK 0.93 (KERNEL-API.md) and 0.131 (docs/api-changes.md).
 */

/** One of `{name}`, `{provider, path}`, `{provider, auto: true}`. */
export interface CredentialReference {
  name?: string;
  provider?: string;
  path?: string;
  auto?: boolean;
}

/** The deprecated top-level `proxy`: `{id}` or `{name}`. */
export interface ProxyRef {
  id?: string;
  name?: string;
}

export type ProxyMode = "direct" | "default";

/** `browser.proxy`: exactly one of `{id}`, `{name}`, `{mode}`. */
export type BrowserProxyRef = { id: string } | { name: string } | { mode: ProxyMode };

/** `browser.region` (kernel 0.102; us-west 0.120). */
export type BrowserRegion = "us-east" | "us-west" | "eu-west" | "ap-southeast";

/** `browser.telemetry` (Python SDK 0.91+), as far as the emulator keeps it. */
export interface TelemetryRequest {
  enabled?: boolean;
  export?: { otlp?: { destination?: { id?: string; name?: string }; enabled?: boolean } };
}

export interface BrowserSettings {
  proxy?: BrowserProxyRef;
  stealth?: boolean;
  region?: BrowserRegion;
  /** `null` removes the telemetry configuration. */
  telemetry?: TelemetryRequest | null;
}

export interface ManagedAuthUpdateRequest {
  login_url?: string;
  credential?: CredentialReference;
  allowed_domains?: string[];
  health_check_interval?: number;
  health_checks?: boolean;
  auto_reauth?: boolean;
  record_session?: boolean;
  save_credentials?: boolean;
  /** Deprecated: kept in step with `browser.proxy`. */
  proxy?: ProxyRef;
  browser?: BrowserSettings;
  browser_telemetry?: Record<string, unknown> | null;
}

export interface ManagedAuthCreateRequest extends ManagedAuthUpdateRequest {
  profile_name: string;
  domain: string;
}
