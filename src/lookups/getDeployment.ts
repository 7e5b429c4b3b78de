/** `getDeployment`: a deployment by id (`GET /deployments/{id}`); its logs are not read. */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { defined, getByIdOrName, keysOf, lookupOutput, requiredText, runLookup } from "./core";
import type { LookupInputs, LookupSpec, ProjectArgs } from "./spec";

export interface GetDeploymentArgs extends ProjectArgs {
  /** The deployment's id: an app's `deploymentId` (see `getApp`). */
  id: string;
}

export interface GetDeploymentResult {
  /** The deployment's id. */
  id: string;
  /**
   * `queued`, `in_progress`, `running`, `failed` or `stopped` (a string: a status the API
   * adds later is passed through).
   */
  status: string;
  /** Why it has that status, when the API says. */
  statusReason?: string;
  /** Where it runs (`aws.us-east-1a`). */
  region?: string;
  /** The app's entrypoint, relative to the source root. */
  entrypointRelPath?: string;
  /** The names of its environment variables, sorted; values are never returned. */
  envVarKeys: string[];
  /** `file` (an uploaded archive) or `github`. */
  sourceType?: string;
  /** The repository fetched, for a GitHub source. */
  sourceUrl?: string;
  /** The git ref asked for, for a GitHub source. */
  sourceRef?: string;
  /** The subdirectory deployed, for a GitHub source. */
  sourcePath?: string;
  /** SHA-256 (hex) of the source archive. */
  sourceChecksum?: string;
  /** When it was created (RFC 3339). */
  createdAt?: string;
  /** When it last changed (RFC 3339). */
  updatedAt?: string;
  /** The project the lookup asked (id or name); absent for the org's default project. */
  project?: string;
}

const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

const deploymentResponseSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  status_reason: optional(z.string()),
  region: optional(z.string()),
  entrypoint_rel_path: optional(z.string()),
  env_vars: optional(z.record(z.string(), z.unknown())),
  source_type: optional(z.string()),
  source_url: optional(z.string()),
  source_ref: optional(z.string()),
  source_path: optional(z.string()),
  source_checksum: optional(z.string()),
  created_at: optional(z.string()),
  updated_at: optional(z.string()),
});

export const deploymentLookup: LookupSpec<GetDeploymentArgs, GetDeploymentResult> = {
  fn: "getDeployment",
  scope: "project",
  async find(args, ctx) {
    const id = requiredText(ctx.fn, "id", args.id);
    const deployment = await getByIdOrName(ctx, {
      what: "deployment",
      collection: "/deployments",
      key: { by: "id", value: id },
      parse: (json) => deploymentResponseSchema.parse(json),
    });
    return defined({
      id: deployment.id,
      status: deployment.status,
      statusReason: deployment.status_reason,
      region: deployment.region,
      entrypointRelPath: deployment.entrypoint_rel_path,
      envVarKeys: keysOf(deployment.env_vars),
      sourceType: deployment.source_type,
      sourceUrl: deployment.source_url,
      sourceRef: deployment.source_ref,
      sourcePath: deployment.source_path,
      sourceChecksum: deployment.source_checksum,
      createdAt: deployment.created_at,
      updatedAt: deployment.updated_at,
      project: ctx.project,
    });
  },
};

/**
 * Looks up a deployment by id.
 *
 * @example
 * ```ts
 * import * as kernel from "pulumi-kernel";
 *
 * // An app's deployment wired into the stack: the app's version picks the deployment.
 * const app = kernel.getAppOutput({ name: "scraper", version: "1.4.0" });
 * const deployment = kernel.getDeploymentOutput({ id: app.deploymentId });
 * export const scraperDeploymentId = deployment.id;
 * export const scraperStatus = deployment.status;
 * ```
 */
export function getDeployment(args: GetDeploymentArgs): Promise<GetDeploymentResult> {
  return runLookup(deploymentLookup, args);
}

/** {@link getDeployment} with arguments that may be outputs (an app's `deploymentId`). */
export function getDeploymentOutput(
  args: pulumi.Input<LookupInputs<GetDeploymentArgs>>,
): pulumi.Output<GetDeploymentResult> {
  return lookupOutput(getDeployment, args);
}
