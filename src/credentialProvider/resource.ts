/**
 * The CredentialProvider resource a program declares: an org-wide external credential provider
 * (1Password) that AuthConnections use by name.
 */
import * as pulumi from "@pulumi/pulumi";
import { dynamicResourceType, isInstanceOf, registration } from "../dynamic/resource";
import type { CredentialProviderType, OtherString } from "../enums";
import { SECRET_OUTPUTS } from "./types";

const TYPE = dynamicResourceType({
  name: "CredentialProvider",
  providerExport: "credentialProvider",
  outputs: [
    "name",
    "providerType",
    "token",
    "cacheTtlSeconds",
    "enabled",
    "priority",
    "createdAt",
    "adopt",
  ],
  secretOutputs: SECRET_OUTPUTS,
});

/** The arguments of a {@link CredentialProvider}. */
export interface CredentialProviderArgs {
  /**
   * Name of the provider, unique in the org. An AuthConnection refers to it as
   * `credential: { provider: cp.name, path: "Vault/Item" }` (or `auto: true`). Changing it
   * renames it in place. No leading or trailing spaces (the API trims them).
   */
  name: pulumi.Input<string>;
  /**
   * The kind of provider: `"onepassword"` (the only one the API knows). Changing it replaces
   * the provider, **deleting the old one first** unless `name` changes too: until the new one
   * exists, connections that take credentials from it cannot log in again.
   */
  providerType: pulumi.Input<CredentialProviderType>;
  /**
   * Service account token (for 1Password, `ops_...`). Always stored as a secret. Changing it
   * rotates it with one PATCH. The API never returns it, so it is compared with the token
   * applied last.
   */
  token: pulumi.Input<string>;
  /**
   * Seconds to cache credential lists (the API's default is 300). The API never returns it:
   * it is compared with the value applied last. Removing it is no change.
   */
  cacheTtlSeconds?: pulumi.Input<number>;
  /**
   * Whether the provider is used for credential lookups. Left to the server (default true)
   * while unset; removing it is no change.
   */
  enabled?: pulumi.Input<boolean>;
  /**
   * Lookup order among providers, lower first. Left to the server (default 0) while unset;
   * removing it is no change.
   */
  priority?: pulumi.Input<number>;
  /**
   * When a provider of this name already exists in the org, take it over instead of failing:
   * the token is then sent once. Never sent to the API; changing it later is no change. Do not
   * adopt a provider another stack manages.
   */
  adopt?: pulumi.Input<boolean>;
}

/** The state `CredentialProvider.get` starts from; every field is optional. */
export type CredentialProviderState = Partial<CredentialProviderArgs>;

/**
 * An org-wide Kernel credential provider (1Password): AuthConnections look their credentials up
 * in it. It belongs to no project and sends no project header.
 *
 * @example
 * ```ts
 * import * as pulumi from "@pulumi/pulumi";
 * import * as kernel from "pulumi-kernel";
 *
 * const cfg = new pulumi.Config();
 * const onePassword = new kernel.CredentialProvider("1p", {
 *   name: "my-1p",
 *   providerType: "onepassword",
 *   token: cfg.requireSecret("opServiceAccountToken"),
 * });
 * new kernel.AuthConnection("netflix", {
 *   profileName: "team-netflix",
 *   domain: "netflix.com",
 *   credential: { provider: onePassword.name, path: "Shared/Netflix" },
 * });
 * ```
 */
export class CredentialProvider extends pulumi.CustomResource {
  /** Whether `obj` is a CredentialProvider, even one made by another copy of this package. */
  static override isInstance(obj: unknown): obj is CredentialProvider {
    return isInstanceOf(TYPE, obj);
  }

  /**
   * Reads an existing provider by id (as a refresh does). The token cannot be read back: pass
   * it in `state` if later plans should compare against it.
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: CredentialProviderState,
    opts?: pulumi.CustomResourceOptions,
  ): CredentialProvider {
    return new CredentialProvider(name, (state ?? {}) as CredentialProviderArgs, { ...opts, id });
  }

  /** Name of the provider in the org. */
  declare readonly name: pulumi.Output<string>;
  /** `onepassword`. */
  declare readonly providerType: pulumi.Output<CredentialProviderType | OtherString>;
  /** The token as applied last (secret); the API never returns it. */
  declare readonly token: pulumi.Output<string | undefined>;
  /** The cache TTL as applied last, when the program set it; the API never returns it. */
  declare readonly cacheTtlSeconds: pulumi.Output<number | undefined>;
  /** Whether the provider is used for lookups, as the API reports it. */
  declare readonly enabled: pulumi.Output<boolean>;
  /** Lookup order, as the API reports it. */
  declare readonly priority: pulumi.Output<number>;
  /** When the provider was created. */
  declare readonly createdAt: pulumi.Output<string | undefined>;
  /** Whether the provider was taken over with `adopt: true`. */
  declare readonly adopt: pulumi.Output<boolean | undefined>;

  /**
   * Declares a credential provider: created by the next `pulumi up`, kept as declared after that.
   *
   * @param name The unique name of the resource in the stack.
   * @param args The credential provider's settings.
   * @param opts Pulumi's resource options (`dependsOn`, `protect`, `parent`, ...).
   */
  constructor(name: string, args: CredentialProviderArgs, opts?: pulumi.CustomResourceOptions) {
    super(...registration(TYPE, name, args, opts));
  }
}
