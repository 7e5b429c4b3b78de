/**
 * The AuthConnection resource a program declares: a Kernel managed-auth connection that keeps
 * one browser profile logged in to one domain.
 */
import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_TEXT } from "./providerText";
import { AUTH_CONNECTION_TOKEN } from "./types";

export type CredentialArgs =
  | { name: pulumi.Input<string> }
  | { provider: pulumi.Input<string>; path: pulumi.Input<string> }
  | { provider: pulumi.Input<string>; auto: pulumi.Input<true> };

export type ProxyArgs = { id: pulumi.Input<string> } | { name: pulumi.Input<string> };

export interface AuthConnectionArgs {
  /** Kernel browser profile to keep logged in; created if missing. Changing it replaces. */
  profileName: pulumi.Input<string>;
  /** Bare host name, e.g. `netflix.com`. Changing it replaces. */
  domain: pulumi.Input<string>;
  /** Login page (absolute http(s) URL); skips discovery. Removing it clears it. */
  loginUrl?: pulumi.Input<string>;
  /** `{ name }`, `{ provider, path }` or `{ provider, auto: true }`. Removing it replaces. */
  credential?: pulumi.Input<CredentialArgs>;
  /** Further host names valid during login; a set (order and case do not matter). */
  allowedDomains?: pulumi.Input<pulumi.Input<string>[]>;
  /** Seconds between health checks, 300..86400 (and your plan's minimum). Default 3600. */
  healthCheckInterval?: pulumi.Input<number>;
  /** Save credentials after each successful login. Default true. */
  saveCredentials?: pulumi.Input<boolean>;
  /** `{ id }` or `{ name }` of a proxy of your org. Removing it replaces. */
  proxy?: pulumi.Input<ProxyArgs>;
  /**
   * When a connection for (profileName, domain) already exists, take it over instead of
   * failing. Never sent to the API; changing it later is no change.
   */
  adopt?: pulumi.Input<boolean>;
}

export interface CredentialOutput {
  name?: string;
  provider?: string;
  path?: string;
  auto?: boolean;
}

export interface ProxyOutput {
  id?: string;
  name?: string;
}

/**
 * A dynamic resource: the token routes it to Pulumi's dynamic-provider host, which runs the
 * `__provider` text (see ./providerText). It is what `pulumi.dynamic.Resource` registers, with
 * the text written out instead of serialized from a provider object.
 */
export class AuthConnection extends pulumi.CustomResource {
  declare readonly profileName: pulumi.Output<string>;
  declare readonly domain: pulumi.Output<string>;
  declare readonly loginUrl: pulumi.Output<string | undefined>;
  declare readonly credential: pulumi.Output<CredentialOutput | undefined>;
  declare readonly allowedDomains: pulumi.Output<string[] | undefined>;
  declare readonly healthCheckInterval: pulumi.Output<number>;
  declare readonly saveCredentials: pulumi.Output<boolean>;
  declare readonly proxy: pulumi.Output<ProxyOutput | undefined>;
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  /** `AUTHENTICATED` or `NEEDS_AUTH`. */
  declare readonly status: pulumi.Output<string>;
  declare readonly canReauth: pulumi.Output<boolean | undefined>;
  declare readonly canReauthReason: pulumi.Output<string | undefined>;
  /** The id of the attached proxy, as the API reports it. */
  declare readonly proxyId: pulumi.Output<string | undefined>;
  declare readonly postLoginUrl: pulumi.Output<string | undefined>;
  declare readonly lastAuthCheckAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: AuthConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      // Outputs are seeded so that Pulumi registers and resolves them.
      status: undefined,
      canReauth: undefined,
      canReauthReason: undefined,
      proxyId: undefined,
      postLoginUrl: undefined,
      lastAuthCheckAt: undefined,
      loginUrl: undefined,
      credential: undefined,
      allowedDomains: undefined,
      healthCheckInterval: undefined,
      saveCredentials: undefined,
      proxy: undefined,
      adopt: undefined,
      ...args,
      // Last: no argument can stand in for it.
      __provider: PROVIDER_TEXT,
    };
    super(AUTH_CONNECTION_TOKEN, name, props, opts);
  }
}
