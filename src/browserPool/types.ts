/**
 * BrowserPool's shapes as the provider keeps them: the checked inputs (normalised) and the
 * outputs (the inputs as live, plus the server's values and runtime counts). No zod and no
 * Pulumi here: the package root's declarations reach this module.
 */

/** A reference by id or by exact name (a profile, an extension, a telemetry destination). */
export type IdOrName = { id: string; name?: never } | { name: string; id?: never };

/** The regions a program may ask for; answers may name others, which are kept. */
export const POOL_REGIONS = ["us-east", "us-west", "eu-west", "ap-southeast"] as const;
export type PoolRegion = (typeof POOL_REGIONS)[number];

/** Memory per browser: headless images take 1, 2 or 4 GiB, headful ones 8 or 16. */
export const HEADLESS_MEMORY = ["1GiB", "2GiB", "4GiB"] as const;
export const HEADFUL_MEMORY = ["8GiB", "16GiB"] as const;
export const POOL_MEMORY = [...HEADLESS_MEMORY, ...HEADFUL_MEMORY] as const;
export type PoolMemory = (typeof POOL_MEMORY)[number];

export interface ViewportInput {
  width: number;
  height: number;
  /** Server-owned: derived from the size when unset. */
  refreshRate?: number;
}

/** A per-destination proxy: the hosts it serves, and the proxy by id (names are not unique). */
export interface ProxyRouteInput {
  /** A sorted set of lower-case host patterns. */
  hosts: string[];
  proxyId: string;
}

/** The browsers' network; each list a sorted set. An empty list is kept (it means "none"). */
export interface NetworkInput {
  allowedHosts?: string[];
  privateHosts?: string[];
  /** Sorted by their first host. */
  proxyRoutes?: ProxyRouteInput[];
}

/** Telemetry capture (on while set), exported to a destination and/or kept in Kernel storage. */
export interface TelemetryInput {
  destination?: IdOrName;
  /** Server-owned: Kernel keeps captured telemetry unless told otherwise. */
  storage?: boolean;
}

/** Inputs after check, without the core's `project` and `adopt`. */
export interface BrowserPoolInputs {
  size: number;
  name?: string;
  /** Server-owned (us-east by default); fixed once created. */
  region?: PoolRegion;
  profile?: IdOrName;
  /** In load order. */
  extensions?: IdOrName[];
  proxyId?: string;
  startUrl?: string;
  chromePolicy?: Record<string, unknown>;
  network?: NetworkInput;
  telemetry?: TelemetryInput;
  viewport?: ViewportInput;
  headless?: boolean;
  stealth?: boolean;
  kioskMode?: boolean;
  timeoutSeconds?: number;
  fillRatePerMinute?: number;
  memory?: PoolMemory;
  refreshOnProfileUpdate?: boolean;
  /** The provider's own: an update also discards the idle browsers and warms them again. */
  rebuildIdleBrowsersOnUpdate?: boolean;
  /** The provider's own: a delete terminates leased browsers instead of failing. */
  forceDestroy?: boolean;
}

/** The settings whose default is the server's (docs/behaviour.md): unset is never a difference. */
export const SERVER_OWNED = [
  "region",
  "headless",
  "stealth",
  "kioskMode",
  "timeoutSeconds",
  "fillRatePerMinute",
  "memory",
  "refreshOnProfileUpdate",
] as const;
export type ServerOwnedField = (typeof SERVER_OWNED)[number];

/** Server-owned settings inside another input, recorded by path like the top-level ones. */
export const NESTED_SERVER_OWNED = ["viewport.refreshRate", "telemetry.storage"] as const;

/** What the API reports and no program sets: never a difference. */
export interface BrowserPoolRuntimeOutputs {
  createdAt?: string;
  /** Browsers leased now. */
  acquiredCount?: number;
  /** Browsers ready to be acquired. */
  availableCount?: number;
  /** The profile's id, whichever way the program named it. */
  profileId?: string;
  /** The extensions' ids, in load order. */
  extensionIds?: string[];
  /** The id of the OTLP destination telemetry is exported to. */
  telemetryDestinationId?: string;
  /**
   * The id `telemetry.destination.name` resolved to at the last apply: when the live
   * destination moves away from it, the export has drifted and the next update sends it again.
   */
  resolvedTelemetryDestinationId?: string;
  /** The server-owned inputs (and nested paths) the program set at the last apply. */
  serverOwnedInputs?: string[];
}

/** The state: the inputs as live (server-owned ones with the server's values) plus runtime. */
export type BrowserPoolOutputs = BrowserPoolInputs & BrowserPoolRuntimeOutputs;

/** Fields a PATCH can change, in the order it lists them; `forceDestroy` sends nothing. */
export const UPDATABLE_FIELDS = [
  "size",
  "name",
  "profile",
  "extensions",
  "proxyId",
  "startUrl",
  "chromePolicy",
  "network",
  "telemetry",
  "viewport",
  "headless",
  "stealth",
  "kioskMode",
  "timeoutSeconds",
  "fillRatePerMinute",
  "memory",
  "refreshOnProfileUpdate",
  "rebuildIdleBrowsersOnUpdate",
  "forceDestroy",
] as const;
export type BrowserPoolUpdatableField = (typeof UPDATABLE_FIELDS)[number];

/** Input name to API field name, for requests and for 400 hints. */
export const API_FIELD = {
  size: "size",
  name: "name",
  region: "region",
  profile: "profile",
  extensions: "extensions",
  proxyId: "proxy_id",
  startUrl: "start_url",
  chromePolicy: "chrome_policy",
  network: "network",
  telemetry: "telemetry",
  viewport: "viewport",
  headless: "headless",
  stealth: "stealth",
  kioskMode: "kiosk_mode",
  timeoutSeconds: "timeout_seconds",
  fillRatePerMinute: "fill_rate_per_minute",
  memory: "memory",
  refreshOnProfileUpdate: "refresh_on_profile_update",
} as const;
