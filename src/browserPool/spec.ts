/**
 * What makes BrowserPool's provider different from every other resource's: the spec the shared
 * core (../dynamic/provider) runs. A pool's name is unique in its project, so a 409 and a POST
 * of unknown outcome follow the create rules of docs/behaviour.md through it; a pool without a
 * name cannot be looked up, so its unknown outcome fails and says what to check. A delete with
 * `forceDestroy` sends `{"force": true}` in the DELETE's body, as the official SDKs do.
 */
import { checkInputsHint, inputsNamedIn } from "../dynamic/badRequest";
import { type ResourceSpec, checkAndPlan } from "../dynamic/spec";
import { type KernelOperation, resourcePath } from "../kernel/client";
import { KernelError } from "../kernel/errors";
import { type BrowserPoolResponse, parseBrowserPool } from "./api";
import { toCreateRequest, toUpdateRequest } from "./expand";
import { toLiveInputs, toOutputs } from "./flatten";
import { COLLECTION, explainBrowserPoolFailure } from "./leased";
import * as patch from "./patch";
import { hasChanges, planChanges } from "./patch";
import * as schema from "./schema";
import {
  API_FIELD,
  type BrowserPoolInputs,
  type BrowserPoolOutputs,
  type BrowserPoolUpdatableField,
} from "./types";

/** Names the inputs a 400 is about. */
export function badRequestHint(text: string): string {
  return checkInputsHint("BrowserPool", inputsNamedIn(text, API_FIELD));
}

/** The pool named `desired.name` in the operation's project (the list filters by exact name). */
async function findByName(
  op: KernelOperation,
  desired: BrowserPoolInputs,
): Promise<BrowserPoolResponse | undefined> {
  if (desired.name === undefined) {
    throw new KernelError(
      "a browser pool without a name cannot be looked up: list the project's pools " +
        "(GET /browser_pools) for one made just now, and give the BrowserPool a `name`, so " +
        "that a lost answer can be recovered",
    );
  }
  const named = await op.list(resourcePath(COLLECTION), { name: desired.name }, parseBrowserPool);
  return named.find((pool) => pool.name === desired.name);
}

/** The DELETE's body: `{"force": true}` with `forceDestroy`, none without. */
export function deleteBody(
  outputs: Partial<BrowserPoolOutputs>,
): Record<string, unknown> | undefined {
  return outputs.forceDestroy === true ? { force: true } : undefined;
}

export const browserPoolSpec: ResourceSpec<
  BrowserPoolInputs,
  BrowserPoolOutputs,
  BrowserPoolResponse
> = {
  typeName: "BrowserPool",
  collection: COLLECTION,
  projectScoped: true,
  ...checkAndPlan(schema, patch),
  createBody: toCreateRequest,
  updateBody: (plan, olds, desired) =>
    toUpdateRequest(plan.changed as BrowserPoolUpdatableField[], olds, desired),
  parse: parseBrowserPool,
  toOutputs,
  toLiveInputs,
  // An update that sends nothing still records the provider's own flags (forceDestroy is read
  // by delete from the state).
  noopOutputs: (olds, desired) => {
    const out: BrowserPoolOutputs = { ...(olds as BrowserPoolOutputs) };
    for (const key of ["forceDestroy", "rebuildIdleBrowsersOnUpdate"] as const) {
      if (desired[key]) out[key] = true;
      else delete out[key];
    }
    return out;
  },
  uniqueKey: {
    describe: (desired) =>
      desired.name === undefined ? "no name" : `name ${JSON.stringify(desired.name)}`,
    find: findByName,
    /** Ours only if nothing the POST carried differs from it: the plan to it is empty. */
    async matchesPost(_op, live, desired) {
      const plan = planChanges(toOutputs(live), { ...desired });
      return !hasChanges({ ...plan, changed: plan.changed.filter((f) => f !== "forceDestroy") });
    },
    createdAt: (live) => live.created_at,
  },
  explainFailure: (op, err, action) => explainBrowserPoolFailure(op, err, action),
  badRequestHint,
  secretOutputs: [],
  deleteBody,
};
