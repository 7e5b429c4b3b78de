/**
 * `getExtension`: a browser extension's metadata by id or exact name
 * (`GET /extensions/{id_or_name}/metadata`, which does not download the archive).
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { defined, getByIdOrName, idOrName, lookupOutput, runLookup } from "./core";
import type { LookupInputs, LookupSpec, ProjectArgs } from "./spec";

export interface GetExtensionArgs extends ProjectArgs {
  /** The extension's id. Give `id` or `name`. */
  id?: string;
  /** The extension's exact name (unique in its project). Give `id` or `name`. */
  name?: string;
}

export interface GetExtensionResult {
  /** The extension's id. */
  id: string;
  /** Its name, if it has one. */
  name?: string;
  /** Size of the uploaded archive in bytes. */
  sizeBytes: number;
  /**
   * SHA-256 (lowercase hex) of the uploaded archive's bytes; absent for old uploads and
   * Chrome Web Store extensions.
   */
  checksum?: string;
  /** When it was uploaded (RFC 3339). */
  createdAt?: string;
  /** When a browser last loaded it (RFC 3339); absent when never. */
  lastUsedAt?: string;
  /** The project the lookup asked (id or name); absent for the org's default project. */
  project?: string;
}

const extensionResponseSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  size_bytes: z.number(),
  checksum: z.string().nullish(),
  created_at: z.string().nullish(),
  last_used_at: z.string().nullish(),
});

export const extensionLookup: LookupSpec<GetExtensionArgs, GetExtensionResult> = {
  fn: "getExtension",
  scope: "project",
  async find(args, ctx) {
    const extension = await getByIdOrName(ctx, {
      what: "extension",
      collection: "/extensions",
      suffix: "/metadata",
      key: idOrName(ctx.fn, args),
      parse: (json) => extensionResponseSchema.parse(json),
    });
    return defined({
      id: extension.id,
      name: extension.name,
      sizeBytes: extension.size_bytes,
      checksum: extension.checksum,
      createdAt: extension.created_at,
      lastUsedAt: extension.last_used_at,
      project: ctx.project,
    });
  },
};

/**
 * Looks up an uploaded browser extension by id or exact name.
 *
 * @example
 * ```ts
 * import * as kernel from "pulumi-kernel";
 *
 * const adblock = await kernel.getExtension({ name: "adblock" });
 * export const adblockChecksum = adblock.checksum;
 * ```
 */
export function getExtension(args: GetExtensionArgs): Promise<GetExtensionResult> {
  return runLookup(extensionLookup, args);
}

/**
 * {@link getExtension} with arguments that may be outputs of other resources.
 *
 * @example
 * ```ts
 * const extension = kernel.getExtensionOutput({ name: "adblock" });
 * export const extensionId = extension.id;
 * ```
 */
export function getExtensionOutput(
  args: pulumi.Input<LookupInputs<GetExtensionArgs>>,
): pulumi.Output<GetExtensionResult> {
  return lookupOutput(getExtension, args);
}
