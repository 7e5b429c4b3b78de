/**
 * The create protocol (docs/behaviour.md), the one part of the core with a loop and ownership:
 * - one POST of `spec.createBody`;
 * - on a 409: `adopt: true` → find by the unique key and take over with the minimal PATCH;
 *   else fail naming the existing id;
 * - on an unknown outcome: find by the unique key → nothing: POST again; `adopt: true`: take
 *   over; every field the POST carried matches (`uniqueKey.matchesPost`) AND the answer proves
 *   the object was made after our first POST (`uniqueKey.createdAt`, within CLOCK_SKEW_MS):
 *   record it; else fail as a 409;
 * - an id a create takes over is reserved before any await after its lookup, so two creates
 *   cannot both take one object (`ownership`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { type KernelOperation, assertValidId, resourcePath } from "../kernel/client";
import { ConflictError, KernelError, isOutcomeUnknown } from "../kernel/errors";
import { PROJECT_PIN_KEY, PROVIDER_KEY, withoutEngineKeys } from "./engineKeys";
import { AlreadyExistsError } from "./errors";
import { adopts, withoutOwned } from "./owned";
import { PartialFailureError } from "./partialFailure";
import { planUpdate } from "./plan";
import { PROJECT_KEY, createProject, createsByProjectId } from "./project";
import type { ProjectSettings } from "./project";
import { type CreateOutcome, type OwnedInputs, type ResourceSpec, liveIdOf } from "./spec";

/**
 * How far the API's clock may run behind this machine's for an object's `created_at` to still
 * prove it was made by our POST. An object made by someone else within this window before our
 * POST, with every field the POST carried, would be taken for ours: two minutes is far longer
 * than NTP-synchronised clocks differ, and far shorter than the usual life of a collision.
 */
export const CLOCK_SKEW_MS = 120_000;

/** What the create protocol needs from its provider. */
export interface CreateContext<Inputs extends object, Outputs extends object, Live> {
  spec: ResourceSpec<Inputs, Outputs, Live>;
  settings(): ProjectSettings;
  /** One operation for this create (its project, its secrets to redact). */
  operation(
    project: string | undefined,
    secrets: readonly string[],
    byId: boolean,
  ): KernelOperation;
  secretsIn(...records: Record<string, unknown>[]): string[];
  /** The inputs, refused when any value is still unknown. */
  known(values: Record<string, unknown>): Inputs & OwnedInputs;
  /** The spec's parse, checking that the answer is of `expected` when given. */
  parseWithId(expected?: string): (json: unknown) => Live;
  explain(
    op: KernelOperation,
    err: unknown,
    action: { kind: "create"; body: Record<string, unknown> },
  ): Promise<unknown>;
  /** The outputs as the host stores them. */
  outputs(outputs: Outputs, project: string | undefined, adopt: boolean): Record<string, unknown>;
  /** Ids some resource of this process owns. */
  managed: Set<string>;
  /** Records an id a create took over, with the outputs returned for it. */
  noteTakenOver(id: string, outs: Record<string, unknown>): void;
  now(): number;
  /** POSTs tried when each outcome is unknown and the lookup finds nothing. */
  createAttempts: number;
}

/** The provider's `create` work, without the ownership bookkeeping of its result. */
export function makeCreate<Inputs extends object, Outputs extends object, Live>(
  ctx: CreateContext<Inputs, Outputs, Live>,
): (inputs: Record<string, unknown>) => Promise<pulumi.dynamic.CreateResult> {
  const { spec, managed } = ctx;
  const what = spec.typeName;
  const liveId = (live: Live) => liveIdOf(spec, live);

  /** Records an object the create ended with, after `afterCreate`. */
  const finish = async (
    op: KernelOperation,
    live: Live,
    desired: Inputs,
    outcome: CreateOutcome,
    justSent: Record<string, unknown> | undefined,
    project: string | undefined,
    provider: unknown,
    adopt: boolean,
  ): Promise<pulumi.dynamic.CreateResult> => {
    const id = liveId(live);
    let final = live;
    if (spec.afterCreate) {
      try {
        final = await spec.afterCreate(op, live, desired, outcome);
      } catch (err) {
        const state = spec.toOutputs(live, { desired, justSent });
        throw partialFailure(
          id,
          ctx.outputs(state, project, adopt),
          provider,
          `${what} ${id} exists, but`,
          err,
        );
      }
    }
    const state = spec.toOutputs(final, { desired, justSent });
    return { id, outs: ctx.outputs(state, project, adopt) };
  };

  /** Takes over an existing object and reconciles it with the minimal PATCH (docs/behaviour.md). */
  const takeOver = async (
    op: KernelOperation,
    existing: Live,
    desired: Inputs,
    project: string | undefined,
    provider: unknown,
  ): Promise<pulumi.dynamic.CreateResult> => {
    const id = liveId(existing);
    const liveState = spec.toOutputs(existing, {});
    const { plan, body } = planUpdate(spec, liveState, desired);
    let live = existing;
    if (Object.keys(body).length > 0) {
      try {
        live = await op.request("PATCH", resourcePath(spec.collection, id), {
          body,
          parse: ctx.parseWithId(id),
        });
      } catch (err) {
        throw partialFailure(
          id,
          ctx.outputs(liveState, project, true),
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
      true,
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

  /** create's work; `create` records the id it ends with. */
  const createObject = async (
    inputs: Record<string, unknown>,
  ): Promise<pulumi.dynamic.CreateResult> => {
    const provider = inputs[PROVIDER_KEY];
    const all = ctx.known(withoutEngineKeys(inputs));
    const desired = withoutOwned(all) as Inputs;
    const project = spec.projectScoped
      ? createProject(all[PROJECT_KEY], ctx.settings(), inputs[PROJECT_PIN_KEY])
      : undefined;
    const byId =
      spec.projectScoped &&
      createsByProjectId(all[PROJECT_KEY], ctx.settings(), inputs[PROJECT_PIN_KEY]);
    const op = ctx.operation(project, ctx.secretsIn(inputs), byId);
    const adopt = adopts(all);
    const body = spec.createBody(desired) as Record<string, unknown>;
    const attempts = Math.max(1, ctx.createAttempts);
    // Set once a POST's outcome was unknown: a later 409 may then be our own object.
    let outcomeUnknown = false;
    let lastError: unknown;
    // When our first POST was sent: an object made before it cannot be ours.
    const postSentAt = ctx.now();
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const live = await op.request("POST", resourcePath(spec.collection), {
          body,
          parse: ctx.parseWithId(),
        });
        return await finish(op, live, desired, "created", body, project, provider, adopt);
      } catch (err) {
        if (err instanceof PartialFailureError) throw err;
        const conflict = err instanceof ConflictError;
        if (!conflict && !isOutcomeUnknown(err))
          throw await ctx.explain(op, err, { kind: "create", body });
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
        const existingId = liveId(existing);
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
            result = await finish(
              op,
              existing,
              desired,
              "recovered",
              body,
              project,
              provider,
              false,
            );
          }
          if (result) {
            ctx.noteTakenOver(existingId, result.outs ?? {});
            return result;
          }
        } catch (takeErr) {
          // A partial failure records the object: it stays reserved, and is this resource's.
          if (takeErr instanceof PartialFailureError)
            ctx.noteTakenOver(existingId, takeErr.properties);
          else managed.delete(existingId);
          throw takeErr;
        }
        managed.delete(existingId);
        throw alreadyExists(desired, existingId, outcomeUnknown ? lastError : undefined);
      }
    }
    throw lastError;
  };

  return createObject;
}

/** An error's message, for a sentence that quotes it. */
export function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/\.+$/, "");
}

/** A failure after a remote step took effect: Pulumi records `properties`, and the next `up` finishes. */
export function partialFailure(
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

/**
 * For an `afterCreate`: the PATCH that takes the object from `olds` (what is known of it) to
 * `desired`, as update would send it; none when there is nothing to send.
 */
export async function patchTowards<Inputs extends object, Outputs extends object, Live>(
  op: KernelOperation,
  spec: ResourceSpec<Inputs, Outputs, Live>,
  live: Live,
  olds: Partial<Outputs>,
  desired: Inputs,
): Promise<Live> {
  const { body } = planUpdate(spec, olds, desired);
  if (Object.keys(body).length === 0) return live;
  return op.request("PATCH", resourcePath(spec.collection, liveIdOf(spec, live)), {
    body,
    parse: (json) => spec.parse(json),
  });
}
