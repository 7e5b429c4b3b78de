/**
 * `makeProvider(spec)`: the seven methods the dynamic-provider host calls (configure, check,
 * diff, create, read, update, delete), implemented once for every resource. The spec
 * (./spec) holds only what differs; the create protocol is ./create.
 *
 * - configure: keeps Pulumi's config; settings (key, base URL, project) are read at call time.
 * - check: the owned inputs (./owned) and `spec.check`, aligned with the old inputs
 *   (./engineDiff), plus the project pin (./project); never throws.
 * - diff: `planDiff` (./plan). Answers so that the engine's own input diff names the planned
 *   fields (./engineDiff). No request, except one GET of the id in the desired project when it
 *   is written otherwise than the recorded one (an id for a name): found there, no move.
 * - create: ./create.
 * - ownership: a delete of an id a create of this process took over, with properties other
 *   than that create's, is another resource's that had the object before (a rename, then
 *   `adopt: true`), and deletes nothing.
 * - read: one GET; only a 404 `not_found` is "gone"; the answer's id must be the asked id.
 * - update: one PATCH of exactly `planUpdate`'s body, none when it is empty.
 * - delete: one DELETE; only a 404 `not_found` counts as already deleted (docs/behaviour.md).
 * - project (docs/behaviour.md): the output `project` records where the object was created;
 *   every later call sends it as `X-Kernel-Project`.
 * - partial failures (docs/behaviour.md) carry `id`, `properties` (with `__provider`) and
 *   `reasons`; no error leaves with the API key in it; outputs never hold `undefined`
 *   (protobuf Struct).
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
import { KernelApiError, KernelError, isGone } from "../kernel/errors";
import { redact, redactError, secretStrings } from "../kernel/redact";
import { errorText, makeCreate, partialFailure } from "./create";
import {
  PROJECT_PIN_KEY,
  PROVIDER_KEY,
  UNKNOWN,
  containsUnknown,
  withoutEngineKeys,
  withoutUndefined,
} from "./engineKeys";
import { alignWithOldInputs, plannedFieldsShow } from "./engineDiff";
import { jsonEqual } from "./jsonEqual";
import { ADOPT_KEY, adopts, checkResourceInputs, withoutOwned } from "./owned";
import { PartialFailureError } from "./partialFailure";
import { PendingReplacements } from "./pendingReplacements";
import { planDiff, planUpdate } from "./plan";
import {
  PROJECT_KEY,
  createProject,
  desiredProject,
  projectPin,
  recordedProject,
  type ProjectSettings,
} from "./project";
import {
  type OwnedInputs,
  type ResourceSpec,
  type WriteAction,
  liveIdOf,
  liveInputsOf,
} from "./spec";

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
export function makeProvider<Inputs extends object, Outputs extends object, Live>(
  spec: ResourceSpec<Inputs, Outputs, Live>,
  options: ProviderOptions = {},
): KernelResourceProvider {
  let config: ConfigSource | undefined;
  /** A mistyped `kernel:*` key of that config, for check to report. */
  let configProblem: string | undefined;
  let apiKey: string | undefined;
  const noopOutputs =
    spec.noopOutputs ?? ((olds: Partial<Outputs>): Outputs => ({ ...olds }) as Outputs);
  const what = spec.typeName;
  const liveId = (live: Live): string => liveIdOf(spec, live);
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
      if (hidden.length > 0) {
        redactError(err, hidden);
        if (err instanceof PartialFailureError) {
          err.reasons.forEach((reason, i) => (err.reasons[i] = redact(reason, hidden)));
        }
      }
      throw err;
    }
  };

  /** The outputs as the host stores them: the owned keys recorded, nothing undefined. */
  const outputs = (
    state: Outputs,
    project: string | undefined,
    adopt: boolean,
  ): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...(state as Record<string, unknown>) };
    delete out[PROVIDER_KEY];
    delete out[PROJECT_KEY];
    delete out[ADOPT_KEY];
    if (spec.projectScoped && project !== undefined) out[PROJECT_KEY] = project;
    if (adopt) out[ADOPT_KEY] = true;
    return withoutUndefined(out);
  };

  /** ReadResult.inputs and the inputs diff compares: the spec's, with `adopt` when it is set. */
  const liveInputs = (state: Partial<Outputs>, adopt: boolean): Record<string, unknown> => {
    const inputs = withoutUndefined(liveInputsOf(spec, state as Outputs));
    delete inputs[ADOPT_KEY];
    return adopt ? { ...inputs, [ADOPT_KEY]: true } : inputs;
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
  const recordedInputs = (state: Partial<Outputs>): Record<string, unknown> | undefined => {
    try {
      return liveInputs(state, adopts(state as Record<string, unknown>));
    } catch {
      return undefined;
    }
  };

  const known = (values: Record<string, unknown>): Inputs & OwnedInputs => {
    if (containsUnknown(values)) {
      throw new KernelError(
        `${what}: inputs still hold unknown values; they are only allowed during preview`,
      );
    }
    return values as Inputs & OwnedInputs;
  };

  const parseWithId = (expected?: string) => (json: unknown) => {
    const live = spec.parse(json);
    const id = liveId(live);
    assertValidId(id, what);
    if (expected !== undefined && id !== expected) {
      throw new KernelError(
        `The API answered for ${what} ${expected} with another object, ${JSON.stringify(id)}; ` +
          `the state is left as it was`,
      );
    }
    return live;
  };

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

  const createObject = makeCreate({
    spec,
    settings,
    operation,
    secretsIn,
    known,
    parseWithId,
    explain,
    outputs,
    managed,
    noteTakenOver,
    now,
    createAttempts: options.createAttempts ?? 3,
  });

  return {
    async configure(req) {
      config = req.config;
      configProblem = configKeysProblem(config);
    },

    async check(olds, news) {
      try {
        const { inputs, failures } = checkResourceInputs(spec, withoutEngineKeys(news));
        // A mistyped kernel:* setting fails the preview here, before any request is planned.
        if (configProblem) failures.push({ property: "", reason: configProblem });
        if (failures.length) return { inputs, failures };
        // The engine diffs old against these inputs itself (./engineDiff): aligned with the
        // old inputs, they differ exactly where the plan changes something.
        const oldInputs = withoutEngineKeys(olds as Record<string, unknown> | undefined);
        const aligned = alignWithOldInputs(
          (o, n) => spec.plan(o as Partial<Outputs>, n),
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
          const old = withoutEngineKeys(olds) as Partial<Outputs>;
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
            recordedInputs(old),
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
        const old = withoutEngineKeys(props) as Partial<Outputs>;
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
        if (spec.afterRead) live = await spec.afterRead(operation(project, secrets), live, old);
        // A refresh carries the resource's state; a `get` by id carries none and owns nothing.
        if (Object.keys(old).length > 0) managed.add(id);
        const state = spec.toOutputs(live, { olds: old });
        const readProps = outputs(state, project, adopts(old));
        const inputs = liveInputs(state, adopts(old));
        if (takenOver.has(id) && jsonEqual(takenOver.get(id), old)) noteTakenOver(id, readProps);
        return {
          id,
          props: readProps,
          // The pin of the project the object lives in, so a later replacement stays there.
          inputs: spec.projectScoped ? { ...inputs, [PROJECT_PIN_KEY]: project ?? "" } : inputs,
        };
      }, secrets);
    },

    async update(id, olds, news) {
      managed.add(id);
      const secrets = secretsIn(olds, news);
      return guard(async () => {
        const old = withoutEngineKeys(olds) as Partial<Outputs>;
        const all = known(withoutEngineKeys(news));
        const desired = withoutOwned(all) as Inputs;
        const project = spec.projectScoped
          ? recordedProject(old as Record<string, unknown>)
          : undefined;
        const { plan, body } = planUpdate(spec, old, desired);
        const sent = Object.keys(body).length > 0;
        const op = operation(project, secrets);
        let live: Live | undefined;
        if (sent) {
          try {
            live = await op.request("PATCH", resourcePath(spec.collection, id), {
              body,
              parse: parseWithId(id),
            });
          } catch (err) {
            throw await explain(op, err, { kind: "update", id, body });
          }
        }
        if (spec.afterUpdate) {
          try {
            live = await spec.afterUpdate(op, id, live, plan, old, desired);
          } catch (err) {
            if (live === undefined) throw await explain(op, err, { kind: "update", id, body });
            // The PATCH took effect: record it, and let the next `up` finish the rest.
            const patched = spec.toOutputs(live, { desired, olds: old, justSent: body });
            throw partialFailure(
              id,
              outputs(patched, project, adopts(all)),
              olds[PROVIDER_KEY],
              `${what} ${id} was updated, but`,
              err,
            );
          }
        }
        const outs =
          live === undefined
            ? outputs(noopOutputs(old, desired), project, adopts(all))
            : outputs(
                spec.toOutputs(live, { desired, olds: old, ...(sent ? { justSent: body } : {}) }),
                project,
                adopts(all),
              );
        if (takenOver.has(id)) noteTakenOver(id, outs);
        return { outs };
      }, secrets);
    },

    async delete(id, props) {
      const owner = takenOver.get(id);
      if (owner && !jsonEqual(owner, withoutEngineKeys(props))) {
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
        const body = spec.deleteBody?.(old as Partial<Outputs>);
        try {
          await op.request("DELETE", resourcePath(spec.collection, id), {
            ...(body ? { body } : {}),
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
