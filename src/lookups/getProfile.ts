/** `getProfile`: a browser profile by id or exact name (`GET /profiles/{id_or_name}`). */
import type * as pulumi from "@pulumi/pulumi";
import { parseProfile } from "../profile/api";
import { defined, getByIdOrName, idOrName, lookupOutput, runLookup } from "./core";
import type { LookupInputs, LookupSpec, ProjectArgs } from "./spec";

export interface GetProfileArgs extends ProjectArgs {
  /** The profile's id. Give `id` or `name`. */
  id?: string;
  /** The profile's exact name (unique in its project). Give `id` or `name`. */
  name?: string;
}

export interface GetProfileResult {
  /** The profile's id. */
  id: string;
  /** Its name; absent for a profile without one. */
  name?: string;
  /** When it was created (RFC 3339). */
  createdAt?: string;
  /** When it was last changed (RFC 3339). */
  updatedAt?: string;
  /** When a browser last used it (RFC 3339); absent when never. */
  lastUsedAt?: string;
  /** The project the lookup asked (id or name); absent for the org's default project. */
  project?: string;
}

export const profileLookup: LookupSpec<GetProfileArgs, GetProfileResult> = {
  fn: "getProfile",
  scope: "project",
  async find(args, ctx) {
    const key = idOrName(ctx.fn, args);
    const profile = await getByIdOrName(ctx, {
      what: "profile",
      collection: "/profiles",
      key,
      parse: parseProfile,
    });
    return defined({
      id: profile.id,
      name: profile.name,
      createdAt: profile.created_at,
      updatedAt: profile.updated_at,
      lastUsedAt: profile.last_used_at,
      project: ctx.project,
    });
  },
};

/**
 * Looks up a browser profile by id or exact name.
 *
 * @example
 * ```ts
 * import * as kernel from "pulumi-kernel";
 *
 * const shared = await kernel.getProfile({ name: "team-shared" });
 * new kernel.AuthConnection("netflix", {
 *   profileName: shared.name!,
 *   domain: "netflix.com",
 * });
 * ```
 */
export function getProfile(args: GetProfileArgs): Promise<GetProfileResult> {
  return runLookup(profileLookup, args);
}

/**
 * {@link getProfile} with arguments that may be outputs of other resources.
 *
 * @example
 * ```ts
 * const profile = kernel.getProfileOutput({ name: config.require("profile") });
 * export const profileId = profile.id;
 * ```
 */
export function getProfileOutput(
  args: pulumi.Input<LookupInputs<GetProfileArgs>>,
): pulumi.Output<GetProfileResult> {
  return lookupOutput(getProfile, args);
}
