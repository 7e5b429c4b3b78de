/**
 * The AuthConnection resource a program declares. This module's declarations are what users
 * see: they import only `@pulumi/pulumi` and this package's plain types (no zod, no undici).
 */
import * as pulumi from "@pulumi/pulumi";
import { dynamicResourceType, isInstanceOf, registration } from "../dynamic/resource";
import type {
  AuthConnectionStatus,
  AuthFlowStatus,
  CanReauthReason,
  OtherString,
  ProxyMode,
} from "../enums";
import { UPDATABLE_FIELDS } from "./types";

/**
 * Which credential Kernel logs in with: exactly one of
 * - `{ name }`: a Kernel credential (for example a `Credential` resource's `name`);
 * - `{ provider, path }`: an item in an external credential provider such as 1Password, where
 *   `provider` is the credential provider's name and `path` the item's path in it
 *   (`"Vault/Item"`);
 * - `{ provider, auto: true }`: let Kernel find the item for this domain in that provider.
 *
 * Two shapes at once (say `name` and `path`) do not compile.
 */
export type CredentialReferenceArgs =
  | {
      /** The name of a Kernel credential. */
      name: pulumi.Input<string>;
      provider?: never;
      path?: never;
      auto?: never;
    }
  | {
      /** The name of an external credential provider (for example 1Password). */
      provider: pulumi.Input<string>;
      /** The item's path in that provider, such as `"Vault/Item"`. */
      path: pulumi.Input<string>;
      name?: never;
      auto?: never;
    }
  | {
      /** The name of an external credential provider (for example 1Password). */
      provider: pulumi.Input<string>;
      /** Let Kernel look up the item for this connection's domain in the provider. */
      auto: pulumi.Input<true>;
      name?: never;
      path?: never;
    };

/**
 * The proxy the connection's browser uses: exactly one of
 * - `{ id }`: a proxy of your project by id (for example a `Proxy` resource's `id`; stable, so
 *   preferred);
 * - `{ name }`: a proxy by its exact name (it must match exactly one proxy of the project);
 * - `{ mode: "direct" }`: no proxy at all; `{ mode: "default" }`: Kernel's default egress, the
 *   same as leaving `proxy` out.
 */
export type ProxyReferenceArgs =
  | {
      /** The proxy's id. */
      id: pulumi.Input<string>;
      name?: never;
      mode?: never;
    }
  | {
      /** The proxy's exact name. */
      name: pulumi.Input<string>;
      id?: never;
      mode?: never;
    }
  | {
      /** `"direct"`: no proxy; `"default"`: Kernel's default egress. */
      mode: pulumi.Input<ProxyMode>;
      id?: never;
      name?: never;
    };

/** The arguments of an {@link AuthConnection}. */
export interface AuthConnectionArgs {
  /**
   * The Kernel browser profile to keep logged in; Kernel creates it if it is missing.
   * Changing it (a profile rename included) replaces the connection.
   *
   * **Replacing a connection means logging in again**: the new connection starts as
   * `NEEDS_AUTH`, and Kernel's saved login for this site is not carried over.
   */
  profileName: pulumi.Input<string>;
  /**
   * The site to stay logged in to, as a bare host name such as `netflix.com` (no scheme, path
   * or port). Letter case does not matter; international names are stored in their ASCII
   * form (`münchen.de` → `xn--mnchen-3ya.de`). Changing it replaces the connection.
   *
   * **Replacing a connection means logging in again**: the new connection starts as
   * `NEEDS_AUTH`, and Kernel's saved login for this site is not carried over.
   */
  domain: pulumi.Input<string>;
  /**
   * The Kernel project (an id or its exact name) to create the connection in. Defaults to the
   * stack's `kernel:project` config, then the `KERNEL_PROJECT` environment variable, then
   * `KERNEL_PROJECT_ID` (both used only when creating), then your organisation's default project. Changing it moves the
   * connection: a new one is created in the new project and the old one deleted.
   *
   * **Replacing a connection means logging in again**: the new connection starts as
   * `NEEDS_AUTH`, and Kernel's saved login for this site is not carried over.
   */
  project?: pulumi.Input<string>;
  /** The login page, as an absolute http(s) URL; saves Kernel discovering it. Removing it clears it. */
  loginUrl?: pulumi.Input<string>;
  /**
   * The credential to log in with. Changing it is one PATCH. Removing it replaces the
   * connection, deleting the old one first, since Kernel cannot detach a credential.
   *
   * **Replacing a connection means logging in again**: the new connection starts as
   * `NEEDS_AUTH`, and Kernel's saved login for this site is not carried over.
   */
  credential?: pulumi.Input<CredentialReferenceArgs>;
  /**
   * Further host names the login may pass through (for example an SSO provider), or wildcard
   * patterns such as `*.okta.com`. A set: order, duplicates and letter case do not matter.
   * Removing it clears the list.
   */
  allowedDomains?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Seconds between automatic health checks, from 300 to 86400 and at least your plan's
   * minimum (21600 on the Free plan). Unset: Kernel's default (3600 or your plan's minimum,
   * whichever is larger), shown in the output. Removing it keeps the current value.
   */
  healthCheckInterval?: pulumi.Input<number>;
  /** Whether Kernel checks the session periodically. Unset: Kernel's default (true). Removing it keeps the current value. */
  healthChecks?: pulumi.Input<boolean>;
  /**
   * Whether Kernel logs in again by itself when a health check finds the session expired (no
   * effect while `healthChecks` is false). Unset: Kernel's default (true).
   */
  autoReauth?: pulumi.Input<boolean>;
  /** Whether login sessions are recorded as replays, for debugging. Unset: Kernel's default. */
  recordSession?: pulumi.Input<boolean>;
  /** Whether the credentials entered are saved after each successful login. Unset: Kernel's default (true). */
  saveCredentials?: pulumi.Input<boolean>;
  /**
   * The proxy the login browser uses. Removing it returns the connection to Kernel's default
   * egress, in place.
   */
  proxy?: pulumi.Input<ProxyReferenceArgs>;
  /** Whether the login browser runs in stealth mode. Unset: Kernel's default (true). */
  stealth?: pulumi.Input<boolean>;
  /**
   * An OTLP telemetry destination (`{ id }` or `{ name }`, set up under Kernel's telemetry
   * destinations) that the connection's browser sessions export their telemetry to. Setting it
   * turns telemetry capture on (Kernel's default categories). Removing it stops the export, in
   * place; capture stays as it is.
   */
  telemetryDestination?: pulumi.Input<TelemetryDestinationArgs>;
  /**
   * Where the login browser runs: `us-east`, `us-west`, `eu-west` or `ap-southeast`. A change
   * is an update in place. Unset: Kernel's choice (us-east), kept as it is. Regions other than
   * us-east need an eligible plan.
   */
  region?: pulumi.Input<"us-east" | "us-west" | "eu-west" | "ap-southeast">;
  /**
   * When a connection for this `profileName` and `domain` already exists in the project, take
   * it over (and bring its settings to these arguments) instead of failing. Never adopt a
   * connection that another resource or stack manages. Not sent to Kernel; changing it later
   * is no change.
   */
  adopt?: pulumi.Input<boolean>;
}

/** A credential reference as the connection reports it. */
export interface CredentialReferenceOutput {
  /** The Kernel credential's name. */
  name?: string;
  /** The external credential provider's name. */
  provider?: string;
  /** The item's path in the provider. */
  path?: string;
  /** Whether Kernel looks the item up by domain. */
  auto?: boolean;
}

/** An OTLP telemetry destination: exactly one of `{ id }` or `{ name }`. */
export type TelemetryDestinationArgs =
  | {
      /** The destination's id. */
      id: pulumi.Input<string>;
      name?: never;
    }
  | {
      /** The destination's exact name. */
      name: pulumi.Input<string>;
      id?: never;
    };

/** An OTLP telemetry destination as the connection reports it. */
export interface TelemetryDestinationOutput {
  id?: string;
  name?: string;
}

/** A proxy selection as the connection reports it. */
export interface ProxyReferenceOutput {
  /** The proxy's id. */
  id?: string;
  /** The proxy's name, when the program selected it by name. */
  name?: string;
  /** `"direct"` when the connection uses no proxy. */
  mode?: ProxyMode | OtherString;
}

/** What {@link AuthConnection.get} may be told of the connection it reads; all optional. */
export interface AuthConnectionState {
  /** The browser profile, as far as known. */
  profileName?: pulumi.Input<string>;
  /** The site, as far as known. */
  domain?: pulumi.Input<string>;
  /** The project the connection lives in; the organisation's default when not given. */
  project?: pulumi.Input<string>;
  /** The proxy as the program names it, so a read by id reports it in that form. */
  proxy?: pulumi.Input<ProxyReferenceArgs>;
  /**
   * The id that `proxy.name` resolved to when it was last applied: with it, a read by id can
   * tell whether the named proxy is still the one in use.
   */
  resolvedProxyId?: pulumi.Input<string>;
}

const TYPE = dynamicResourceType({
  name: "AuthConnection",
  // The managed inputs (the updatable ones listed once, in types.ts), then the runtime fields.
  outputs: [
    "profileName",
    "domain",
    "project",
    ...UPDATABLE_FIELDS,
    "adopt",
    "status",
    "canReauth",
    "canReauthReason",
    "proxyId",
    "postLoginUrl",
    "lastAuthCheckAt",
    "flowStatus",
    "healthCheckUnavailableReason",
  ],
});

/**
 * A Kernel managed-auth connection: Kernel keeps one browser profile logged in to one site,
 * checks the session periodically and logs in again when it expires.
 *
 * Set the API key with `pulumi config set --secret kernel:apiKey <key>` (or the
 * `KERNEL_API_KEY` environment variable).
 *
 * @example
 * ```ts
 * import * as kernel from "pulumi-kernel";
 *
 * const netflix = new kernel.AuthConnection("netflix", {
 *   profileName: "team-netflix",
 *   domain: "netflix.com",
 *   loginUrl: "https://www.netflix.com/login",
 *   credential: { name: "netflix-creds" },
 *   allowedDomains: ["login.netflix.com", "*.nflxext.com"],
 *   proxy: { name: "residential" },
 * });
 * export const status = netflix.status;
 * ```
 *
 * An existing connection can be read by id with `AuthConnection.get("netflix", "ma_...")`;
 * to manage one that already exists, set `adopt: true` (`pulumi import` cannot work for this
 * resource).
 */
export class AuthConnection extends pulumi.CustomResource {
  /** The browser profile kept logged in. */
  declare readonly profileName: pulumi.Output<string>;
  /** The site, as an ASCII lower-case host name. */
  declare readonly domain: pulumi.Output<string>;
  /** The project the connection lives in, when one was chosen (else the organisation's default). */
  declare readonly project: pulumi.Output<string | undefined>;
  /** The login page, if set. */
  declare readonly loginUrl: pulumi.Output<string | undefined>;
  /** The credential Kernel logs in with, if any. */
  declare readonly credential: pulumi.Output<CredentialReferenceOutput | undefined>;
  /** The further host names and wildcard patterns allowed during login, sorted. */
  declare readonly allowedDomains: pulumi.Output<string[] | undefined>;
  /** Seconds between health checks, as Kernel has it (its default when not set). */
  declare readonly healthCheckInterval: pulumi.Output<number | undefined>;
  /** Whether periodic health checks are on, as Kernel has it. */
  declare readonly healthChecks: pulumi.Output<boolean | undefined>;
  /** Whether Kernel logs in again by itself, as Kernel has it. */
  declare readonly autoReauth: pulumi.Output<boolean | undefined>;
  /** Whether login sessions are recorded, as Kernel has it. */
  declare readonly recordSession: pulumi.Output<boolean | undefined>;
  /** Whether credentials are saved after login, as Kernel has it. */
  declare readonly saveCredentials: pulumi.Output<boolean | undefined>;
  /** The selected proxy, in the form the program gave it; none for Kernel's default egress. */
  declare readonly proxy: pulumi.Output<ProxyReferenceOutput | undefined>;
  /** Whether the login browser runs in stealth mode, as Kernel has it. */
  declare readonly stealth: pulumi.Output<boolean | undefined>;
  /** The OTLP destination telemetry is exported to, in the form the program gave it; none when not exporting. */
  declare readonly telemetryDestination: pulumi.Output<TelemetryDestinationOutput | undefined>;
  /** The login browser's region, as Kernel has it (it may name a region not listed here). */
  declare readonly region: pulumi.Output<string | undefined>;
  /** Whether this resource took over an existing connection. */
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  /** `AUTHENTICATED` or `NEEDS_AUTH`: every answer of the API carries it. */
  declare readonly status: pulumi.Output<AuthConnectionStatus>;
  /** Whether Kernel can log in again without a person (for example, it holds a credential). */
  declare readonly canReauth: pulumi.Output<boolean | undefined>;
  /** Why Kernel can or cannot log in again by itself. */
  declare readonly canReauthReason: pulumi.Output<CanReauthReason | undefined>;
  /** The id of the proxy in use, as Kernel reports it. */
  declare readonly proxyId: pulumi.Output<string | undefined>;
  /** Where the browser landed after the last successful login. */
  declare readonly postLoginUrl: pulumi.Output<string | undefined>;
  /** When Kernel last checked the session (ISO 8601). */
  declare readonly lastAuthCheckAt: pulumi.Output<string | undefined>;
  /** The state of a login flow in progress, if any. */
  declare readonly flowStatus: pulumi.Output<AuthFlowStatus | undefined>;
  /** Why health checks cannot verify the connection (`no_auth_check_url`), when they cannot. */
  declare readonly healthCheckUnavailableReason: pulumi.Output<string | undefined>;

  /**
   * Reads an existing connection by id into the program, without managing it. It is looked
   * up in `state.project` when given; without any state, in the stack's project
   * (`kernel:project`, else `KERNEL_PROJECT`), else the default project.
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: AuthConnectionState,
    opts?: pulumi.CustomResourceOptions,
  ): AuthConnection {
    return new AuthConnection(name, (state ?? {}) as AuthConnectionArgs, { ...opts, id });
  }

  /** True for AuthConnection resources only (also from another copy of this package). */
  static override isInstance(obj: unknown): obj is AuthConnection {
    return isInstanceOf(TYPE, obj);
  }

  /**
   * Declares a connection: created by the next `pulumi up`, kept as declared after that.
   *
   * @param name The unique name of the resource in the stack.
   * @param args The connection's settings.
   * @param opts Pulumi's resource options (`dependsOn`, `protect`, `parent`, ...).
   */
  constructor(name: string, args: AuthConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    super(...registration(TYPE, name, args, opts));
  }
}
