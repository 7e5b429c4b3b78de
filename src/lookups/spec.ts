/**
 * The lookup contract: what an object's lookup is given and what it answers. Types only, and
 * none of the client's: the public declarations of the lookups reach this file, and a user's
 * program must not need the client's dependencies' types to compile.
 */
import type * as pulumi from "@pulumi/pulumi";

type Query = Record<string, string | number | undefined>;

/** What a lookup asks the API through: the reads of the client's operation. */
export interface LookupOperation {
  request<T>(
    method: "GET",
    path: string,
    options: { query?: Query; parse: (json: unknown) => T },
  ): Promise<T>;
  /** The first item of a paged list for which `match` holds. */
  find<T>(
    path: string,
    query: Query,
    parseItem: (json: unknown) => T,
    match: (item: T) => boolean,
  ): Promise<T | undefined>;
  /** Every item of a paged list. */
  list<T>(path: string, query: Query, parseItem: (json: unknown) => T): Promise<T[]>;
}

/** What an object's lookup step gets. */
export interface LookupContext {
  /** The operation, with the project header when the object is project-scoped. */
  readonly op: LookupOperation;
  /** The function's name, for messages: `getProfile`. */
  readonly fn: string;
  /** The project asked (a project-scoped lookup); undefined for the default project. */
  readonly project?: string;
  /**
   * The project the settings name (`kernel:project`, else `KERNEL_PROJECT`, else
   * `KERNEL_PROJECT_ID`): what `getProject()` without arguments looks up.
   */
  readonly configuredProject?: string;
}

/** One object's lookup: its name, its scope, and the step that asks and answers. */
export interface LookupSpec<Args, Result> {
  readonly fn: string;
  /** Project-scoped objects take a `project` argument and send the project header. */
  readonly scope: "project" | "org";
  find(args: Args, ctx: LookupContext): Promise<Result>;
}

/** The argument every project-scoped lookup takes. */
export interface ProjectArgs {
  /**
   * The project to look in (id or exact name). Defaults to `kernel:project`, else the
   * `KERNEL_PROJECT` or `KERNEL_PROJECT_ID` environment variable, else the org's default project.
   */
  project?: string;
}

/** Each argument of a lookup as a Pulumi input: what the `...Output` forms take. */
export type LookupInputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };
