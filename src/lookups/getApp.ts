/**
 * `getApp`: one version of a deployed app. The API lists app versions (`GET /apps`, filtered by
 * `app_name` and `version`) and has no path for one, so a lookup by name lists that name's
 * versions and keeps the exact match; by id, it pages the list for that id. Its `deploymentId`
 * is what wires an app into a stack (see `getDeployment`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { AmbiguousLookupError, LookupArgumentError } from "./errors";
import {
  defined,
  describeKey,
  idOrName,
  keysOf,
  lookupOutput,
  notFound,
  optionalText,
  runLookup,
  whereText,
} from "./core";
import type { LookupInputs, LookupSpec, ProjectArgs } from "./spec";

export interface GetAppArgs extends ProjectArgs {
  /** The app version's id. Give `id`, or `name` (with `version` when it has several). */
  id?: string;
  /** The app's exact name. Give `id` or `name`. */
  name?: string;
  /**
   * The exact version label, with `name`. Without it the app must have exactly one version;
   * the lookup fails, naming the versions, when it has several.
   */
  version?: string;
}

export interface GetAppResult {
  /** The app version's id. */
  id: string;
  /** The app's name. */
  name: string;
  /** The version label. */
  version: string;
  /** The deployment that runs this version: pass it to `getDeployment`. */
  deploymentId: string;
  /** Where it runs (`aws.us-east-1a`). */
  region?: string;
  /** The names of the actions the version offers. */
  actions: string[];
  /** The names of its environment variables, sorted; values are never returned. */
  envVarKeys: string[];
  /** The project the lookup asked (id or name); absent for the org's default project. */
  project?: string;
}

const appResponseSchema = z.looseObject({
  id: z.string(),
  app_name: z.string(),
  version: z.string(),
  deployment: z.string(),
  region: z.string().nullish(),
  actions: z.array(z.looseObject({ name: z.string() })).nullish(),
  env_vars: z.record(z.string(), z.unknown()).nullish(),
});

type AppResponse = z.infer<typeof appResponseSchema>;

const parseApp = (json: unknown): AppResponse => appResponseSchema.parse(json);

export const appLookup: LookupSpec<GetAppArgs, GetAppResult> = {
  fn: "getApp",
  scope: "project",
  async find(args, ctx) {
    const key = idOrName(ctx.fn, args);
    const version = optionalText(ctx.fn, "version", args.version);
    let app: AppResponse | undefined;
    if (key.by === "id") {
      if (version !== undefined) {
        throw new LookupArgumentError(`${ctx.fn}: \`version\` goes with \`name\`, not \`id\``);
      }
      app = await ctx.op.find("/apps", {}, parseApp, (a) => a.id === key.value);
      if (!app) throw notFound(ctx, "app version", describeKey(key));
    } else {
      // The API's filters may ignore letter case; the lookup wants the exact name and version.
      const versions = (
        await ctx.op.list("/apps", { app_name: key.value, version }, parseApp)
      ).filter((a) => a.app_name === key.value && (version === undefined || a.version === version));
      if (versions.length === 0) {
        const asked = version === undefined ? "" : ` and version ${JSON.stringify(version)}`;
        throw notFound(ctx, "app", `${describeKey(key)}${asked}`);
      }
      if (versions.length > 1) {
        const labels = versions.map((a) => a.version);
        throw new AmbiguousLookupError(
          `${ctx.fn}: app ${JSON.stringify(key.value)}${whereText(ctx)} has ` +
            `${versions.length} versions (${labels.join(", ")}); give \`version\``,
          labels,
        );
      }
      app = versions[0];
    }
    return defined({
      id: app.id,
      name: app.app_name,
      version: app.version,
      deploymentId: app.deployment,
      region: app.region,
      actions: (app.actions ?? []).map((a) => a.name),
      envVarKeys: keysOf(app.env_vars),
      project: ctx.project,
    });
  },
};

/**
 * Looks up one version of an app: by exact name (and version label, when the app has several),
 * or by the version's id.
 *
 * @example
 * ```ts
 * import * as kernel from "pulumi-kernel";
 *
 * const scraper = await kernel.getApp({ name: "scraper", version: "1.4.0" });
 * const deployment = await kernel.getDeployment({ id: scraper.deploymentId });
 * export const scraperDeployment = deployment.id;
 * export const scraperRunning = deployment.status === "running";
 * ```
 */
export function getApp(args: GetAppArgs): Promise<GetAppResult> {
  return runLookup(appLookup, args);
}

/**
 * {@link getApp} with arguments that may be outputs of other resources.
 *
 * @example
 * ```ts
 * const config = new pulumi.Config();
 * const app = kernel.getAppOutput({ name: "scraper", version: config.require("scraperVersion") });
 * // The app's deployment, wired into the stack: an output other resources can take.
 * const deployment = kernel.getDeploymentOutput({ id: app.deploymentId });
 * export const deploymentId = deployment.id;
 * export const deploymentStatus = deployment.status;
 * ```
 */
export function getAppOutput(
  args: pulumi.Input<LookupInputs<GetAppArgs>>,
): pulumi.Output<GetAppResult> {
  return lookupOutput(getApp, args);
}
