/**
 * The wire shapes of `/browser_pools` as the emulator reads and answers them (the Python SDK
 * `kernel` 0.131.0: BrowserPoolCreateParams, BrowserPoolUpdateParams, BrowserPool). Bodies
 * arrive already valid against the OpenAPI document; the rules beyond it are the store's.
 */

export const POOL_REGIONS = ["us-east", "us-west", "eu-west", "ap-southeast"] as const;
export type PoolRegion = (typeof POOL_REGIONS)[number];

/** A selector by id or by name (profiles, extensions, proxies, telemetry destinations). */
export interface Ref {
  id?: string;
  name?: string;
}

export interface Viewport {
  width: number;
  height: number;
  refresh_rate?: number;
}

export interface NetworkBody {
  allowed_hosts?: string[];
  private_hosts?: string[];
  proxy_routes?: { hosts: string[]; proxy: Ref }[];
}

/** `telemetry` as a request carries it (create and update read it differently). */
export interface TelemetryBody {
  enabled?: boolean;
  browser?: Record<string, { enabled?: boolean } & Record<string, unknown>>;
  export?: { otlp?: { destination?: Ref; enabled?: boolean } };
  storage?: { enabled?: boolean };
}

/** What create and update share. */
export interface PoolSettingsBody {
  name?: string;
  chrome_policy?: Record<string, unknown>;
  extensions?: Ref[];
  fill_rate_per_minute?: number;
  headless?: boolean;
  kiosk_mode?: boolean;
  memory?: string;
  network?: NetworkBody;
  profile?: Ref;
  proxy_id?: string;
  refresh_on_profile_update?: boolean;
  start_url?: string;
  stealth?: boolean;
  telemetry?: TelemetryBody | null;
  timeout_seconds?: number;
  viewport?: Viewport;
}

/** `POST /browser_pools`. */
export interface PoolCreateBody extends PoolSettingsBody {
  size: number;
  /** One of POOL_REGIONS (the OpenAPI document's enum). */
  region?: string;
}

/** `PATCH /browser_pools/{id_or_name}`: only the fields sent change; region cannot. */
export interface PoolUpdateBody extends PoolSettingsBody {
  size?: number;
  discard_all_idle?: boolean;
  expected_network?: NetworkBody;
}

/** The API's BrowserPool. */
export interface PoolView {
  id: string;
  name: string | null;
  created_at: string;
  region: string;
  acquired_count: number;
  available_count: number;
  browser_pool_config: Record<string, unknown>;
  extension_ids: string[];
  profile_id?: string;
}
