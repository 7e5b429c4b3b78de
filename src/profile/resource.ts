/**
 * The Profile resource a program declares: a Kernel browser profile, the saved browser state
 * (cookies, logins) that sessions and auth connections load.
 */
import * as pulumi from "@pulumi/pulumi";
import { dynamicResourceType, isInstanceOf, registration } from "../dynamic/resource";

const PROFILE_TYPE = dynamicResourceType({
  name: "Profile",
  providerExport: "profile",
  outputs: ["name", "createdAt", "lastUsedAt", "project", "adopt"],
});

/** The arguments of a {@link Profile}. */
export interface ProfileArgs {
  /**
   * The profile's name, unique in its project. Changing it renames the profile in place (a
   * browser session using the profile by name at that moment may fail to save).
   */
  name: pulumi.Input<string>;
  /**
   * The Kernel project (id or exact name) to create the profile in; else config
   * `kernel:project`, else env `KERNEL_PROJECT`, else the org's default project. Changing it
   * replaces the profile.
   */
  project?: pulumi.Input<string>;
  /**
   * When a profile of this name already exists in the project, take it over instead of failing.
   * Never adopt a profile that another resource or stack manages. Never sent to the API;
   * changing it later is no change.
   */
  adopt?: pulumi.Input<boolean>;
}

/** The outputs a Profile's state holds, for `Profile.get`. */
export interface ProfileState {
  /** The profile's name, as recorded. */
  name?: pulumi.Input<string>;
  /** The project the profile lives in; requests for it carry this project. */
  project?: pulumi.Input<string>;
  /** Whether the profile was adopted. */
  adopt?: pulumi.Input<boolean>;
}

/**
 * A Kernel browser profile. Creating an AuthConnection creates a missing profile by itself, so
 * this resource is optional; declare it to own the profile's name and lifetime. Deleting a
 * profile that a connection still uses fails with the API's own answer.
 *
 * @example
 * ```ts
 * import * as kernel from "pulumi-kernel";
 *
 * const profile = new kernel.Profile("team-netflix", { name: "team-netflix" });
 *
 * new kernel.AuthConnection("netflix", {
 *   profileName: profile.name,
 *   domain: "netflix.com",
 * });
 * ```
 */
export class Profile extends pulumi.CustomResource {
  /** The profile's name as the API holds it. */
  declare readonly name: pulumi.Output<string>;
  /** When the profile was created (RFC 3339). */
  declare readonly createdAt: pulumi.Output<string | undefined>;
  /** When a browser session last used the profile (RFC 3339); never a difference. */
  declare readonly lastUsedAt: pulumi.Output<string | undefined>;
  /** The project the profile lives in, when one was given. */
  declare readonly project: pulumi.Output<string | undefined>;
  /** Whether the program asked to take over an existing profile. */
  declare readonly adopt: pulumi.Output<boolean | undefined>;

  /**
   * Reads an existing profile by id (a refresh of that id). `pulumi import` cannot work for
   * dynamic resources; this can.
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: ProfileState,
    opts?: pulumi.CustomResourceOptions,
  ): Profile {
    return new Profile(name, (state ?? {}) as ProfileArgs, { ...opts, id });
  }

  /** Whether `obj` is a Profile of this package (works across copies of the package). */
  static override isInstance(obj: unknown): obj is Profile {
    return isInstanceOf(PROFILE_TYPE, obj);
  }

  /**
   * Declares a profile: created by the next `pulumi up`, kept as declared after that.
   *
   * @param name The unique name of the resource in the stack.
   * @param args The profile's settings.
   * @param opts Pulumi's resource options (`dependsOn`, `protect`, `parent`, ...).
   */
  constructor(name: string, args: ProfileArgs, opts?: pulumi.CustomResourceOptions) {
    super(...registration(PROFILE_TYPE, name, args, opts));
  }
}
