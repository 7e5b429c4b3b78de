/**
 * `getProxy`: a proxy by id (`GET /proxies/{id}`) or by a name that exactly one proxy of the
 * project has (`GET /proxies?name=`). Proxy names are not unique: a name several proxies share
 * is an error that names their ids, never a guess.
 */
import type * as pulumi from "@pulumi/pulumi";
import { type ProxyResponse, parseProxy } from "../proxy/api";
import { AmbiguousLookupError } from "./errors";
import {
  defined,
  describeKey,
  getByIdOrName,
  idOrName,
  lookupOutput,
  notFound,
  runLookup,
  whereText,
} from "./core";
import type { LookupInputs, LookupSpec, ProjectArgs } from "./spec";

export interface GetProxyArgs extends ProjectArgs {
  /** The proxy's id. Give `id` or `name`. */
  id?: string;
  /**
   * The proxy's exact name. Names are not unique: the lookup fails, naming the ids, when
   * several proxies of the project have it. Give `id` or `name`.
   */
  name?: string;
}

/** A proxy's `config` as the API shows it: the fields of its type; never a password. */
export interface GetProxyConfigResult {
  /** ISO 3166 country code. */
  country?: string;
  /** Autonomous system number (residential). */
  asn?: string;
  /** City (residential, mobile). */
  city?: string;
  /** Operating system of the device (residential). */
  os?: string;
  /** State code (residential, mobile). */
  state?: string;
  /** US ZIP code (residential). */
  zip?: string;
  /** Host of a custom proxy. */
  host?: string;
  /** Port of a custom proxy. */
  port?: number;
  /** User name of a custom proxy. */
  username?: string;
  /** Whether a custom proxy has a password (the password is never returned). */
  hasPassword?: boolean;
  /** Whether a custom proxy has a CA bundle (the bundle is never returned). */
  hasCaBundle?: boolean;
}

export interface GetProxyResult {
  /** The proxy's id. */
  id: string;
  /** Its name, if it has one. */
  name?: string;
  /** `datacenter`, `isp`, `residential`, `mobile` or `custom` (passed through as the API says). */
  type: string;
  /** `http` or `https`. */
  protocol?: string;
  /** The type's settings. */
  config?: GetProxyConfigResult;
  /** Hosts that bypass the proxy. */
  bypassHosts?: string[];
  /** Health: `available` or `unavailable`. */
  status?: string;
  /** The IP address the proxy uses. */
  ipAddress?: string;
  /** When its health was last checked (RFC 3339). */
  lastChecked?: string;
  /** The project the lookup asked (id or name); absent for the org's default project. */
  project?: string;
}

export const proxyLookup: LookupSpec<GetProxyArgs, GetProxyResult> = {
  fn: "getProxy",
  scope: "project",
  async find(args, ctx) {
    const key = idOrName(ctx.fn, args);
    let proxy: ProxyResponse;
    if (key.by === "id") {
      proxy = await getByIdOrName(ctx, {
        what: "proxy",
        collection: "/proxies",
        key,
        parse: parseProxy,
      });
    } else {
      // The API's `name=` filter may ignore letter case; the lookup wants the exact name.
      const named = (await ctx.op.list("/proxies", { name: key.value }, parseProxy)).filter(
        (p) => p.name === key.value,
      );
      if (named.length === 0) throw notFound(ctx, "proxy", describeKey(key));
      if (named.length > 1) {
        const ids = named.map((p) => p.id);
        throw new AmbiguousLookupError(
          `${ctx.fn}: ${named.length} proxies are named ${JSON.stringify(key.value)}` +
            `${whereText(ctx)} (${ids.join(", ")}); proxy names are not unique, so look the ` +
            `proxy up by \`id\`, or rename the others`,
          ids,
        );
      }
      proxy = named[0];
    }
    const config = proxy.config;
    return defined({
      id: proxy.id,
      name: proxy.name,
      type: proxy.type,
      protocol: proxy.protocol,
      config: config
        ? defined({
            country: config.country,
            asn: config.asn,
            city: config.city,
            os: config.os,
            state: config.state,
            zip: config.zip,
            host: config.host,
            port: config.port,
            username: config.username,
            hasPassword: config.has_password,
            hasCaBundle: config.has_ca_bundle,
          })
        : undefined,
      bypassHosts: proxy.bypass_hosts,
      status: proxy.status,
      ipAddress: proxy.ip_address,
      lastChecked: proxy.last_checked,
      project: ctx.project,
    });
  },
};

/**
 * Looks up a proxy by id, or by a name exactly one proxy of the project has.
 *
 * @example
 * ```ts
 * import * as kernel from "pulumi-kernel";
 *
 * const office = await kernel.getProxy({ name: "office-egress" });
 * new kernel.AuthConnection("netflix", {
 *   profileName: "team-netflix",
 *   domain: "netflix.com",
 *   proxy: { id: office.id },
 * });
 * ```
 */
export function getProxy(args: GetProxyArgs): Promise<GetProxyResult> {
  return runLookup(proxyLookup, args);
}

/**
 * {@link getProxy} with arguments that may be outputs of other resources.
 *
 * @example
 * ```ts
 * const proxy = kernel.getProxyOutput({ id: config.require("proxyId") });
 * export const proxyStatus = proxy.status;
 * ```
 */
export function getProxyOutput(
  args: pulumi.Input<LookupInputs<GetProxyArgs>>,
): pulumi.Output<GetProxyResult> {
  return lookupOutput(getProxy, args);
}
