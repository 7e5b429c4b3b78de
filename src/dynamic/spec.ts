/**
 * The contract a resource author implements: one `ResourceSpec` per resource (`src/<x>/spec.ts`)
 * holds everything that differs between resources, and `makeProvider` (./provider) runs it.
 * Every member is pure except `uniqueKey.find`/`matchesPost`, `afterCreate` and
 * `explainFailure`, which get one `KernelOperation` (one budget, one project header).
 *
 * The core owns, so no spec handles them:
 * - `__provider` and the project pin `__project` (./engineKeys, ./project);
 * - `project` (project-scoped resources): validated, recorded in the outputs, sent as the
 *   `X-Kernel-Project` header, a change planned as a move (./plan);
 * - `adopt` (resources with a `uniqueKey`): validated, `false` dropped, never sent, recorded in
 *   the outputs and the live inputs, never a change (./owned).
 * A spec's schema, bodies and outputs therefore never name `project` or `adopt`: the core
 * takes both out of the inputs it hands to a spec function (`plan` alone sees them, and
 * ignores them).
 */
import type { KernelOperation } from "../kernel/client";
import type { CheckResult } from "./checks";

/** What diff reports and update carries out: one pure plan per resource (docs/behaviour.md). */
export interface ChangePlan<Field extends string = string> {
  /** Input names whose change needs a new object. */
  replaces: string[];
  /** The new object would collide with the old one (the same unique key in the same project). */
  deleteBeforeReplace: boolean;
  /** Updatable fields that differ or are not known yet. */
  changed: Field[];
}

/** The inputs the core owns, present in the checked inputs every spec function receives. */
export interface OwnedInputs {
  /** The project (id or exact name) to create in; project-scoped resources only. */
  project?: string;
  /** Take over an object with the same unique key instead of failing; never sent. */
  adopt?: boolean;
}

/** What `toOutputs` knows besides the live object. */
export interface OutputsContext<Inputs, Outputs> {
  /** The checked inputs of the call that produced `live` (create, update, adoption). */
  desired?: Inputs;
  /** The outputs before the call (read, update). */
  olds?: Partial<Outputs>;
  /** The body of the request whose answer `live` is (the POST or PATCH), if one was sent. */
  justSent?: Record<string, unknown>;
}

/** How a create ended up with its object, for `afterCreate`. */
export type CreateOutcome =
  /** Our POST answered with it. */
  | "created"
  /**
   * Our POST's outcome was unknown; the object found matches everything the POST carried and
   * its `created_at` proves it was made after our first POST.
   */
  | "recovered"
  /** Taken over with `adopt: true` and reconciled with the minimal PATCH. */
  | "adopted";

/** The unique key a 409 is about (docs/behaviour.md); absent where names are not unique (Proxy). */
export interface UniqueKey<Inputs, Live> {
  /** For messages: `profile "team-netflix" and domain "netflix.com"`. */
  describe(desired: Inputs): string;
  /** The object holding `desired`'s key, if any (in the operation's project). */
  find(op: KernelOperation, desired: Inputs): Promise<Live | undefined>;
  /**
   * After an unknown POST outcome: does `live` match every field the POST carried? Only then
   * is it ours (a proxy by name: the name must resolve to the live proxy id now).
   */
  matchesPost(op: KernelOperation, live: Live, desired: Inputs): Promise<boolean>;
  /**
   * When the API says the object was made (`created_at`). Only an object made at or after our
   * first POST (less CLOCK_SKEW_MS, ./create) can be the POST's own; absent (AuthConnection
   * has no `created_at`), nothing proves it, and the create fails as a 409.
   */
  createdAt?(live: Live): string | null | undefined;
}

/** What failed, for `explainFailure`: the object's id (none for a create) and the body sent. */
export type WriteAction =
  | { kind: "create"; body: Record<string, unknown> }
  | { kind: "update"; id: string; body: Record<string, unknown> }
  | { kind: "delete"; id: string };

/**
 * Everything that differs between resources. `Inputs` are the checked inputs with no unknown
 * value (create, update); `Outputs` the state the provider keeps; `Live` the parsed answer.
 */
export interface ResourceSpec<Inputs extends object, Outputs extends object, Live> {
  /** `Credential`: the class name, used in messages and in the type token. */
  typeName: string;
  /** `/credentials`. */
  collection: string;
  /** False for org-wide resources (CredentialProvider): no `project`, no header. */
  projectScoped: boolean;
  /** Every input the resource's own schema accepts (without `project` and `adopt`). */
  inputNames: readonly string[];
  /**
   * Validation and normalisation of the resource's own inputs (without `__provider`,
   * `project` and `adopt`, which the core has taken out); never throws.
   */
  check(news: Record<string, unknown>): CheckResult;
  /**
   * Pure, shared by diff, update and the pull-request comment. `news` may hold unknowns (diff
   * during preview), and `project`/`adopt`, which the plan ignores.
   */
  plan(olds: Partial<Outputs>, news: Record<string, unknown>): ChangePlan;
  /** The POST body: the fields the program set, in API form (a typed request is fine). */
  createBody(desired: Inputs): object;
  /** The PATCH body for `plan`: exactly the changed fields; `{}` when nothing is to send. */
  updateBody(plan: ChangePlan, olds: Partial<Outputs>, desired: Inputs): object;
  /** An answer to the resource's type, tolerant of unknown fields; throw when malformed. */
  parse(json: unknown): Live;
  /** The object's id; `live.id` by default. */
  liveId?(live: Live): string;
  /** Outputs for `live`; no `undefined` needed (the core strips it anyway). */
  toOutputs(live: Live, ctx: OutputsContext<Inputs, Outputs>): Outputs;
  /**
   * ReadResult.inputs: the managed inputs as they are live, so drift shows as
   * `live => desired`. By default the outputs' values of `inputNames`.
   */
  toLiveInputs?(outputs: Outputs): object;
  uniqueKey?: UniqueKey<Inputs, Live>;
  /**
   * Without a unique key, a POST whose outcome is unknown cannot be matched to an object
   * afterwards and is never repeated: the error it ends with, saying what to look for. The
   * API's own error is raised as it is when absent.
   */
  unknownOutcome?(desired: Inputs, err: Error): Error;
  /**
   * Extra requests once the object exists (CredentialProvider's PATCH of `enabled`, a
   * Credential's values after recovery). Returns the object as it is after them. A throw
   * becomes a partial failure that records the object.
   */
  afterCreate?(
    op: KernelOperation,
    live: Live,
    desired: Inputs,
    outcome: CreateOutcome,
  ): Promise<Live>;
  /**
   * Requests beyond the object's own PATCH, for fields the API keeps under a sub-path (a
   * project's caps, `/org/projects/{id}/limits`). Called after the PATCH with its answer, or
   * in its place (`live` undefined) when the PATCH has nothing to send; returns the object as
   * it is after them, undefined when nothing was sent at all. A throw after a PATCH that took
   * effect is a partial failure that records the PATCH's outcome.
   */
  afterUpdate?(
    op: KernelOperation,
    id: string,
    live: Live | undefined,
    plan: ChangePlan,
    olds: Partial<Outputs>,
    desired: Inputs,
  ): Promise<Live | undefined>;
  /** A refresh's requests beyond the GET (a project's managed caps): the object with them. */
  afterRead?(op: KernelOperation, live: Live, olds: Partial<Outputs>): Promise<Live>;
  /**
   * The DELETE's body, from the recorded outputs (a browser pool's `{force: true}` with
   * `forceDestroy`); none when absent or undefined.
   */
  deleteBody?(outputs: Partial<Outputs>): Record<string, unknown> | undefined;
  /**
   * After a create, update or delete failed: the error to raise, which may say more from one
   * bounded read (the plan's limits, the connection that holds a proxy). Runs only on failure,
   * so no successful path gains a request; it must not throw (a failed read keeps `err`).
   */
  explainFailure?(
    op: KernelOperation,
    err: unknown,
    action: WriteAction,
    /** An operation without a project header, for org-wide reads (`/org/limits`). */
    orgOperation: () => KernelOperation,
  ): Promise<unknown>;
  /** A 400's guidance naming the input at fault, from the API's message and details. */
  badRequestHint(text: string): string | undefined;
  /** Outputs that are always secret; the class registers them as `additionalSecretOutputs`. */
  secretOutputs: readonly string[];
  /** The outputs after an update that sends nothing (the plan's body is empty); the old ones by default. */
  noopOutputs?(olds: Partial<Outputs>, desired: Inputs): Outputs;
  /**
   * What a planned replacement costs beyond a new id (a connection that must log in again, a
   * credential deleted before its successor exists), said in diff so that a preview shows it.
   * `replaces` holds the core's `project` too.
   */
  replaceWarning?(replaces: readonly string[], deleteBeforeReplace: boolean): string | undefined;
}

/** A spec of any resource, for the tables that list them all. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyResourceSpec = ResourceSpec<any, any, any>;

/** The object's id: the spec's `liveId`, else `live.id`. */
export function liveIdOf<Live>(
  spec: Pick<ResourceSpec<object, object, Live>, "liveId">,
  live: Live,
): string {
  return spec.liveId ? spec.liveId(live) : String((live as { id?: unknown }).id);
}

/** The live inputs of `outputs`: the spec's `toLiveInputs`, else the outputs of `inputNames`. */
export function liveInputsOf<Outputs extends object>(
  spec: Pick<ResourceSpec<object, Outputs, unknown>, "toLiveInputs" | "inputNames">,
  outputs: Outputs,
): Record<string, unknown> {
  if (spec.toLiveInputs) return spec.toLiveInputs(outputs) as Record<string, unknown>;
  const all = outputs as Record<string, unknown>;
  return Object.fromEntries(
    spec.inputNames.filter((name) => all[name] !== undefined).map((name) => [name, all[name]]),
  );
}

/**
 * The unique key of a resource whose name is unique in its scope: found by `find`, ours after
 * a lost POST when `matchesPost` says every field the POST carried matches, and proved made by
 * it through `created_at`.
 */
export function uniqueName<
  Inputs extends { name: string },
  Live extends { created_at?: string | null },
>(
  find: (op: KernelOperation, name: string) => Promise<Live | undefined>,
  matchesPost: (live: Live, desired: Inputs) => boolean,
): UniqueKey<Inputs, Live> {
  return {
    describe: (desired) => `name ${JSON.stringify(desired.name)}`,
    find: (op, desired) => find(op, desired.name),
    matchesPost: async (_op, live, desired) => matchesPost(live, desired),
    createdAt: (live) => live.created_at,
  };
}

/**
 * A `replaceWarning` for an object that must be deleted before its successor exists (its
 * unique key is kept): says what stops working in between (`dependents`).
 */
export function deletedFirstWarning(
  dependents: string,
): NonNullable<ResourceSpec<object, object, unknown>["replaceWarning"]> {
  return (replaces, deletesFirst) =>
    deletesFirst
      ? `replacing it (${replaces.join(", ")} changed) deletes it before its successor is ` +
        `created: ${dependents} in between.`
      : undefined;
}

/**
 * The members every resource takes from its folder under the recipe's names
 * (docs/architecture.md): `checkInputs` and `INPUT_NAMES` of `schema.ts`, `planChanges` of
 * `patch.ts`.
 */
export function checkAndPlan<Outputs extends object>(
  schema: {
    checkInputs(news: Record<string, unknown>): CheckResult;
    INPUT_NAMES: readonly string[];
  },
  patch: { planChanges(olds: Partial<Outputs>, news: Record<string, unknown>): ChangePlan },
): Pick<ResourceSpec<object, Outputs, unknown>, "check" | "inputNames" | "plan"> {
  return { check: schema.checkInputs, inputNames: schema.INPUT_NAMES, plan: patch.planChanges };
}

/**
 * A `find` for `uniqueName`: the first object of `collection` whose name is exactly `name`,
 * from the list narrowed by the API's `name` filter (or its `query` search, where the API has
 * no exact filter).
 */
export function listedByName<Live extends { name?: string | null }>(
  collection: string,
  parse: (json: unknown) => Live,
  filter: "name" | "query" = "name",
): (op: KernelOperation, name: string) => Promise<Live | undefined> {
  return (op, name) => op.find(collection, { [filter]: name }, parse, (live) => live.name === name);
}
