/**
 * The provider skeleton every resource shares: `makeProvider(spec)` implements configure,
 * check, diff, create, read, update and delete once, and a resource's `spec` holds
 * only what differs between resources. Pure functions in the spec; I/O only through one
 * `KernelOperation` per provider call (one budget, one project header).
 *
 * What the skeleton does, so no resource has to:
 * - configure: keeps Pulumi's config; settings (key, base URL, project) are read at call time.
 * - check: `spec.check` without `__provider`, aligned with the old inputs (./engineDiff), plus the
 *   project pin (./project); never throws.
 * - diff: `spec.plan`; adds the project move (docs/behaviour.md) as a replace of `project`.
 *   Answers so that the engine's own input diff names the planned fields (./engineDiff). No
 *   request, except one GET of the id in the desired project when it is written otherwise than
 *   the recorded one (an id for a name, the default project by name): found there, no move.
 * - create: one POST of `spec.createBody`. On a 409 (docs/behaviour.md): `adopt: true` → find by the unique
 *   key, take over with the minimal PATCH; else fail naming the existing id. On an unknown
 *   outcome: find by the unique key → nothing: POST again; `adopt: true`: take over; every
 *   field the POST carried matches (`uniqueKey.matchesPost`) AND the answer proves the object
 *   was made after our first POST (`uniqueKey.createdAt`, within CLOCK_SKEW_MS): record it;
 *   else fail as a 409.
 * - ownership: an id a create takes over is reserved before any await after its lookup, so
 *   two creates cannot both take one object; a delete of an id a create of this process took
 *   over, with properties other than that create's, is another resource's that had the object
 *   before (a rename, then `adopt: true`), and deletes nothing.
 * - read: one GET; only a 404 `not_found` is "gone"; the answer's id must be the asked id.
 * - update: one PATCH of exactly `spec.updateBody`, none when it is empty.
 * - delete: one DELETE; only a 404 `not_found` counts as already deleted (docs/behaviour.md).
 * - project (docs/behaviour.md): the output `project` records where the object was created; every later call
 *   sends it as `X-Kernel-Project`.
 * - partial failures (docs/behaviour.md) carry `id`, `properties` (with `__provider`) and `reasons`; no error
 *   leaves with the API key in it; outputs never hold `undefined` (protobuf Struct).
 */
import type * as pulumi from "@pulumi/pulumi";
import {
  type KernelClientOptions,
  type KernelOperation,
  assertValidId,
  resourcePath,
  sharedClient,
} from "../kernel/client";
import {
  type ConfigSource,
  type KernelSettings,
  checkConfigKeys,
  configKeys,
  resolveSettings,
} from "../kernel/config";
import {
  ConflictError,
  KernelApiError,
  KernelError,
  isGone,
  isOutcomeUnknown,
} from "../kernel/errors";
import { redact, secretStrings } from "../kernel/redact";
import type { CheckResult } from "./checks";
import {
  PROJECT_PIN_KEY,
  PROVIDER_KEY,
  UNKNOWN,
  containsUnknown,
  withoutEngineKeys,
  withoutUndefined,
} from "./engineKeys";
import { alignWithOldInputs, plannedFieldsShow } from "./engineDiff";
import { AlreadyExistsError } from "./errors";
import { PartialFailureError } from "./partialFailure";
import { PendingReplacements } from "./pendingReplacements";
import { type ChangePlan, planDiff } from "./plan";
import {
  PROJECT_KEY,
  createProject,
  createsByProjectId,
  desiredProject,
  projectPin,
  recordedProject,
  type ProjectSettings,
} from "./project";

/** What diff reports and update carries out: one pure plan per resource (docs/behaviour.md). */
export type { ChangePlan } from "./plan";

/** What `toState` knows besides the live object. */
export interface StateContext<Inputs, State> {
  /** The checked inputs of the call that produced `live` (create, update, adoption). */
  desired?: Inputs;
  /** The state before the call (read, update). */
  olds?: Partial<State>;
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
   * first POST (less CLOCK_SKEW_MS) can be the POST's own; absent (AuthConnection has no
   * `created_at`), nothing proves it, and the create fails as a 409.
   */
  createdAt?(live: Live): string | null | undefined;
}

/**
 * How far the API's clock may run behind this machine's for an object's `created_at` to still
 * prove it was made by our POST. An object made by someone else within this window before our
 * POST, with every field the POST carried, would be taken for ours: two minutes is far longer
 * than NTP-synchronised clocks differ, and far shorter than the usual life of a collision.
 */
export const CLOCK_SKEW_MS = 120_000;

/**
 * Everything that differs between resources. `Inputs` are the checked inputs with no unknown
 * value (create, update); `State` the outputs the provider keeps; `Live` the parsed answer.
 * The skeleton owns the keys `__provider` and `project` of the state (and the input pin
 * `__project`, ./project); `spec.toState` must not produce them, and `spec.plan` must ignore `project` (the skeleton plans the project move).
 */
export interface ResourceSpec<Inputs extends object, State extends object, Live> {
  /** `Credential`: used in messages. */
  typeName: string;
  /** `/credentials`. */
  collection: string;
  /** False for org-wide resources (CredentialProvider): no `project`, no header. */
  projectScoped: boolean;
  /**
   * Validation and normalisation of the inputs (without `__provider`); never throws. A
   * project-scoped resource's schema accepts `project` (./project `projectInputSchema`).
   */
  check(news: Record<string, unknown>): CheckResult;
  /** Pure, shared by diff and update. `news` may hold unknowns (diff during preview). */
  plan(olds: Partial<State>, news: Record<string, unknown>): ChangePlan;
  /** The POST body: the fields the program set, in API form. */
  createBody(desired: Inputs): Record<string, unknown>;
  /** The PATCH body for `plan`: exactly the changed fields; `{}` when nothing is to send. */
  updateBody(plan: ChangePlan, olds: Partial<State>, desired: Inputs): Record<string, unknown>;
  /** An answer to the resource's type, tolerant of unknown fields; throw when malformed. */
  parse(json: unknown): Live;
  liveId(live: Live): string;
  /** Outputs for `live`; no `undefined` needed (the skeleton strips it anyway). */
  toState(live: Live, ctx: StateContext<Inputs, State>): State;
  /** ReadResult.inputs: the managed inputs as they are live, so drift shows as `live => desired`. */
  toLiveInputs(state: State): Record<string, unknown>;
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
  /**
   * The state after an update that sends nothing (the plan's body is empty). By default the
   * old state with `adopt` (the provider's own input, never sent) taken from the inputs.
   */
  noopState?(olds: Partial<State>, desired: Inputs): State;
  /**
   * What a planned replacement costs beyond a new id (a connection that must log in again, a
   * credential deleted before its successor exists), said in diff so that a preview shows it.
   * `replaces` holds the skeleton's `project` too.
   */
  replaceWarning?(replaces: readonly string[], deleteBeforeReplace: boolean): string | undefined;
}

/** What failed, for `explainFailure`: the object's id (none for a create) and the body sent. */
export type WriteAction =
  | { kind: "create"; body: Record<string, unknown> }
  | { kind: "update"; id: string; body: Record<string, unknown> }
  | { kind: "delete"; id: string };

export interface ProviderOptions {
  /** Client settings for tests (a MockAgent dispatcher, a clock); the key is not here. */
  client?: Partial<Omit<KernelClientOptions, "baseUrl" | "apiKey">>;
  /** The environment settings are read from; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
  /** POSTs tried when each outcome is unknown and the lookup finds nothing (default 3). */
  createAttempts?: number;
  /** Where diff's warnings go; the host's stderr by default, which the engine shows. */
  warn?: (line: string) => void;
  /**
   * This machine's clock (ms), compared with an object's `created_at` after an unknown POST
   * outcome; the client's clock (`client.now`), else `Date.now`, by default.
   */
  now?: () => number;
}

/** The object the `__provider` text hands to Pulumi's dynamic-provider host. */
export interface KernelResourceProvider extends pulumi.dynamic.ResourceProvider {
  configure(req: pulumi.dynamic.ConfigureRequest): Promise<void>;
  check(olds: unknown, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult>;
  diff(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.DiffResult>;
  create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult>;
  read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult>;
  update(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.UpdateResult>;
  delete(id: string, props: Record<string, unknown>): Promise<void>;
}

/** Why the stack's `kernel:*` settings are refused (an unknown key), if they are. */
function configKeysProblem(config: ConfigSource | undefined): string | undefined {
  try {
    checkConfigKeys(configKeys(config));
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Builds a resource's provider. Every method is a closure, so each can be exported alone. */
export function makeProvider<Inputs extends object, State extends object, Live>(
  spec: ResourceSpec<Inputs, State, Live>,
  options: ProviderOptions = {},
): KernelResourceProvider {
  let config: ConfigSource | undefined;
  /** A mistyped `kernel:*` key of that config, for check to report. */
  let configProblem: string | undefined;
  let apiKey: string | undefined;
  const noopState =
    spec.noopState ??
    ((olds: Partial<State>, desired: Inputs): State => {
      const state: Record<string, unknown> = { ...olds };
      if ((desired as { adopt?: unknown }).adopt === true) state.adopt = true;
      else delete state.adopt;
      return state as State;
    });
  const what = spec.typeName;
  /**
   * Ids some resource of this process owns, seen through create, refresh, diff or update. The
   * host serves every resource of a deployment in one process, so a create that would take
   * over one of them (adopt, or a recovered unknown outcome) is a second owner: refused.
   * A read by id without state (`get`) does not count: it owns nothing.
   */
  const managed = new Set<string>();
  /**
   * Ids a create of this process took over (adopted, or recovered after an unknown outcome),
   * with the outputs this process last returned for them. The engine deletes the resources
   * that left the program after every create of the `up`, in the same process: a delete of one
   * of these ids with other properties is of another resource that had the object before (a
   * rename followed by `adopt: true`), and must not delete what the new owner now holds.
   */
  const takenOver = new Map<string, Record<string, unknown>>();
  /** Objects diff plans to replace, with their project, until the engine's re-check. */
  const replacing = new PendingReplacements();
  const noteTakenOver = (id: string, outs: Record<string, unknown>): void => {
    takenOver.set(id, withoutEngineKeys(outs));
  };
  const now = options.now ?? options.client?.now ?? Date.now;

  const settings = (): KernelSettings => {
    const resolved = resolveSettings(config, options.env ?? process.env);
    apiKey = resolved.apiKey;
    return resolved;
  };

  /**
   * The secret input values in these inputs or states (`spec.secretOutputs`: a credential's
   * values and TOTP secret, a token, a proxy's password and CA bundle), as texts to redact.
   */
  const secretsIn = (...records: Record<string, unknown>[]): string[] =>
    secretStrings(records.map((r) => spec.secretOutputs.map((key) => r[key])));

  const operation = (
    project: string | undefined,
    secrets: readonly string[],
    projectById = false,
  ): KernelOperation =>
    sharedClient(settings(), {
      log: (line) => process.stderr.write(`${line}\n`),
      ...options.client,
    }).operation({
      ...(spec.projectScoped && project !== undefined ? { project, projectById } : {}),
      badRequestHint: (text) => spec.badRequestHint(text),
      secrets,
    });

  const explain = async (op: KernelOperation, err: unknown, action: WriteAction) =>
    spec.explainFailure
      ? spec.explainFailure(op, err, action, () => operation(undefined, [])).catch(() => err)
      : err;

  /**
   * Last line of defence: no error leaves the provider with the key or a secret input value in
   * its text (message, stack, a partial failure's reasons). The client already removed them
   * before cutting anything; this catches every other path (a spec's own messages, say).
   */
  const guard = async <T>(run: () => Promise<T>, secrets: readonly string[] = []): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      const hidden = [...(apiKey ? [apiKey] : []), ...secrets];
      if (err instanceof Error && hidden.length > 0) {
        err.message = redact(err.message, hidden);
        if (err.stack) err.stack = redact(err.stack, hidden);
        if (err instanceof PartialFailureError) {
          err.reasons.forEach((reason, i) => (err.reasons[i] = redact(reason, hidden)));
        }
      }
      throw err;
    }
  };

  /** The outputs as the host stores them: the project recorded, nothing undefined. */
  const outputs = (state: State, project: string | undefined): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...(state as Record<string, unknown>) };
    delete out[PROVIDER_KEY];
    delete out[PROJECT_KEY];
    if (spec.projectScoped && project !== undefined) out[PROJECT_KEY] = project;
    return withoutUndefined(out);
  };

  /**
   * Where a read looks: the project recorded in the state; for a `get` by id, which carries no
   * state, the stack's project, where this stack creates objects (a refresh of an object
   * recorded without a project reads the default project, where it was created).
   */
  const readProject = (old: Record<string, unknown>): string | undefined =>
    recordedProject(old) ??
    (Object.keys(old).length === 0 ? createProject(undefined, settings()) : undefined);

  /** The inputs as the state holds them; a state too old to tell gives none (DIFF_SOME). */
  const liveInputsOf = (state: Partial<State>): Record<string, unknown> | undefined => {
    try {
      return spec.toLiveInputs(state as State);
    } catch {
      return undefined;
    }
  };

  const known = (values: Record<string, unknown>): Inputs => {
    if (containsUnknown(values)) {
      throw new KernelError(
        `${what}: inputs still hold unknown values; they are only allowed during preview`,
      );
    }
    return values as Inputs;
  };

  const parseWithId = (expected?: string) => (json: unknown) => {
    const live = spec.parse(json);
    const id = spec.liveId(live);
    assertValidId(id, what);
    if (expected !== undefined && id !== expected) {
      throw new KernelError(
        `The API answered for ${what} ${expected} with another object, ${JSON.stringify(id)}; ` +
          `the state is left as it was`,
      );
    }
    return live;
  };

  /** Records an object the create ended with, after `afterCreate`. */
  const finish = async (
    op: KernelOperation,
    live: Live,
    desired: Inputs,
    outcome: CreateOutcome,
    justSent: Record<string, unknown> | undefined,
    project: string | undefined,
    provider: unknown,
  ): Promise<pulumi.dynamic.CreateResult> => {
    const id = spec.liveId(live);
    let final = live;
    if (spec.afterCreate) {
      try {
        final = await spec.afterCreate(op, live, desired, outcome);
      } catch (err) {
        const state = spec.toState(live, { desired, justSent });
        throw partialFailure(
          id,
          outputs(state, project),
          provider,
          `${what} ${id} exists, but`,
          err,
        );
      }
    }
    const state = spec.toState(final, { desired, justSent });
    return { id, outs: outputs(state, project) };
  };

  /** Takes over an existing object and reconciles it with the minimal PATCH (docs/behaviour.md). */
  const takeOver = async (
    op: KernelOperation,
    existing: Live,
    desired: Inputs,
    project: string | undefined,
    provider: unknown,
  ): Promise<pulumi.dynamic.CreateResult> => {
    const id = spec.liveId(existing);
    const liveState = spec.toState(existing, {});
    const plan = spec.plan(liveState, desired as Record<string, unknown>);
    const body = spec.updateBody(plan, liveState, desired);
    let live = existing;
    if (Object.keys(body).length > 0) {
      try {
        live = await op.request("PATCH", resourcePath(spec.collection, id), {
          body,
          parse: parseWithId(id),
        });
      } catch (err) {
        throw partialFailure(
          id,
          outputs(liveState, project),
          provider,
          `took over ${what} ${id}, but reconciling it failed:`,
          err,
        );
      }
    }
    const result = await finish(
      op,
      live,
      desired,
      "adopted",
      Object.keys(body).length ? body : undefined,
      project,
      provider,
    );
    if (plan.replaces.length > 0) {
      const reason =
        `took over ${what} ${id}, but its ${plan.replaces.join(" and ")} cannot be changed ` +
        `in place`;
      throw new PartialFailureError(reason, id, { ...result.outs, [PROVIDER_KEY]: provider }, [
        `${reason}. Run \`pulumi up\` again to replace it.`,
      ]);
    }
    return result;
  };

  /**
   * Reserves `existingId` for this create, or refuses a second owner of an object this process
   * already manages. Synchronous, and called before any await after the lookup: of two
   * creates that found one object, exactly one reserves it.
   */
  const reserve = (desired: Inputs, existingId: string, adopt: boolean): void => {
    if (!managed.has(existingId)) {
      managed.add(existingId);
      return;
    }
    const keep = adopt
      ? `Keep one of them in the program (drop \`adopt: true\` here), or give this one ` +
        `another ${what}.`
      : `Keep one of them in the program, or give this one another ${what}.`;
    throw new AlreadyExistsError(
      `${article(what)} ${what} with ${spec.uniqueKey?.describe(desired) ?? "this key"} already ` +
        `exists: ${existingId}, and another resource of this deployment already manages it. ` +
        `Two resources must not own one ${what}: each \`up\` would overwrite the other's ` +
        `settings, and deleting either deletes it. ${keep}`,
      existingId,
    );
  };

  /** Whether the answer proves `live` was made after our first POST (sent at `postSentAt`). */
  const madeAfter = (live: Live, postSentAt: number): boolean => {
    const createdAt = spec.uniqueKey?.createdAt?.(live);
    if (typeof createdAt !== "string") return false;
    const made = Date.parse(createdAt);
    return Number.isFinite(made) && made >= postSentAt - CLOCK_SKEW_MS;
  };

  /**
   * A create met an object with its unique key that is not provably its own: a 409, or an
   * unknown POST outcome whose lookup found an object nothing proves this POST made (`lost`,
   * the POST's error, says why the outcome is unknown).
   */
  const alreadyExists = (desired: Inputs, existingId: string, lost?: unknown): AlreadyExistsError =>
    new AlreadyExistsError(
      (lost === undefined
        ? ""
        : `The create's POST ended with its outcome unknown (${errorText(lost)}), and ` +
          `${article(what).toLowerCase()} ${what} with its key exists, which nothing the API ` +
          `returns proves this POST made. `) +
        `${article(what)} ${what} with ${spec.uniqueKey?.describe(desired) ?? "this key"} already exists: ` +
        `${existingId}. If you renamed this resource in the program, give it \`aliases\` with ` +
        `its old name instead, so Pulumi keeps the object rather than adopting it under the new ` +
        `name and deleting it under the old one. To manage it from this stack, set ` +
        `\`adopt: true\` on this ${what} and run \`pulumi up\` again (its settings are then ` +
        `reconciled with one PATCH), or delete ${existingId} in Kernel first. Do not adopt it ` +
        `if another resource or stack manages it: two owners overwrite each other's settings, ` +
        `and deleting either deletes it. (\`pulumi import\` cannot work for dynamic resources.)`,
      existingId,
    );

  /**
   * The lookup after an unknown POST outcome failed: an object may exist that no state
   * records. Says both failures, and what to check.
   */
  const lookupFailed = (desired: Inputs, lost: unknown, lookup: unknown, project?: string) =>
    new KernelError(
      `The create's POST ended with its outcome unknown (${errorText(lost)}), and the lookup ` +
        `of ${spec.uniqueKey?.describe(desired) ?? "its key"} that would tell whether it made ` +
        `the ${what} failed too: ${errorText(lookup)}. ${article(what)} ${what} with ` +
        `${spec.uniqueKey?.describe(desired) ?? "this key"} may now exist in Kernel` +
        `${project === undefined ? "" : ` (project ${JSON.stringify(project)})`} that no ` +
        `state records. Check for it in the Kernel dashboard or API: if it is there, delete it ` +
        `or set \`adopt: true\` on this ${what}; then run \`pulumi up\` again.`,
    );

  /**
   * The engine's re-check of a replacement (no old inputs, no desired project): the project of
   * the object diff planned to replace (./pendingReplacements).
   */
  const recheckedPin = (inputs: Record<string, unknown>, olds: unknown): string | undefined => {
    const hasOlds = olds !== null && typeof olds === "object" && Object.keys(olds).length > 0;
    if (hasOlds || inputs[PROJECT_KEY] !== undefined) return undefined;
    return replacing.take(inputs);
  };

  /** The project pin of check (./project `projectPin`); undefined when settings fail. */
  const pinFor = (input: unknown, olds: unknown): string | undefined => {
    let projectSettings: ProjectSettings;
    try {
      projectSettings = settings();
    } catch {
      // A settings problem is reported by the call that sends a request, not by check.
      return undefined;
    }
    const old = olds !== null && typeof olds === "object" ? (olds as Record<string, unknown>) : {};
    return projectPin(input, projectSettings, old);
  };

  /**
   * Whether the object `id`, recorded in `recorded`, also answers in the `desired` project: one
   * project written two ways (an id and a name, the default project by name) is no move.
   */
  const sameProject = async (
    id: string,
    recorded: string | undefined,
    desired: string,
    secrets: readonly string[],
  ): Promise<boolean> => {
    try {
      await operation(desired, secrets).request("GET", resourcePath(spec.collection, id), {
        parse: parseWithId(id),
      });
      return true;
    } catch (err) {
      if (err instanceof KernelApiError && err.status === 404) {
        if (isGone(err) || err.code === "project_not_found") return false;
      }
      const where = recorded === undefined ? "the default project" : JSON.stringify(recorded);
      throw new KernelError(
        `Could not tell whether project ${JSON.stringify(desired)} is ${where}, where ${what} ` +
          `${id} was created (a GET of it there failed): ${errorText(err)}`,
      );
    }
  };

  /** create's work; `create` records the id it ends with. */
  const createObject = async (
    inputs: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CreateResult> => {
    const provider = inputs[PROVIDER_KEY];
    const desired = known(withoutEngineKeys(inputs));
    const project = spec.projectScoped
      ? createProject(
          (desired as Record<string, unknown>)[PROJECT_KEY],
          settings(),
          inputs[PROJECT_PIN_KEY],
        )
      : undefined;
    const byId =
      spec.projectScoped &&
      createsByProjectId(
        (desired as Record<string, unknown>)[PROJECT_KEY],
        settings(),
        inputs[PROJECT_PIN_KEY],
      );
    const op = operation(project, secretsIn(inputs), byId);
    const adopt = (desired as { adopt?: unknown }).adopt === true;
    const body = spec.createBody(desired);
    const attempts = Math.max(1, options.createAttempts ?? 3);
    // Set once a POST's outcome was unknown: a later 409 may then be our own object.
    let outcomeUnknown = false;
    let lastError: unknown;
    // When our first POST was sent: an object made before it cannot be ours.
    const postSentAt = now();
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const live = await op.request("POST", resourcePath(spec.collection), {
          body,
          parse: parseWithId(),
        });
        return await finish(op, live, desired, "created", body, project, provider);
      } catch (err) {
        if (err instanceof PartialFailureError) throw err;
        const conflict = err instanceof ConflictError;
        if (!conflict && !isOutcomeUnknown(err))
          throw await explain(op, err, { kind: "create", body });
        if (!spec.uniqueKey) {
          throw !conflict && spec.unknownOutcome ? spec.unknownOutcome(desired, err as Error) : err;
        }
        if (!conflict) {
          outcomeUnknown = true;
          lastError = err;
        }
        let existing: Live | undefined;
        try {
          existing = await spec.uniqueKey.find(op, desired);
        } catch (lookupErr) {
          if (!outcomeUnknown) throw lookupErr;
          throw lookupFailed(desired, lastError, lookupErr, project);
        }
        if (!existing) {
          // A 409 for an object we cannot find: say what the API said.
          if (conflict) throw err;
          continue;
        }
        const existingId = spec.liveId(existing);
        assertValidId(existingId, what);
        // Nothing but this call may run between the lookup and the reservation.
        reserve(desired, existingId, adopt);
        try {
          let result: pulumi.dynamic.CreateResult | undefined;
          if (adopt) result = await takeOver(op, existing, desired, project, provider);
          else if (
            outcomeUnknown &&
            madeAfter(existing, postSentAt) &&
            (await spec.uniqueKey.matchesPost(op, existing, desired))
          ) {
            result = await finish(op, existing, desired, "recovered", body, project, provider);
          }
          if (result) {
            noteTakenOver(existingId, result.outs ?? {});
            return result;
          }
        } catch (takeErr) {
          // A partial failure records the object: it stays reserved, and is this resource's.
          if (takeErr instanceof PartialFailureError) noteTakenOver(existingId, takeErr.properties);
          else managed.delete(existingId);
          throw takeErr;
        }
        managed.delete(existingId);
        throw alreadyExists(desired, existingId, outcomeUnknown ? lastError : undefined);
      }
    }
    throw lastError;
  };

  return {
    async configure(req) {
      config = req.config;
      configProblem = configKeysProblem(config);
    },

    async check(olds, news) {
      try {
        const { inputs, failures: inputFailures } = spec.check(withoutEngineKeys(news));
        // A mistyped kernel:* setting fails the preview here, before any request is planned.
        const failures = configProblem
          ? [...inputFailures, { property: "", reason: configProblem }]
          : inputFailures;
        if (failures.length) return { inputs, failures };
        // The engine diffs old against these inputs itself (./engineDiff): aligned with the
        // old inputs, they differ exactly where the plan changes something.
        const oldInputs = withoutEngineKeys(olds as Record<string, unknown> | undefined);
        const aligned = alignWithOldInputs(
          (o, n) => spec.plan(o as Partial<State>, n),
          oldInputs,
          inputs,
        );
        const pin = spec.projectScoped
          ? (recheckedPin(inputs, olds) ?? pinFor(inputs[PROJECT_KEY], olds))
          : undefined;
        return { inputs: pin === undefined ? aligned : { ...aligned, [PROJECT_PIN_KEY]: pin } };
      } catch (err) {
        // check never throws (docs/behaviour.md): a bug shows as a failure, not as a crashed host call.
        const reason = err instanceof Error ? err.message : String(err);
        return {
          inputs: withoutEngineKeys(news),
          failures: [{ property: "", reason: `could not be checked: ${reason}` }],
        };
      }
    },

    async diff(id, olds, news) {
      managed.add(id);
      return guard(
        async () => {
          const old = withoutEngineKeys(olds) as Partial<State>;
          const desired = withoutEngineKeys(news);
          let plan = planDiff(spec, old, desired, settings());
          if (plan.replaces.includes(PROJECT_KEY)) {
            // planDiff moves to any project written otherwise than the recorded one; the API
            // says whether it is the same project all the same (an id for its name).
            const target = desiredProject(desired[PROJECT_KEY], settings());
            const recorded = recordedProject(old as Record<string, unknown>);
            if (
              target !== UNKNOWN &&
              (await sameProject(id, recorded, target as string, secretsIn(olds, news)))
            ) {
              plan = spec.plan(old, desired);
            }
          }
          const { replaces, deleteBeforeReplace } = plan;
          if (replaces.length === 0 && plan.changed.length === 0) {
            return { changes: false, replaces, deleteBeforeReplace: false };
          }
          // Undefined (DIFF_UNKNOWN): the engine names the changed inputs itself (./engineDiff).
          const shows = plannedFieldsShow(
            { replaces, changed: plan.changed },
            liveInputsOf(old),
            desired,
          );
          if (spec.projectScoped && replaces.length > 0 && !replaces.includes(PROJECT_KEY)) {
            // The engine re-checks a replacement without old inputs: keep its project for that.
            replacing.remember(desired, recordedProject(old as Record<string, unknown>) ?? "");
          }
          const deletesFirst = replaces.length > 0 && deleteBeforeReplace;
          const warning = replaces.length > 0 && spec.replaceWarning?.(replaces, deletesFirst);
          if (warning) {
            (options.warn ?? ((line) => process.stderr.write(`${line}\n`)))(
              `kernel: warning: ${what} ${id}: ${warning}`,
            );
          }
          return {
            ...(shows ? {} : { changes: true }),
            replaces,
            deleteBeforeReplace: deletesFirst,
          };
        },
        secretsIn(olds, news),
      );
    },

    async create(inputs) {
      const secrets = secretsIn(inputs);
      const result = await guard(() => createObject(inputs), secrets).catch((err: unknown) => {
        // Pulumi records a partial failure's object: it is managed from now on.
        if (err instanceof PartialFailureError) managed.add(err.id);
        throw err;
      });
      managed.add(result.id);
      return result;
    },

    async read(id, props) {
      const secrets = secretsIn(props);
      return guard(async () => {
        const old = withoutEngineKeys(props) as Partial<State>;
        const project = spec.projectScoped
          ? readProject(old as Record<string, unknown>)
          : undefined;
        let live: Live;
        try {
          live = await operation(project, secrets).request(
            "GET",
            resourcePath(spec.collection, id),
            { parse: parseWithId(id) },
          );
        } catch (err) {
          // Only the API's own not_found means gone (docs/behaviour.md); a wrong base URL must not drop state.
          if (isGone(err)) {
            managed.delete(id);
            return { id: "", props: {} };
          }
          throw err;
        }
        // A refresh carries the resource's state; a `get` by id carries none and owns nothing.
        if (Object.keys(old).length > 0) managed.add(id);
        const state = spec.toState(live, { olds: old });
        const liveInputs = withoutUndefined(spec.toLiveInputs(state));
        const readProps = outputs(state, project);
        if (takenOver.has(id) && sameValue(takenOver.get(id), old)) noteTakenOver(id, readProps);
        return {
          id,
          props: readProps,
          // The pin of the project the object lives in, so a later replacement stays there.
          inputs: spec.projectScoped
            ? { ...liveInputs, [PROJECT_PIN_KEY]: project ?? "" }
            : liveInputs,
        };
      }, secrets);
    },

    async update(id, olds, news) {
      managed.add(id);
      const secrets = secretsIn(olds, news);
      return guard(async () => {
        const old = withoutEngineKeys(olds) as Partial<State>;
        const desired = known(withoutEngineKeys(news));
        const project = spec.projectScoped
          ? recordedProject(old as Record<string, unknown>)
          : undefined;
        const plan = spec.plan(old, desired as Record<string, unknown>);
        const body = spec.updateBody(plan, old, desired);
        let outs: Record<string, unknown>;
        if (Object.keys(body).length === 0) {
          outs = outputs(noopState(old, desired), project);
        } else {
          const op = operation(project, secrets);
          let live: Live;
          try {
            live = await op.request("PATCH", resourcePath(spec.collection, id), {
              body,
              parse: parseWithId(id),
            });
          } catch (err) {
            throw await explain(op, err, { kind: "update", id, body });
          }
          outs = outputs(spec.toState(live, { desired, olds: old, justSent: body }), project);
        }
        if (takenOver.has(id)) noteTakenOver(id, outs);
        return { outs };
      }, secrets);
    },

    async delete(id, props) {
      const owner = takenOver.get(id);
      if (owner && !sameValue(owner, withoutEngineKeys(props))) {
        process.stderr.write(
          `kernel: kept ${what} ${id}: another resource of this deployment took it over in this ` +
            `update, so the delete of the resource that had it before deletes nothing\n`,
        );
        return;
      }
      takenOver.delete(id);
      const secrets = secretsIn(props);
      await guard(async () => {
        const old = withoutEngineKeys(props);
        const project = spec.projectScoped ? recordedProject(old) : undefined;
        const op = operation(project, secrets);
        try {
          await op.request("DELETE", resourcePath(spec.collection, id), {
            parse: () => undefined,
          });
        } catch (err) {
          // Only not_found counts as deleted (docs/behaviour.md): any other 404 keeps the state.
          if (isGone(err)) return;
          throw await explain(op, err, { kind: "delete", id });
        }
      }, secrets);
      managed.delete(id);
    },
  };
}

/** Deep equality of two JSON-like values, key order aside (the host's Struct reorders keys). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((v, i) => sameValue(v, b[i]))
    );
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** An error's message, for a sentence that quotes it. */
function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/\.+$/, "");
}

function partialFailure(
  id: string,
  properties: Record<string, unknown>,
  provider: unknown,
  prefix: string,
  err: unknown,
): PartialFailureError {
  const message = err instanceof Error ? err.message : String(err);
  const reason = `${prefix} ${message}`;
  return new PartialFailureError(reason, id, { ...properties, [PROVIDER_KEY]: provider }, [
    `${reason}. Run \`pulumi up\` again to finish.`,
  ]);
}

/** "A Credential", "An AuthConnection". */
function article(word: string): string {
  return /^[AEIOU]/i.test(word) ? "An" : "A";
}
