/**
 * The Proxy resource a program declares: a Kernel proxy configuration that browser sessions and
 * auth connections route their traffic through.
 */
import * as pulumi from "@pulumi/pulumi";
import { dynamicResourceType, isInstanceOf, registration } from "../dynamic/resource";
import { typeDeprecation } from "./deprecation";
import type { OtherString, ProxyStatus } from "../enums";
import { SECRET_OUTPUTS, type ProxyProtocol, type ProxyType, type ResidentialOs } from "./types";

const PROXY_TYPE = dynamicResourceType({
  name: "Proxy",
  providerExport: "proxy",
  outputs: [
    "type",
    "name",
    "protocol",
    "config",
    "password",
    "caBundle",
    "hasPassword",
    "hasCaBundle",
    "bypassHosts",
    "status",
    "ipAddress",
    "lastChecked",
    "serverOwnedInputs",
    "project",
  ],
  secretOutputs: SECRET_OUTPUTS,
});

/** What every proxy type takes. */
interface ProxyArgsBase {
  /**
   * Readable name. Names need not be unique. Changing it renames the proxy in place; removing
   * it keeps the live name. No leading or trailing spaces (the API trims them).
   */
  name?: pulumi.Input<string>;
  /** `http` or `https`. Changing it replaces the proxy; unset, the API's default applies. */
  protocol?: pulumi.Input<ProxyProtocol>;
  /**
   * Host names (`example.com`, `*.example.com`) or IP addresses that bypass the proxy and
   * connect directly. A set: order and letter case do not matter. Any change replaces.
   */
  bypassHosts?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The Kernel project (id or exact name) to create the proxy in; else config `kernel:project`,
   * else env `KERNEL_PROJECT`, else env `KERNEL_PROJECT_ID` (both only when creating), else the
   * org's default project. Changing it replaces.
   */
  project?: pulumi.Input<string>;
}

/** The secret inputs exist only for type `custom`. */
interface NoSecretArgs {
  /** Only for type `custom`. */
  password?: never;
  /** Only for type `custom`. */
  caBundle?: never;
}

/** A datacenter or ISP proxy. */
export interface DatacenterProxyArgs extends ProxyArgsBase, NoSecretArgs {
  /**
   * `datacenter` or `isp`. Changing the type replaces the proxy. `datacenter` is deprecated by
   * the API: still accepted and read, with a warning during preview and up.
   */
  type: "datacenter" | "isp";
  /** Where the exit IP is. Unset keys are the API's to choose (country US). */
  config?: pulumi.Input<{
    /** ISO 3166 two-letter country code, e.g. `US`. Changing it replaces. */
    country?: pulumi.Input<string>;
  }>;
}

/** A residential proxy. */
export interface ResidentialProxyArgs extends ProxyArgsBase, NoSecretArgs {
  /** `residential`. Changing the type replaces the proxy. */
  type: "residential";
  /** Targeting; any key that is set and changes replaces the proxy, unset keys are the API's. */
  config?: pulumi.Input<{
    /** Autonomous system number, e.g. `7922`. */
    asn?: pulumi.Input<string>;
    /** City without spaces, e.g. `sanfrancisco`; needs `country`. */
    city?: pulumi.Input<string>;
    /** ISO 3166 two-letter country code, e.g. `US`. */
    country?: pulumi.Input<string>;
    /** Operating system of the device: `windows`, `macos` or `android` (deprecated by the API). */
    os?: pulumi.Input<ResidentialOs>;
    /** Two-letter state code, e.g. `CA`. */
    state?: pulumi.Input<string>;
    /** US ZIP code, e.g. `94107`. */
    zip?: pulumi.Input<string>;
  }>;
}

/** A mobile proxy. */
export interface MobileProxyArgs extends ProxyArgsBase, NoSecretArgs {
  /** `mobile`. Changing the type replaces the proxy. */
  type: "mobile";
  /** Targeting; any key that is set and changes replaces the proxy, unset keys are the API's. */
  config?: pulumi.Input<{
    /** The provider's city alias. */
    city?: pulumi.Input<string>;
    /** ISO 3166 two-letter country code, e.g. `US`. */
    country?: pulumi.Input<string>;
    /** US state code, e.g. `CA`. */
    state?: pulumi.Input<string>;
  }>;
}

/** Your own proxy server. */
export interface CustomProxyArgs extends ProxyArgsBase {
  /** `custom`. Changing the type replaces the proxy. */
  type: "custom";
  /** Where the proxy server is. Any change replaces. Never put a secret here. */
  config: pulumi.Input<{
    /** Host name or IP address of the proxy server. */
    host: pulumi.Input<string>;
    /** Port, 1 to 65535. */
    port: pulumi.Input<number>;
    /** User name for proxy authentication. */
    username?: pulumi.Input<string>;
  }>;
  /**
   * Password for proxy authentication. Always stored as a secret; the API never returns it.
   * Changing or removing it replaces the proxy (the API cannot update it in place).
   */
  password?: pulumi.Input<string>;
  /**
   * PEM CA bundle the proxy's TLS certificate chains to. Always stored as a secret; changing or
   * removing it replaces the proxy.
   */
  caBundle?: pulumi.Input<string>;
}

/**
 * No proxy has this type. It exists for the compiler's messages: as it has no `config`,
 * TypeScript cannot read `config` across the whole union, so it checks a wrong `config`
 * against the arguments of the `type` the program chose (and names that type's keys) instead
 * of against every type's `config` at once.
 */
interface NoProxyArgs {
  type: never;
}

/**
 * The arguments of a Proxy: `type` decides which `config` keys exist, and only `custom` takes
 * `password` and `caBundle`. `type` is a plain string, never an `Output`: the compiler picks
 * the arguments by it.
 */
export type ProxyArgs =
  DatacenterProxyArgs | ResidentialProxyArgs | MobileProxyArgs | CustomProxyArgs | NoProxyArgs;

/** A proxy's `config` as it is live (the API's choices included; never a secret). */
export interface ProxyConfigOutput {
  /** ISO 3166 country code (datacenter, isp, residential, mobile). */
  country?: string;
  /** Autonomous system number (residential). */
  asn?: string;
  /** City (residential, mobile). */
  city?: string;
  /** Device operating system (residential). */
  os?: ResidentialOs | OtherString;
  /** State code (residential, mobile). */
  state?: string;
  /** US ZIP code (residential). */
  zip?: string;
  /** Proxy server host (custom). */
  host?: string;
  /** Proxy server port (custom). */
  port?: number;
  /** User name for proxy authentication (custom). */
  username?: string;
}

/** The outputs a Proxy's state holds, for `Proxy.get`. */
export interface ProxyState {
  /** The proxy's type, as recorded. */
  type?: pulumi.Input<string>;
  /** The proxy's name, as recorded. */
  name?: pulumi.Input<string>;
  /** `http` or `https`, as recorded. */
  protocol?: pulumi.Input<string>;
  /** The config, as recorded. */
  config?: pulumi.Input<ProxyConfigOutput>;
  /** Custom proxies: the password last applied (the API never returns it). */
  password?: pulumi.Input<string>;
  /** Custom proxies: the CA bundle last applied (the API never returns it). */
  caBundle?: pulumi.Input<string>;
  /** Hosts that bypass the proxy, as recorded. */
  bypassHosts?: pulumi.Input<pulumi.Input<string>[]>;
  /** The project the proxy lives in; requests for it carry this project. */
  project?: pulumi.Input<string>;
}

/**
 * A Kernel proxy. An auth connection uses it as `proxy: { id: proxy.id }`; the id is stable, so
 * prefer it to the name (names are not unique). A change the API cannot make in place (anything
 * but the name) creates the new proxy first, then deletes the old one, so that connections can
 * move over.
 *
 * @example
 * ```ts
 * import * as pulumi from "@pulumi/pulumi";
 * import * as kernel from "pulumi-kernel";
 *
 * const config = new pulumi.Config();
 * const residential = new kernel.Proxy("residential", {
 *   type: "residential",
 *   name: "us-west-residential",
 *   config: { country: "US", state: "CA" },
 * });
 *
 * const office = new kernel.Proxy("office", {
 *   type: "custom",
 *   name: "office-squid",
 *   config: { host: "proxy.example.com", port: 3128, username: "kernel" },
 *   password: config.requireSecret("proxyPassword"),
 * });
 *
 * new kernel.AuthConnection("netflix", {
 *   profileName: "team-netflix",
 *   domain: "netflix.com",
 *   proxy: { id: residential.id },
 * });
 * ```
 */
export class Proxy extends pulumi.CustomResource {
  /** `datacenter`, `isp`, `residential`, `mobile` or `custom`. */
  declare readonly type: pulumi.Output<ProxyType | OtherString>;
  /** The name as the API holds it (the API's own when the program sets none). */
  declare readonly name: pulumi.Output<string | undefined>;
  /** `http` or `https`, as the API holds it. */
  declare readonly protocol: pulumi.Output<ProxyProtocol | OtherString | undefined>;
  /** The config as it is live, the API's defaults included (e.g. `country: "US"`). */
  declare readonly config: pulumi.Output<ProxyConfigOutput | undefined>;
  /** Custom proxies: the password given (secret), as recorded at the last apply. */
  declare readonly password: pulumi.Output<string | undefined>;
  /** Custom proxies: the CA bundle given (secret), as recorded at the last apply. */
  declare readonly caBundle: pulumi.Output<string | undefined>;
  /** Custom proxies: whether the API holds a password. */
  declare readonly hasPassword: pulumi.Output<boolean | undefined>;
  /** Custom proxies: whether the API holds a CA bundle. */
  declare readonly hasCaBundle: pulumi.Output<boolean | undefined>;
  /** Hosts that bypass the proxy, as a sorted set. */
  declare readonly bypassHosts: pulumi.Output<string[] | undefined>;
  /** Health as the API reports it (`available` / `unavailable`); never a difference. */
  declare readonly status: pulumi.Output<ProxyStatus | undefined>;
  /** The exit IP address the API reports. */
  declare readonly ipAddress: pulumi.Output<string | undefined>;
  /** When the API last checked the proxy's health. */
  declare readonly lastChecked: pulumi.Output<string | undefined>;
  /** The project the proxy lives in, when one was given. */
  declare readonly project: pulumi.Output<string | undefined>;
  /**
   * Which of `name`, `protocol` and `config.<key>` the program set; the others are Kernel's to
   * choose, so a refresh reports drift in these only.
   */
  declare readonly serverOwnedInputs: pulumi.Output<string[] | undefined>;

  /**
   * Reads an existing proxy by id (a refresh of that id). `pulumi import` cannot work for
   * dynamic resources; this can.
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: ProxyState,
    opts?: pulumi.CustomResourceOptions,
  ): Proxy {
    return new Proxy(name, (state ?? {}) as ProxyArgs, { ...opts, id });
  }

  /** Whether `obj` is a Proxy of this package (works across copies of the package). */
  static override isInstance(obj: unknown): obj is Proxy {
    return isInstanceOf(PROXY_TYPE, obj);
  }

  /**
   * Declares a proxy: created by the next `pulumi up`, kept as declared after that.
   *
   * @param name The unique name of the resource in the stack.
   * @param args The proxy's settings.
   * @param opts Pulumi's resource options (`dependsOn`, `protect`, `parent`, ...).
   */
  constructor(name: string, args: ProxyArgs, opts?: pulumi.CustomResourceOptions) {
    super(...registration(PROXY_TYPE, name, args, opts));
    // A declared proxy only: `Proxy.get` reads what exists, whatever its type.
    if (opts?.id === undefined) {
      const warning = typeDeprecation(args.type);
      if (warning !== undefined) void pulumi.log.warn(warning, this);
    }
  }
}
