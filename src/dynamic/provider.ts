/**
 * The provider skeleton every resource shares: `makeProvider(spec)` implements configure,
 * check, diff, create, read, update and delete once, and a resource's `spec` holds
 * only what differs between resources. Pure functions in the spec; I/O only through one
 * `KernelOperation` per provider call (one budget, one project header).
 *
 * What the skeleton does, so no resource has to:
 * - configure: keeps Pulumi's config; settings (key, base URL, project) are read at call time.
 * - check: `spec.check` without `__provider`, aligned with the old inputs (./engineDiff); never
 *   throws.
 * - diff: `spec.plan`, no request; adds the project move (docs/behaviour.md) as a replace of
 *   `project`. Answers so that the engine's own input diff names the planned fields (./engineDiff).
 * - create: one POST of `spec.createBody`. On a 409 (docs/behaviour.md): `adopt: true` → find by the unique
 *   key, take over with the minimal PATCH; else fail naming the existing id. On an unknown
 *   outcome: find by the unique key → nothing: POST again; `adopt: true`: take over; every
 *   field the POST carried matches (`uniqueKey.matchesPost`): record it; else fail as a 409.
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
import { ConflictError, KernelError, isGone, isOutcomeUnknown } from "../kernel/errors";
import { redact, secretStrings } from "../kernel/redact";
import type { CheckResult } from "./checks";
import { PROVIDER_KEY, containsUnknown, withoutEngineKeys, withoutUndefined } from "./engineKeys";
import { alignWithOldInputs, plannedFieldsShow } from "./engineDiff";
import { AlreadyExistsError } from "./errors";
import { PartialFailureError } from "./partialFailure";
import {
  PROJECT_KEY,
  createProject,
  createsByProjectId,
  desiredProject,
  projectMoves,
  recordedProject,
} from "./project";

/** What diff reports and update carries out: one pure plan per resource (docs/behaviour.md). */
export interface ChangePlan<Field extends string = string> {
  /** Input names whose change needs a new object. */
  replaces: string[];
  /** The new object would collide with the old one (the same unique key in the same project). */
  deleteBeforeReplace: boolean;
  /** Updatable fields that differ or are not known yet. */
  changed: Field[];
}

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
  /** Our POST's outcome was unknown; the object found matches everything the POST carried. */
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
}

/**
 * Everything that differs between resources. `Inputs` are the checked inputs with no unknown
 * value (create, update); `State` the outputs the provider keeps; `Live` the parsed answer.
 * The skeleton owns the keys `__provider` and `project` of the state; `spec.toState` must not
 * produce them, and `spec.plan` must ignore `project` (the skeleton plans the project move).
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

  /** A create that would make a second owner of an object this process already manages. */
  const refuseSecondOwner = (desired: Inputs, existingId: string): void => {
    if (!managed.has(existingId)) return;
    throw new AlreadyExistsError(
      `${article(what)} ${what} with ${spec.uniqueKey?.describe(desired) ?? "this key"} already ` +
        `exists: ${existingId}, and another resource of this deployment already manages it. ` +
        `Two resources must not own one ${what}: each \`up\` would overwrite the other's ` +
        `settings, and deleting either deletes it. Keep one of them in the program (drop ` +
        `\`adopt: true\` here), or give this one another ${what}.`,
      existingId,
    );
  };

  const alreadyExists = (desired: Inputs, existingId: string): AlreadyExistsError =>
    new AlreadyExistsError(
      `${article(what)} ${what} with ${spec.uniqueKey?.describe(desired) ?? "this key"} already exists: ` +
        `${existingId}. To manage it from this stack, set \`adopt: true\` on this ${what} and ` +
        `run \`pulumi up\` again (its settings are then reconciled with one PATCH), or delete ` +
        `${existingId} in Kernel first. Do not adopt it if another resource or stack manages ` +
        `it: two owners overwrite each other's settings, and deleting either deletes it. ` +
        `(\`pulumi import\` cannot work for dynamic resources.)`,
      existingId,
    );

  /** create's work; `create` records the id it ends with. */
  const createObject = async (
    inputs: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CreateResult> => {
    const provider = inputs[PROVIDER_KEY];
    const desired = known(withoutEngineKeys(inputs));
    const project = spec.projectScoped
      ? createProject((desired as Record<string, unknown>)[PROJECT_KEY], settings())
      : undefined;
    const byId =
      spec.projectScoped &&
      createsByProjectId((desired as Record<string, unknown>)[PROJECT_KEY], settings());
    const op = operation(project, secretsIn(inputs), byId);
    const adopt = (desired as { adopt?: unknown }).adopt === true;
    const body = spec.createBody(desired);
    const attempts = Math.max(1, options.createAttempts ?? 3);
    // Set once a POST's outcome was unknown: a later 409 may then be our own object.
    let outcomeUnknown = false;
    let lastError: unknown;
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
        const existing = await spec.uniqueKey.find(op, desired);
        if (!existing) {
          // A 409 for an object we cannot find: say what the API said.
          if (conflict) throw err;
          outcomeUnknown = true;
          lastError = err;
          continue;
        }
        const existingId = spec.liveId(existing);
        assertValidId(existingId, what);
        refuseSecondOwner(desired, existingId);
        if (adopt) return await takeOver(op, existing, desired, project, provider);
        if (
          (outcomeUnknown || !conflict) &&
          (await spec.uniqueKey.matchesPost(op, existing, desired))
        ) {
          return await finish(op, existing, desired, "recovered", body, project, provider);
        }
        throw alreadyExists(desired, existingId);
      }
    }
    throw lastError;
  };

  return {
    async configure(req) {
      config = req.config;
    },

    async check(olds, news) {
      try {
        const { inputs, failures: inputFailures } = spec.check(withoutEngineKeys(news));
        // A mistyped kernel:* setting fails the preview here, before any request is planned.
        const setting = configKeysProblem(config);
        const failures = setting
          ? [...inputFailures, { property: "", reason: setting }]
          : inputFailures;
        if (failures.length) return { inputs, failures };
        // The engine diffs old against these inputs itself (./engineDiff): aligned with the
        // old inputs, they differ exactly where the plan changes something.
        const oldInputs = withoutEngineKeys(olds as Record<string, unknown> | undefined);
        return {
          inputs: alignWithOldInputs(
            (o, n) => spec.plan(o as Partial<State>, n),
            oldInputs,
            inputs,
          ),
        };
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
          const plan = spec.plan(old, desired);
          const replaces = [...plan.replaces];
          let deleteBeforeReplace = plan.deleteBeforeReplace;
          if (spec.projectScoped) {
            const target = desiredProject(desired[PROJECT_KEY], settings());
            if (projectMoves(old as Record<string, unknown>, target)) {
              replaces.push(PROJECT_KEY);
              // In another project the unique key does not collide: create first.
              deleteBeforeReplace = false;
            }
          }
          if (replaces.length === 0 && plan.changed.length === 0) {
            return { changes: false, replaces, deleteBeforeReplace: false };
          }
          // Undefined (DIFF_UNKNOWN): the engine names the changed inputs itself (./engineDiff).
          const shows = plannedFieldsShow(
            { replaces, changed: plan.changed },
            liveInputsOf(old),
            desired,
          );
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
        return {
          id,
          props: outputs(state, project),
          inputs: withoutUndefined(spec.toLiveInputs(state)),
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
        if (Object.keys(body).length === 0) {
          return { outs: outputs(noopState(old, desired), project) };
        }
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
        return {
          outs: outputs(spec.toState(live, { desired, olds: old, justSent: body }), project),
        };
      }, secrets);
    },

    async delete(id, props) {
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
