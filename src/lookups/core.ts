/**
 * The one lookup core: Pulumi's `get` functions (Terraform's data sources) for Kernel objects.
 * A lookup reads its settings as the provider does (`resolveSettings`: `kernel:apiKey`,
 * `kernel:baseUrl`, `kernel:project` and the rest from the stack's config, then the
 * environment), picks the project as a create would (the call's `project`, else
 * `kernel:project`, else `KERNEL_PROJECT`, else `KERNEL_PROJECT_ID`, else the org's default
 * project), and asks through the shared client, so retries, budgets and redaction are the
 * provider's. Each object's file says only what differs: its path, its wire shape, its fields.
 *
 * The key never reaches a result (results are built field by field from known wire fields)
 * nor an error (every message leaving a lookup is redacted with the key, as the client's are).
 */
import * as pulumi from "@pulumi/pulumi";
import { createProject, createsByProjectId } from "../dynamic/project";
import { type KernelClientOptions, resourcePath, sharedClient } from "../kernel/client";
import { type ConfigSource, resolveSettings } from "../kernel/config";
import { isGone } from "../kernel/errors";
import { redactError } from "../kernel/redact";
import { LookupArgumentError, LookupNotFoundError } from "./errors";
import type { LookupContext, LookupInputs, LookupSpec, ProjectArgs } from "./spec";

/** What a lookup reads besides its arguments: the stack's config and env unless given. */
export interface LookupDeps {
  config?: ConfigSource;
  env?: NodeJS.ProcessEnv;
  /** Client overrides (a dispatcher, a clock): tests. */
  client?: Partial<Omit<KernelClientOptions, "baseUrl" | "apiKey">>;
}

/** Runs one lookup: settings, project, operation, then the object's step; errors redacted. */
export async function runLookup<Args extends object, Result>(
  spec: LookupSpec<Args, Result>,
  args: Args | undefined,
  deps: LookupDeps = {},
): Promise<Result> {
  const settings = resolveSettings(deps.config ?? stackConfig(), deps.env ?? process.env);
  try {
    const given = argsObject(spec.fn, args) as Args & ProjectArgs;
    const configuredProject = createProject(undefined, settings);
    let project: string | undefined;
    let projectById = false;
    if (spec.scope === "project") {
      const asked = optionalText(spec.fn, "project", given.project);
      project = createProject(asked, settings);
      projectById = createsByProjectId(asked, settings);
    } else if (given.project !== undefined) {
      throw new LookupArgumentError(
        `${spec.fn}: the object is org-wide, so it takes no \`project\` argument`,
      );
    }
    const op = sharedClient(settings, deps.client).operation(
      project === undefined ? {} : { project, projectById },
    );
    return await spec.find(given, { op, fn: spec.fn, project, configuredProject });
  } catch (err) {
    throw redacted(err, settings.apiKey);
  }
}

/** The `...Output` form: arguments may be inputs; the answer is an output. */
export function lookupOutput<Args extends object, Result>(
  lookup: (args: Args) => Promise<Result>,
  args: pulumi.Input<LookupInputs<Args>> | undefined,
): pulumi.Output<Result> {
  return pulumi
    .output(args ?? {})
    .apply((resolved) => lookup(resolved as Args)) as unknown as pulumi.Output<Result>;
}

/** What was asked for: an id, a name, or a value that may be either (a configured project). */
export type LookupKey = { by: "id" | "name" | "id or name"; value: string };

/** Exactly one of `id` and `name`, each a non-empty string. */
export function idOrName(fn: string, args: { id?: unknown; name?: unknown }): LookupKey {
  const id = optionalText(fn, "id", args.id);
  const name = optionalText(fn, "name", args.name);
  if (id !== undefined && name !== undefined) {
    throw new LookupArgumentError(`${fn}: give \`id\` or \`name\`, not both`);
  }
  if (id !== undefined) return { by: "id", value: id };
  if (name !== undefined) return { by: "name", value: name };
  throw new LookupArgumentError(`${fn}: give \`id\` or \`name\``);
}

/** A string argument that must be given and not be empty. */
export function requiredText(fn: string, field: string, value: unknown): string {
  const text = optionalText(fn, field, value);
  if (text === undefined) throw new LookupArgumentError(`${fn}: \`${field}\` is required`);
  return text;
}

/** A string argument that may be absent (undefined or null), never empty. */
export function optionalText(fn: string, field: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value.trim() === "") {
    throw new LookupArgumentError(
      `${fn}: \`${field}\` must be a non-empty string, got ${
        typeof value === "string" ? "an empty string" : typeof value
      }`,
    );
  }
  return value;
}

/** `id "x"` / `name "x"`, for messages. */
export function describeKey(key: LookupKey): string {
  return `${key.by} ${JSON.stringify(key.value)}`;
}

/** ` in project "x"`, ` in the default project`, or nothing (org-wide), for messages. */
export function whereText(ctx: LookupContext, scope: "project" | "org" = "project"): string {
  if (scope === "org") return "";
  return ctx.project === undefined
    ? " in the default project"
    : ` in project ${JSON.stringify(ctx.project)}`;
}

/** The error for "nothing answers to this": names the function, the object, the key, where. */
export function notFound(
  ctx: LookupContext,
  what: string,
  asked: string,
  scope: "project" | "org" = "project",
  why = "",
): LookupNotFoundError {
  return new LookupNotFoundError(
    `${ctx.fn}: no ${what} with ${asked}${whereText(ctx, scope)}${why}`,
  );
}

/**
 * `GET <collection>/<id or name><suffix>`: the API addresses these objects by id or exact
 * name, an id winning when a value is both. A 404 `not_found` is a LookupNotFoundError; an
 * answer whose id (asked by id) or name (asked by name) is not the one asked is one too, since
 * the value addressed another object.
 */
export async function getByIdOrName<W extends { id: string; name?: string | null }>(
  ctx: LookupContext,
  options: {
    what: string;
    collection: string;
    suffix?: string;
    key: LookupKey;
    parse: (json: unknown) => W;
    scope?: "project" | "org";
  },
): Promise<W> {
  const { what, key, scope } = options;
  const path = resourcePath(options.collection, key.value) + (options.suffix ?? "");
  let found: W;
  try {
    found = await ctx.op.request("GET", path, { parse: options.parse });
  } catch (err) {
    if (isGone(err)) throw notFound(ctx, what, describeKey(key), scope, " (404 not_found)");
    throw err;
  }
  const answered =
    (key.by !== "name" && found.id === key.value) || (key.by !== "id" && found.name === key.value);
  if (!answered) {
    throw notFound(
      ctx,
      what,
      describeKey(key),
      scope,
      ` (the value addresses ${what} ${found.id}, named ${JSON.stringify(found.name ?? null)})`,
    );
  }
  return found;
}

/** The object without its undefined and null fields: results carry no empty keys. */
export function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== null),
  ) as { [K in keyof T]: Exclude<T[K], null> };
}

/** The names of a wire map, sorted (env vars: their values are never kept). */
export function keysOf(map: Record<string, unknown> | null | undefined): string[] {
  return Object.keys(map ?? {}).sort();
}

/**
 * The stack's `kernel:*` config as the provider's ConfigSource: values through
 * `new pulumi.Config("kernel")`, and the key list, so an unknown `kernel:*` key is refused
 * here as it is at configure.
 */
export function stackConfig(): ConfigSource & { rawConfig: Record<string, string> } {
  const config = new pulumi.Config("kernel");
  const rawConfig = Object.fromEntries(
    Object.entries(pulumi.runtime.allConfig()).filter(([key]) => key.startsWith("kernel:")),
  );
  return {
    rawConfig,
    get: (key) => (key.startsWith("kernel:") ? config.get(key.slice("kernel:".length)) : undefined),
  };
}

function argsObject(fn: string, args: unknown): object {
  if (args === undefined || args === null) return {};
  if (typeof args !== "object" || Array.isArray(args)) {
    throw new LookupArgumentError(`${fn}: the arguments must be an object`);
  }
  return args;
}

/** The error with the key removed from its message and stack (the client's are already). */
function redacted(err: unknown, apiKey: string | undefined): unknown {
  return apiKey === undefined ? err : redactError(err, apiKey);
}
