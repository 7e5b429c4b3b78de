/**
 * What makes AuthConnection's provider different from every other resource's: the spec the
 * shared skeleton (../dynamic/provider) runs. Its unique key is (profile, domain); the I/O here
 * is the lookup by that key and the resolution of a proxy name, both through the operation the
 * skeleton passes in.
 */
import type { KernelOperation } from "../kernel/client";
import { checkInputsHint, inputsNamedIn } from "../dynamic/badRequest";
import { type ResourceSpec, checkAndPlan } from "../dynamic/spec";
import { COLLECTION, type ManagedAuth, parseManagedAuth, parseProxyItem } from "./api";
import { toCreateRequest, toUpdateRequest } from "./expand";
import { explainConnectionFailure } from "./failures";
import { toLiveInputs, toOutputs } from "./flatten";
import * as patch from "./patch";
import { planChanges } from "./patch";
import * as schema from "./schema";
import { asKnownInputs } from "./schema";
import {
  API_FIELD,
  type AuthConnectionOutputs,
  type AuthConnectionInputs,
  SERVER_OWNED,
  type UpdatableField,
} from "./types";

/** The connection for (profileName, domain) in the operation's project, if any. */
async function findConnection(
  op: KernelOperation,
  desired: AuthConnectionInputs,
): Promise<ManagedAuth | undefined> {
  const domain = desired.domain.toLowerCase();
  return op.find(
    COLLECTION,
    { profile_name: desired.profileName, domain: desired.domain },
    parseManagedAuth,
    (c) => c.profile_name === desired.profileName && c.domain.toLowerCase() === domain,
  );
}

/** The id a proxy name resolves to now: exactly one proxy of that name, else undefined. */
export async function resolveProxyName(
  op: KernelOperation,
  name: string,
): Promise<string | undefined> {
  const proxies = await op.list("/proxies", {}, parseProxyItem);
  const matches = proxies.filter((p) => p.name === name && p.id);
  return matches.length === 1 ? (matches[0].id as string) : undefined;
}

export const authConnectionSpec: ResourceSpec<
  AuthConnectionInputs,
  AuthConnectionOutputs,
  ManagedAuth
> = {
  typeName: "AuthConnection",
  collection: COLLECTION,
  replaceWarning: (replaces, deletesFirst) =>
    `replacing it (${replaces.join(", ")} changed) makes a new connection, which starts ` +
    `logged out (NEEDS_AUTH): log in again once it exists` +
    (deletesFirst ? "; the old connection is deleted first." : "."),
  projectScoped: true,
  ...checkAndPlan(schema, patch),
  createBody: (desired) => ({ ...toCreateRequest(asKnownInputs({ ...desired })) }),
  updateBody: (plan, _olds, desired) => toUpdateRequest(plan.changed as UpdatableField[], desired),
  parse: parseManagedAuth,
  toOutputs: (live, ctx) => {
    const sentProxy = (ctx.justSent?.browser as { proxy?: unknown } | undefined)?.proxy;
    return toOutputs(live, {
      telemetryDestination: ctx.desired
        ? ctx.desired.telemetryDestination
        : ctx.olds?.telemetryDestination,
      proxy: ctx.desired ? ctx.desired.proxy : ctx.olds?.proxy,
      proxyJustSent: sentProxy !== undefined,
      resolvedProxyId: ctx.olds?.resolvedProxyId,
      serverOwnedInputs: ctx.desired ? serverOwnedInputs(ctx.desired) : ctx.olds?.serverOwnedInputs,
    });
  },
  noopOutputs: (olds, desired) =>
    ({ ...olds, serverOwnedInputs: serverOwnedInputs(desired) }) as AuthConnectionOutputs,
  toLiveInputs,
  uniqueKey: {
    describe: (desired) =>
      `profile ${JSON.stringify(desired.profileName)} and domain ${JSON.stringify(desired.domain)}`,
    find: findConnection,
    /**
     * Whether the connection is exactly what our POST would have made: the plan from it to the
     * desired inputs is empty, and a proxy given by name resolves now to the live id. Not
     * enough to make it ours: a connection has no `created_at` (no `createdAt` here), so nothing
     * proves our POST made it, and the skeleton fails as a 409.
     */
    async matchesPost(op, live, desired) {
      const body = toCreateRequest(desired);
      const state = toOutputs(live, {
        telemetryDestination: desired.telemetryDestination,
        proxy: desired.proxy,
        proxyJustSent: body.browser?.proxy !== undefined,
      });
      const plan = planChanges(state, desired as unknown as Record<string, unknown>);
      if (plan.replaces.length > 0 || plan.changed.length > 0) return false;
      if (desired.proxy?.name !== undefined) {
        if (state.proxyId === undefined) return false;
        return (await resolveProxyName(op, desired.proxy.name)) === state.proxyId;
      }
      return true;
    },
  },
  explainFailure: explainConnectionFailure,
  badRequestHint,
  secretOutputs: [],
};

function serverOwnedInputs(desired: AuthConnectionInputs): string[] {
  return SERVER_OWNED.filter((field) => desired[field] !== undefined);
}

/** Names the inputs a 400 is about; a plan's interval minimum is about healthCheckInterval. */
export function badRequestHint(text: string): string {
  const planInterval = /plan/i.test(text) && /interval/i.test(text) ? ["healthCheckInterval"] : [];
  return checkInputsHint("AuthConnection", [...inputsNamedIn(text, API_FIELD), ...planInterval]);
}
