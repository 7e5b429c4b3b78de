/** `getBrowserPool`: a browser pool by id or exact name (`GET /browser_pools/{id_or_name}`). */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { defined, getByIdOrName, idOrName, lookupOutput, runLookup } from "./core";
import type { LookupInputs, LookupSpec, ProjectArgs } from "./spec";

export interface GetBrowserPoolArgs extends ProjectArgs {
  /** The pool's id. Give `id` or `name`. */
  id?: string;
  /** The pool's exact name (unique in its project). Give `id` or `name`. */
  name?: string;
}

export interface GetBrowserPoolResult {
  /** The pool's id. */
  id: string;
  /** Its name, if it has one. */
  name?: string;
  /** Where its browsers run (`us-east`, `eu-west`, ...); fixed at creation. */
  region: string;
  /** Browsers the pool keeps warm. */
  size: number;
  /** Browsers leased from the pool now. */
  acquiredCount: number;
  /** Browsers ready to be leased now. */
  availableCount: number;
  /** The extensions its browsers load, by id, in load order. */
  extensionIds: string[];
  /** The profile its browsers load, by id; absent when none. */
  profileId?: string;
  /** The proxy its browsers use, by id; absent when none. */
  proxyId?: string;
  /** Whether its browsers run headless. */
  headless?: boolean;
  /** Whether its browsers run in stealth mode. */
  stealth?: boolean;
  /** Idle timeout in seconds of a leased browser. */
  timeoutSeconds?: number;
  /** Share of the pool refilled per minute, in percent. */
  fillRatePerMinute?: number;
  /** When it was created (RFC 3339). */
  createdAt?: string;
  /** The project the lookup asked (id or name); absent for the org's default project. */
  project?: string;
}

const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

const browserPoolResponseSchema = z.looseObject({
  id: z.string(),
  name: optional(z.string()),
  region: z.string(),
  acquired_count: z.number(),
  available_count: z.number(),
  extension_ids: optional(z.array(z.string())),
  profile_id: optional(z.string()),
  created_at: optional(z.string()),
  browser_pool_config: z.looseObject({
    size: z.number(),
    proxy_id: optional(z.string()),
    headless: optional(z.boolean()),
    stealth: optional(z.boolean()),
    timeout_seconds: optional(z.number()),
    fill_rate_per_minute: optional(z.number()),
  }),
});

export const browserPoolLookup: LookupSpec<GetBrowserPoolArgs, GetBrowserPoolResult> = {
  fn: "getBrowserPool",
  scope: "project",
  async find(args, ctx) {
    const pool = await getByIdOrName(ctx, {
      what: "browser pool",
      collection: "/browser_pools",
      key: idOrName(ctx.fn, args),
      parse: (json) => browserPoolResponseSchema.parse(json),
    });
    const config = pool.browser_pool_config;
    return defined({
      id: pool.id,
      name: pool.name,
      region: pool.region,
      size: config.size,
      acquiredCount: pool.acquired_count,
      availableCount: pool.available_count,
      extensionIds: pool.extension_ids ?? [],
      profileId: pool.profile_id,
      // The API clears a pool's proxy with "": no proxy.
      proxyId: config.proxy_id || undefined,
      headless: config.headless,
      stealth: config.stealth,
      timeoutSeconds: config.timeout_seconds,
      fillRatePerMinute: config.fill_rate_per_minute,
      createdAt: pool.created_at,
      project: ctx.project,
    });
  },
};

/**
 * Looks up a browser pool by id or exact name.
 *
 * @example
 * ```ts
 * import * as kernel from "pulumi-kernel";
 *
 * const pool = await kernel.getBrowserPool({ name: "checkout", project: "production" });
 * export const warmBrowsers = pool.availableCount;
 * ```
 */
export function getBrowserPool(args: GetBrowserPoolArgs): Promise<GetBrowserPoolResult> {
  return runLookup(browserPoolLookup, args);
}

/**
 * {@link getBrowserPool} with arguments that may be outputs of other resources.
 *
 * @example
 * ```ts
 * const pool = kernel.getBrowserPoolOutput({ name: "checkout" });
 * export const poolSize = pool.size;
 * ```
 */
export function getBrowserPoolOutput(
  args: pulumi.Input<LookupInputs<GetBrowserPoolArgs>>,
): pulumi.Output<GetBrowserPoolResult> {
  return lookupOutput(getBrowserPool, args);
}
