/**
 * The BrowserPool resource a program declares: a Kernel browser pool, browsers kept warm with
 * one configuration, acquired and released by an application at run time.
 */
import * as pulumi from "@pulumi/pulumi";
import { dynamicResourceType, isInstanceOf, registration } from "../dynamic/resource";
import { UPDATABLE_FIELDS } from "./types";

const TYPE = dynamicResourceType({
  name: "BrowserPool",
  providerExport: "browserPool",
  // The updatable inputs (listed once, in types.ts), the create-only region, then the runtime fields.
  outputs: [
    ...UPDATABLE_FIELDS,
    "region",
    "createdAt",
    "acquiredCount",
    "availableCount",
    "profileId",
    "extensionIds",
    "telemetryDestinationId",
    "project",
    "adopt",
  ],
});

/** A reference by id or by exact name: exactly one of `{ id }` or `{ name }`. */
export type BrowserPoolReferenceArgs =
  { id: pulumi.Input<string>; name?: never } | { name: pulumi.Input<string>; id?: never };

/** A reference as the pool reports it. */
export interface BrowserPoolReferenceOutput {
  id?: string;
  name?: string;
}

/** The initial window of the pool's browsers, in pixels. */
export interface BrowserPoolViewportArgs {
  /** Window width in pixels. */
  width: pulumi.Input<number>;
  /** Window height in pixels. */
  height: pulumi.Input<number>;
  /** Display refresh rate in Hz. Unset, Kernel derives it from the size (and shows it). */
  refreshRate?: pulumi.Input<number>;
}

/** A per-destination proxy. */
export interface BrowserPoolProxyRouteArgs {
  /** Host names, or `*.` patterns for subdomains, whose requests take this proxy. */
  hosts: pulumi.Input<pulumi.Input<string>[]>;
  /** The proxy, by id (`proxy.id` of a `Proxy`): proxy names are not unique. */
  proxyId: pulumi.Input<string>;
}

/** Where the pool's browsers may connect, and how. */
export interface BrowserPoolNetworkArgs {
  /**
   * The only destinations the browsers may reach through Kernel's egress (host names, `*.`
   * patterns, public IPs or CIDR ranges). Leave it out for unfiltered egress; it cannot be
   * empty.
   */
  allowedHosts?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Destinations reached through the session's own network (a VPN or tailnet) instead of
   * Kernel's egress. An empty list turns off the private ranges Kernel routes directly by
   * default.
   */
  privateHosts?: pulumi.Input<pulumi.Input<string>[]>;
  /** Per-destination proxies; a host may be in one route only. */
  proxyRoutes?: pulumi.Input<pulumi.Input<BrowserPoolProxyRouteArgs>[]>;
}

/** Telemetry capture of the pool's browsers: on while this is set. */
export interface BrowserPoolTelemetryArgs {
  /** The OTLP destination to export to, `{ id }` or `{ name }` (set up under telemetry destinations). */
  destination?: pulumi.Input<BrowserPoolReferenceArgs>;
  /**
   * Whether Kernel keeps the captured telemetry; `false` needs a `destination`. Unset, the
   * server's value (kept) is shown.
   */
  storage?: pulumi.Input<boolean>;
}

/** The arguments of a {@link BrowserPool}. */
export interface BrowserPoolArgs {
  /**
   * How many browsers the pool keeps. The sum over an organisation's pools is capped by its
   * plan. Changing it is one PATCH.
   */
  size: pulumi.Input<number>;
  /**
   * The pool's name, unique in its project; an application acquires browsers by it. Changing it
   * renames the pool in place. Kernel cannot remove a name: removing it replaces the pool.
   */
  name?: pulumi.Input<string>;
  /**
   * Where the browsers run: `us-east`, `us-west`, `eu-west` or `ap-southeast`. Fixed once the
   * pool exists: changing it replaces the pool (deleting the old one first when the name stays,
   * since names are unique). Unset, Kernel's default (us-east) is kept and shown.
   */
  region?: pulumi.Input<"us-east" | "us-west" | "eu-west" | "ap-southeast">;
  /**
   * The browser profile the browsers load, read-only, as `{ id }` or `{ name }`; a `Profile`'s
   * outputs fit: `profile: { id: profile.id }` or `{ name: profile.name }`. Removing it detaches
   * the profile.
   */
  profile?: pulumi.Input<BrowserPoolReferenceArgs>;
  /**
   * Extensions loaded into every browser, in load order, each `{ id }` or `{ name }` of an
   * uploaded extension (an `Extension`'s outputs fit). Removing them detaches them all.
   */
  extensions?: pulumi.Input<pulumi.Input<BrowserPoolReferenceArgs>[]>;
  /** The proxy the browsers use, by id (`proxy.id` of a `Proxy`). Removing it clears it. */
  proxyId?: pulumi.Input<string>;
  /** The URL a newly warmed browser opens (any URL Chromium can open). Removing it clears it. */
  startUrl?: pulumi.Input<string>;
  /**
   * Chrome enterprise policies (policy name to value) for every browser; Kernel refuses the
   * ones it manages itself (extensions, proxy, remote debugging). Removing it clears them.
   */
  chromePolicy?: pulumi.Input<Record<string, unknown>>;
  /** Egress allowlist, private hosts and per-destination proxies. Removing it clears it. */
  network?: pulumi.Input<BrowserPoolNetworkArgs>;
  /** Telemetry capture and where it goes. Removing it stops capture. */
  telemetry?: pulumi.Input<BrowserPoolTelemetryArgs>;
  /**
   * The browsers' initial window. Kernel cannot remove it: removing it replaces the pool.
   * Unset, Kernel's image default applies.
   */
  viewport?: pulumi.Input<BrowserPoolViewportArgs>;
  /** Headless image. Unset, the server's value (false) is kept and shown. */
  headless?: pulumi.Input<boolean>;
  /** Stealth mode against bot detection. Unset, the server's value (false) is kept and shown. */
  stealth?: pulumi.Input<boolean>;
  /** Kiosk mode (no address bar or tabs in live view). Unset, the server's value is kept. */
  kioskMode?: pulumi.Input<boolean>;
  /**
   * Seconds an acquired browser may sit idle before it is destroyed: 10 to 259200. Unset, the
   * server's value (600) is kept and shown.
   */
  timeoutSeconds?: pulumi.Input<number>;
  /** Percentage of the pool warmed per minute (at most 25 for most organisations). Unset, the server's. */
  fillRatePerMinute?: pulumi.Input<number>;
  /**
   * Memory per browser: `1GiB`, `2GiB` or `4GiB` headless, `8GiB` or `16GiB` headful. Unset, the
   * image's default is kept and shown.
   */
  memory?: pulumi.Input<"1GiB" | "2GiB" | "4GiB" | "8GiB" | "16GiB">;
  /**
   * Whether idle browsers are flushed when the pool's profile is updated. Needs `profile`.
   * Unset, Kernel's value is kept (on once a profile is attached).
   */
  refreshOnProfileUpdate?: pulumi.Input<boolean>;
  /**
   * With an update, also discard the idle browsers and warm them again at once, so that every
   * idle browser has the new settings (otherwise only newly warmed ones do). Never sent as
   * such; changing it alone is no change. Default false.
   */
  rebuildIdleBrowsersOnUpdate?: pulumi.Input<boolean>;
  /**
   * Let a delete (destroy, or a replacement) terminate browsers leased from the pool. Without
   * it such a delete fails, says how many are leased, and keeps the pool. Set it with one
   * `pulumi up` before the destroy: delete reads it from the state. Default false.
   */
  forceDestroy?: pulumi.Input<boolean>;
  /**
   * The Kernel project (id or exact name) to create the pool in; else config
   * `kernel:project`, else env `KERNEL_PROJECT`, else the org's default project. Changing it
   * replaces the pool (the new one is created first).
   */
  project?: pulumi.Input<string>;
  /**
   * When a pool of this name already exists in the project, take it over (and bring it to the
   * declared settings) instead of failing. Never adopt a pool another resource or stack
   * manages. Never sent to the API; changing it later is no change.
   */
  adopt?: pulumi.Input<boolean>;
}

/** The outputs a BrowserPool's state holds, for `BrowserPool.get`. */
export interface BrowserPoolState extends Partial<BrowserPoolArgs> {
  /** The project the pool lives in; requests for it carry this project. */
  project?: pulumi.Input<string>;
}

/**
 * A Kernel browser pool: `size` browsers kept warm with one configuration, which an
 * application acquires by the pool's name or id. Every setting but the region is changed in
 * place, with one PATCH of what changed; changes reach newly warmed browsers, or every idle one
 * with `rebuildIdleBrowsersOnUpdate: true`.
 *
 * @example
 * ```ts
 * import * as kernel from "pulumi-kernel";
 *
 * const profile = new kernel.Profile("shopper", { name: "shopper" });
 * const proxy = new kernel.Proxy("office", { type: "isp", name: "office" });
 *
 * const pool = new kernel.BrowserPool("checkout", {
 *   name: "checkout",
 *   size: 5,
 *   region: "eu-west",
 *   profile: { name: profile.name }, // or { id: profile.id }
 *   proxyId: proxy.id,
 *   extensions: [{ name: "adblock" }],
 *   viewport: { width: 1280, height: 800 },
 *   telemetry: { destination: { name: "otel-collector" } },
 *   rebuildIdleBrowsersOnUpdate: true,
 * });
 *
 * export const poolId = pool.id;
 * export const leased = pool.acquiredCount;
 * ```
 */
export class BrowserPool extends pulumi.CustomResource {
  /** How many browsers the pool keeps. */
  declare readonly size: pulumi.Output<number>;
  /** The pool's name, if it has one. */
  declare readonly name: pulumi.Output<string | undefined>;
  /** Where the browsers run, as Kernel has it (it may name a region not listed in the args). */
  declare readonly region: pulumi.Output<string | undefined>;
  /** The profile as configured (the form the program gave); `profileId` is its id. */
  declare readonly profile: pulumi.Output<BrowserPoolReferenceOutput | undefined>;
  /** The extensions as configured, in load order; `extensionIds` are their ids. */
  declare readonly extensions: pulumi.Output<BrowserPoolReferenceOutput[] | undefined>;
  /** The proxy the browsers use. */
  declare readonly proxyId: pulumi.Output<string | undefined>;
  /** The URL a newly warmed browser opens. */
  declare readonly startUrl: pulumi.Output<string | undefined>;
  /** The Chrome enterprise policies. */
  declare readonly chromePolicy: pulumi.Output<Record<string, unknown> | undefined>;
  /** The network settings, host lists sorted. */
  declare readonly network: pulumi.Output<
    | {
        allowedHosts?: string[];
        privateHosts?: string[];
        proxyRoutes?: { hosts: string[]; proxyId: string }[];
      }
    | undefined
  >;
  /** Telemetry capture: the destination (as the program named it) and storage; none when off. */
  declare readonly telemetry: pulumi.Output<
    { destination?: BrowserPoolReferenceOutput; storage?: boolean } | undefined
  >;
  /** The browsers' initial window, with the refresh rate Kernel reports. */
  declare readonly viewport: pulumi.Output<
    { width: number; height: number; refreshRate?: number } | undefined
  >;
  /** Whether the image is headless (the server's value when unset). */
  declare readonly headless: pulumi.Output<boolean | undefined>;
  /** Whether stealth mode is on (the server's value when unset). */
  declare readonly stealth: pulumi.Output<boolean | undefined>;
  /** Whether kiosk mode is on (the server's value when unset). */
  declare readonly kioskMode: pulumi.Output<boolean | undefined>;
  /** Idle timeout of an acquired browser, in seconds (the server's value when unset). */
  declare readonly timeoutSeconds: pulumi.Output<number | undefined>;
  /** Percentage of the pool warmed per minute (the server's value when unset). */
  declare readonly fillRatePerMinute: pulumi.Output<number | undefined>;
  /** Memory per browser (the image's default when unset). */
  declare readonly memory: pulumi.Output<string | undefined>;
  /** Whether idle browsers are flushed when the profile is updated. */
  declare readonly refreshOnProfileUpdate: pulumi.Output<boolean | undefined>;
  /** Whether an update also rebuilds idle browsers. */
  declare readonly rebuildIdleBrowsersOnUpdate: pulumi.Output<boolean | undefined>;
  /** Whether a delete may terminate leased browsers. */
  declare readonly forceDestroy: pulumi.Output<boolean | undefined>;
  /** When the pool was created (RFC 3339). */
  declare readonly createdAt: pulumi.Output<string | undefined>;
  /** Browsers leased at the last refresh; never a difference. */
  declare readonly acquiredCount: pulumi.Output<number | undefined>;
  /** Browsers ready to be acquired at the last refresh; never a difference. */
  declare readonly availableCount: pulumi.Output<number | undefined>;
  /** The id of the profile the browsers load. */
  declare readonly profileId: pulumi.Output<string | undefined>;
  /** The ids of the extensions, in load order. */
  declare readonly extensionIds: pulumi.Output<string[] | undefined>;
  /** The id of the OTLP destination telemetry is exported to. */
  declare readonly telemetryDestinationId: pulumi.Output<string | undefined>;
  /** The project the pool lives in, when one was given. */
  declare readonly project: pulumi.Output<string | undefined>;
  /** Whether the program asked to take over an existing pool. */
  declare readonly adopt: pulumi.Output<boolean | undefined>;

  /**
   * Reads an existing pool by id (a refresh of that id). `pulumi import` cannot work for
   * dynamic resources; this can.
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: BrowserPoolState,
    opts?: pulumi.CustomResourceOptions,
  ): BrowserPool {
    return new BrowserPool(name, (state ?? {}) as BrowserPoolArgs, { ...opts, id });
  }

  /** Whether `obj` is a BrowserPool of this package (works across copies of the package). */
  static override isInstance(obj: unknown): obj is BrowserPool {
    return isInstanceOf(TYPE, obj);
  }

  /**
   * Declares a browser pool: created by the next `pulumi up`, kept as declared after that.
   *
   * @param name The unique name of the resource in the stack.
   * @param args The pool's settings.
   * @param opts Pulumi's resource options (`dependsOn`, `protect`, `parent`, ...).
   */
  constructor(name: string, args: BrowserPoolArgs, opts?: pulumi.CustomResourceOptions) {
    super(...registration(TYPE, name, args, opts));
  }
}
