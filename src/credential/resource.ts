/**
 * The Credential resource a program declares: a Kernel credential (login values for one domain)
 * that an AuthConnection uses by name.
 */
import * as pulumi from "@pulumi/pulumi";
import { dynamicResourceType, isInstanceOf, registration } from "../dynamic/resource";
import { SECRET_OUTPUTS } from "./types";

const TYPE = dynamicResourceType({
  name: "Credential",
  providerExport: "credential",
  outputs: [
    "name",
    "domain",
    "values",
    "valueKeys",
    "ssoProvider",
    "totpSecret",
    "totpAlgorithm",
    "totpDigits",
    "totpPeriod",
    "hasTotpSecret",
    "project",
    "adopt",
  ],
  secretOutputs: SECRET_OUTPUTS,
});

/** The arguments of a {@link Credential}. */
export interface CredentialArgs {
  /**
   * Name of the credential, unique in its project. An AuthConnection refers to it as
   * `credential: { name: cred.name }`. Changing it renames the credential in place.
   */
  name: pulumi.Input<string>;
  /**
   * Bare host name the credential is for, such as `netflix.com`. Changing it replaces the
   * credential, **deleting the old one first** unless `name` changes too (names are unique):
   * until the new one exists, connections that log in with it cannot log in again.
   */
  domain: pulumi.Input<string>;
  /**
   * Field name to value, such as `{ username, password }`. Always stored as a secret. A changed
   * value is sent alone (a rotation is one PATCH with that key); a removed key is removed.
   * The API never returns values: drift of a value's content cannot be detected, drift of the
   * set of keys is.
   */
  values: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * SSO provider to click first on the login page, such as `google`. Removing it clears it.
   */
  ssoProvider?: pulumi.Input<string>;
  /**
   * Base32 TOTP secret for automatic 2FA (spaces and case are ignored). Always stored as a
   * secret. Removing it clears it.
   */
  totpSecret?: pulumi.Input<string>;
  /**
   * HMAC algorithm of the TOTP codes: `SHA1`, `SHA256` or `SHA512`. Needs `totpSecret`. Left
   * unset, the server's value (SHA1) is kept and shown as an output.
   */
  totpAlgorithm?: pulumi.Input<"SHA1" | "SHA256" | "SHA512">;
  /** Digits of a TOTP code (6 or 8 as a rule). Needs `totpSecret`. Unset: the server's (6). */
  totpDigits?: pulumi.Input<number>;
  /** Seconds a TOTP code lasts. Needs `totpSecret`. Unset: the server's (30). */
  totpPeriod?: pulumi.Input<number>;
  /**
   * Kernel project (id or exact name) to create the credential in; defaults to config
   * `kernel:project`, else the org's default project. Changing it replaces (the new one is
   * created first: in another project the name cannot collide).
   */
  project?: pulumi.Input<string>;
  /**
   * When a credential of this name already exists in the project, take it over instead of
   * failing: every value is then sent once, and keys the program lacks are removed. Never sent
   * to the API; changing it later is no change. Do not adopt a credential another stack manages.
   */
  adopt?: pulumi.Input<boolean>;
}

/** What {@link Credential.get} may be told of the credential it reads; all optional. */
export interface CredentialState {
  /** Name of the credential, as far as known. */
  name?: pulumi.Input<string>;
  /** Host name the credential is for, as far as known. */
  domain?: pulumi.Input<string>;
  /** The values as last applied (the API never returns them): later plans compare with them. */
  values?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** SSO provider, as far as known. */
  ssoProvider?: pulumi.Input<string>;
  /** The TOTP secret as last applied (the API never returns it). */
  totpSecret?: pulumi.Input<string>;
  /** The project the credential lives in; the organisation's default when not given. */
  project?: pulumi.Input<string>;
  /** Whether the credential was taken over with `adopt: true`. */
  adopt?: pulumi.Input<boolean>;
}

/**
 * A Kernel credential: login values for one domain, used by managed auth connections.
 *
 * @example
 * ```ts
 * import * as pulumi from "@pulumi/pulumi";
 * import * as kernel from "pulumi-kernel";
 *
 * const cfg = new pulumi.Config();
 * const creds = new kernel.Credential("netflix", {
 *   name: "netflix-creds",
 *   domain: "netflix.com",
 *   values: { username: cfg.require("user"), password: cfg.requireSecret("password") },
 * });
 * new kernel.AuthConnection("netflix", {
 *   profileName: "team-netflix",
 *   domain: "netflix.com",
 *   credential: { name: creds.name },
 * });
 * ```
 */
export class Credential extends pulumi.CustomResource {
  /** Whether `obj` is a Credential, even one made by another copy of this package. */
  static override isInstance(obj: unknown): obj is Credential {
    return isInstanceOf(TYPE, obj);
  }

  /**
   * Reads an existing credential by id (as a refresh does). Values cannot be read back: pass
   * them in `state` if later plans should compare against them.
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: CredentialState,
    opts?: pulumi.CustomResourceOptions,
  ): Credential {
    return new Credential(name, (state ?? {}) as CredentialArgs, { ...opts, id });
  }

  /** Name of the credential in its project. */
  declare readonly name: pulumi.Output<string>;
  /** Host name, lower case, in ASCII (punycode) form. */
  declare readonly domain: pulumi.Output<string>;
  /** The values as applied last (secret); the API never returns them. */
  declare readonly values: pulumi.Output<Record<string, string> | undefined>;
  /** The names of the stored values, sorted, as the API reports them. */
  declare readonly valueKeys: pulumi.Output<string[]>;
  /** SSO provider, when one is set. */
  declare readonly ssoProvider: pulumi.Output<string | undefined>;
  /** The TOTP secret as applied last (secret). */
  declare readonly totpSecret: pulumi.Output<string | undefined>;
  /** HMAC algorithm of the codes, as the API reports it while a TOTP secret is set. */
  declare readonly totpAlgorithm: pulumi.Output<string | undefined>;
  /** Digits of a code, as the API reports it while a TOTP secret is set. */
  declare readonly totpDigits: pulumi.Output<number | undefined>;
  /** Seconds a code lasts, as the API reports it while a TOTP secret is set. */
  declare readonly totpPeriod: pulumi.Output<number | undefined>;
  /** Whether the credential has a TOTP secret, as the API reports it. */
  declare readonly hasTotpSecret: pulumi.Output<boolean>;
  /** The project the credential lives in, when one was named. */
  declare readonly project: pulumi.Output<string | undefined>;
  /** Whether the credential was taken over with `adopt: true`. */
  declare readonly adopt: pulumi.Output<boolean | undefined>;

  /**
   * Declares a credential: created by the next `pulumi up`, kept as declared after that.
   *
   * @param name The unique name of the resource in the stack.
   * @param args The credential's settings.
   * @param opts Pulumi's resource options (`dependsOn`, `protect`, `parent`, ...).
   */
  constructor(name: string, args: CredentialArgs, opts?: pulumi.CustomResourceOptions) {
    super(...registration(TYPE, name, args, opts));
  }
}
