/** `getProject`: a project of the org by id or exact name (`GET /org/projects/{id_or_name}`). */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { LookupArgumentError } from "./errors";
import { type LookupKey, defined, getByIdOrName, idOrName, lookupOutput, runLookup } from "./core";
import type { LookupInputs, LookupSpec } from "./spec";

export interface GetProjectArgs {
  /** The project's id. Give `id` or `name`, or neither for the configured project. */
  id?: string;
  /**
   * The project's exact name (unique in the org). With neither `id` nor `name`, the lookup
   * reads the configured project: `kernel:project`, else `KERNEL_PROJECT`, else
   * `KERNEL_PROJECT_ID`.
   */
  name?: string;
}

export interface GetProjectResult {
  /** The project's id. */
  id: string;
  /** Its name. */
  name: string;
  /** `active` or `archived` (a string: a status the API adds later is passed through). */
  status: string;
  /** When it was created (RFC 3339). */
  createdAt?: string;
  /** When it was last changed (RFC 3339). */
  updatedAt?: string;
}

const projectResponseSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});

export const projectLookup: LookupSpec<GetProjectArgs, GetProjectResult> = {
  fn: "getProject",
  scope: "org",
  async find(args, ctx) {
    let key: LookupKey;
    if ((args.id ?? undefined) === undefined && (args.name ?? undefined) === undefined) {
      if (ctx.configuredProject === undefined) {
        throw new LookupArgumentError(
          `${ctx.fn}: give \`id\` or \`name\`; no project is configured (kernel:project, ` +
            `KERNEL_PROJECT or KERNEL_PROJECT_ID) to look up instead`,
        );
      }
      key = { by: "id or name", value: ctx.configuredProject };
    } else {
      key = idOrName(ctx.fn, args);
    }
    const project = await getByIdOrName(ctx, {
      what: "project",
      collection: "/org/projects",
      key,
      parse: (json) => projectResponseSchema.parse(json),
      scope: "org",
    });
    return defined({
      id: project.id,
      name: project.name,
      status: project.status,
      createdAt: project.created_at,
      updatedAt: project.updated_at,
    });
  },
};

/**
 * Looks up a project of the org by id or exact name; with neither, the configured project.
 *
 * @example
 * ```ts
 * import * as kernel from "pulumi-kernel";
 *
 * const staging = await kernel.getProject({ name: "staging" });
 * new kernel.Profile("shopper", { name: "shopper", project: staging.id });
 * ```
 */
export function getProject(args: GetProjectArgs = {}): Promise<GetProjectResult> {
  return runLookup(projectLookup, args);
}

/**
 * {@link getProject} with arguments that may be outputs of other resources.
 *
 * @example
 * ```ts
 * const current = kernel.getProjectOutput();
 * export const projectStatus = current.status;
 * ```
 */
export function getProjectOutput(
  args?: pulumi.Input<LookupInputs<GetProjectArgs>>,
): pulumi.Output<GetProjectResult> {
  return lookupOutput(getProject, args);
}
