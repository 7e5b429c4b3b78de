/**
 * The provider's implementation: check, diff, create, read, update, delete (BEHAVIOR.md
 * sections 3 to 6). The `__provider` text in state (./providerText) loads this module by
 * package name at call time, so state never holds this code, a path or a secret.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ManagedAuth } from "../kernel/api";
import { KernelClient, type KernelClientOptions } from "../kernel/client";
import { type ConfigSource, resolveSettings } from "../kernel/config";
import { ConflictError, KernelError, NotFoundError, isOutcomeUnknown } from "../kernel/errors";
import { redact } from "../kernel/redact";
import { toCreateRequest, toUpdateRequest } from "./expand";
import { toLiveInputs, toState } from "./flatten";
import { hasChanges, planChanges, planPatch } from "./patch";
import { asKnownInputs, checkInputs } from "./schema";
import { API_FIELD, type AuthConnectionState, type CheckedInputs } from "./types";

const PROVIDER_KEY = "__provider";

/**
 * Thrown when a remote step succeeded and a later one failed. The dynamic-provider host turns
 * `id`, `properties` and `reasons` into ErrorResourceInitFailed, so Pulumi records the
 * connection (no orphan) and the next `pulumi up` finishes the job.
 */
export class PartialFailureError extends Error {
  override name = "PartialFailureError";
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    readonly reasons: string[],
  ) {
    super(message);
  }
}

export interface ProviderOptions {
  /** Client settings for tests (a MockAgent dispatcher, a fixed clock); the key is not here. */
  client?: Omit<KernelClientOptions, "baseUrl" | "apiKey">;
  env?: NodeJS.ProcessEnv;
  /** Attempts at the POST when its outcome is unknown and the lookup found nothing. */
  createAttempts?: number;
}

export class AuthConnectionProvider implements pulumi.dynamic.ResourceProvider {
  private config?: ConfigSource;
  private client?: KernelClient;
  private apiKey?: string;

  constructor(private readonly options: ProviderOptions = {}) {}

  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.config = req.config;
    this.client = undefined;
  }

  async check(_olds: unknown, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    const { inputs, failures } = checkInputs(news);
    return failures.length ? { inputs, failures } : { inputs };
  }

  async diff(
    _id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.DiffResult> {
    const plan = planChanges(withoutEngineKeys(olds), withoutEngineKeys(news));
    return {
      changes: hasChanges(plan),
      replaces: plan.replaces,
      deleteBeforeReplace: plan.deleteBeforeReplace,
    };
  }

  async create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    return this.guard(async () => {
      const desired = asKnownInputs(withoutEngineKeys(inputs));
      const client = this.getClient();
      const attempts = this.options.createAttempts ?? 3;
      // After a POST whose outcome is unknown, a connection under our key is ours to take.
      let mayOwn = false;
      let lastError: unknown;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          const live = await client.createAuthConnection(toCreateRequest(desired));
          return { id: live.id, outs: stateAfterSending(live, desired, true) };
        } catch (err) {
          if (err instanceof ConflictError) {
            return this.onConflict(desired, inputs[PROVIDER_KEY], mayOwn, err);
          }
          if (!isOutcomeUnknown(err)) throw err;
          mayOwn = true;
          lastError = err;
          const existing = await client.findAuthConnection(desired.profileName, desired.domain);
          if (existing) return this.adopt(existing, desired, inputs[PROVIDER_KEY], true);
        }
      }
      throw lastError;
    });
  }

  async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    return this.guard(async () => {
      let live: ManagedAuth;
      try {
        live = await this.getClient().getAuthConnection(id);
      } catch (err) {
        // Only the API's own "not_found" means gone; a 404 from a proxy or a wrong base URL
        // must not make Pulumi forget a connection that still exists.
        if (err instanceof NotFoundError && err.code === "not_found") return { id: "", props: {} };
        throw err;
      }
      const old = withoutEngineKeys(props) as Partial<AuthConnectionState>;
      const state = toState(live, {
        proxy: old.proxy,
        resolvedProxyId: old.resolvedProxyId,
        adopt: old.adopt,
      });
      return { id: live.id, props: state, inputs: toLiveInputs(state) };
    });
  }

  async update(
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.UpdateResult> {
    return this.guard(async () => {
      const old = withoutEngineKeys(olds) as Partial<AuthConnectionState>;
      const desired = asKnownInputs(withoutEngineKeys(news));
      const body = planPatch(old, desired);
      if (Object.keys(body).length === 0) {
        const outs: Record<string, unknown> = { ...old };
        if (desired.adopt) outs.adopt = true;
        else delete outs.adopt;
        return { outs };
      }
      const live = await this.getClient().updateAuthConnection(id, body);
      return {
        outs: toState(live, {
          proxy: desired.proxy,
          proxyJustSent: body.proxy !== undefined,
          resolvedProxyId: old.resolvedProxyId,
          adopt: desired.adopt,
        }),
      };
    });
  }

  async delete(id: string, _props: Record<string, unknown>): Promise<void> {
    return this.guard(async () => {
      try {
        await this.getClient().deleteAuthConnection(id);
      } catch (err) {
        if (err instanceof NotFoundError) return;
        throw err;
      }
    });
  }

  private async onConflict(
    desired: CheckedInputs,
    provider: unknown,
    mayOwn: boolean,
    conflict: ConflictError,
  ): Promise<pulumi.dynamic.CreateResult> {
    const existing = await this.getClient().findAuthConnection(desired.profileName, desired.domain);
    if (!existing) throw conflict;
    if (desired.adopt || mayOwn) return this.adopt(existing, desired, provider, mayOwn);
    throw new KernelError(
      `An auth connection for profile "${desired.profileName}" and domain "${desired.domain}" ` +
        `already exists: ${existing.id}. To manage it from this stack, set \`adopt: true\` on ` +
        `this AuthConnection and run \`pulumi up\` again (its settings are then reconciled with ` +
        `one PATCH); or delete ${existing.id} in Kernel first. (\`pulumi import\` cannot work ` +
        `for dynamic resources.)`,
    );
  }

  /**
   * Takes over an existing connection and reconciles it with the minimal PATCH. `fromOurPost`:
   * it was made by a POST of ours whose answer was lost, so its proxy_id is what our proxy
   * name resolved to; otherwise a proxy named by name is re-sent to learn its resolution.
   */
  private async adopt(
    existing: ManagedAuth,
    desired: CheckedInputs,
    provider: unknown,
    fromOurPost = false,
  ): Promise<pulumi.dynamic.CreateResult> {
    const liveState = fromOurPost
      ? stateAfterSending(existing, desired, true)
      : toState(existing, { adopt: desired.adopt });
    const plan = planChanges(liveState, desired as unknown as Record<string, unknown>);
    const body = toUpdateRequest(plan.changed, desired);
    let live = existing;
    if (Object.keys(body).length > 0) {
      try {
        live = await this.getClient().updateAuthConnection(existing.id, body);
      } catch (err) {
        const reason = `took over ${existing.id}, but reconciling it failed: ${messageOf(err)}`;
        throw new PartialFailureError(
          reason,
          existing.id,
          { ...liveState, [PROVIDER_KEY]: provider },
          [`${reason}. Run \`pulumi up\` again to finish.`],
        );
      }
    }
    const state = stateAfterSending(live, desired, body.proxy !== undefined || fromOurPost);
    if (plan.replaces.length > 0) {
      const reason =
        `took over ${existing.id}, but its ${plan.replaces.join(" and ")} cannot be removed ` +
        `in place (the API has no detach)`;
      throw new PartialFailureError(reason, existing.id, { ...state, [PROVIDER_KEY]: provider }, [
        `${reason}. Run \`pulumi up\` again to replace it.`,
      ]);
    }
    return { id: existing.id, outs: state };
  }

  private getClient(): KernelClient {
    if (!this.client) {
      const settings = resolveSettings(this.config, this.options.env ?? process.env);
      this.apiKey = settings.apiKey;
      this.client = new KernelClient({
        log: (line) => process.stderr.write(`${line}\n`),
        badRequestHint,
        ...this.options.client,
        retry: {
          ...(settings.requestTimeoutMs ? { attemptTimeoutMs: settings.requestTimeoutMs } : {}),
          ...this.options.client?.retry,
        },
        baseUrl: settings.baseUrl,
        apiKey: settings.apiKey,
      });
    }
    return this.client;
  }

  /** Last line of defence: no error leaves the provider with the key in its text. */
  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      if (err instanceof Error && this.apiKey) {
        err.message = redact(err.message, this.apiKey);
        if (err.stack) err.stack = redact(err.stack, this.apiKey);
      }
      throw err;
    }
  }
}

/** Names the inputs a 400 is about, from the API field names in its message and details. */
export function badRequestHint(text: string): string {
  const inputs = Object.entries(API_FIELD)
    .filter(([, apiField]) => new RegExp(`\\b${apiField}\\b`).test(text))
    .map(([input]) => input);
  if (/plan/i.test(text) && !inputs.includes("healthCheckInterval") && /interval/i.test(text)) {
    inputs.push("healthCheckInterval");
  }
  return inputs.length
    ? `Check the AuthConnection input${inputs.length > 1 ? "s" : ""} ${inputs.join(", ")}`
    : "Check the AuthConnection's inputs";
}

function withoutEngineKeys(values: Record<string, unknown> | undefined): Record<string, unknown> {
  const { [PROVIDER_KEY]: _provider, ...rest } = values ?? {};
  return rest;
}

/** Outputs for `live` after a call that sent `desired`, its proxy included when `proxySent`. */
function stateAfterSending(live: ManagedAuth, desired: CheckedInputs, proxySent: boolean) {
  return toState(live, { proxy: desired.proxy, proxyJustSent: proxySent, adopt: desired.adopt });
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The process-wide instance the `__provider` text hands the host: one client, one pool. */
const defaultProvider = new AuthConnectionProvider();

export const configure = defaultProvider.configure.bind(defaultProvider);
export const check = defaultProvider.check.bind(defaultProvider);
export const diff = defaultProvider.diff.bind(defaultProvider);
export const create = defaultProvider.create.bind(defaultProvider);
export const read = defaultProvider.read.bind(defaultProvider);
export const update = defaultProvider.update.bind(defaultProvider);
const remove = defaultProvider.delete.bind(defaultProvider);
export { remove as delete };

