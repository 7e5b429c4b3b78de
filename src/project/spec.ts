/**
 * What makes the Project's provider different from every other resource's: the spec the core
 * runs. Org-wide (no project header); the name is unique in the org, so a 409 and a POST of
 * unknown outcome follow the create rules of docs/behaviour.md through the unique key. The caps
 * live under their own path (`/org/projects/{id}/limits`), so a create, an update and a read
 * that involve them make one request more (`afterCreate`, `afterUpdate`, `afterRead`).
 */
import { checkInputsHint, inputsNamedIn } from "../dynamic/badRequest";
import {
  type ChangePlan,
  type CreateOutcome,
  type ResourceSpec,
  type WriteAction,
  checkAndPlan,
  uniqueName,
  listedByName,
} from "../dynamic/spec";
import { KernelApiError } from "../kernel/errors";
import { type KernelOperation, resourcePath } from "../kernel/client";
import { parseProject, parseProjectLimits, type ProjectLimitsRequest } from "./api";
import {
  desiredStatus,
  toCreateLimitsRequest,
  toCreateRequest,
  toLimitsRequest,
  toUpdateRequest,
} from "./expand";
import { type ProjectLive, toLiveInputs, toOutputs } from "./flatten";
import * as patch from "./patch";
import { matchesPost } from "./patch";
import * as schema from "./schema";
import {
  LIMIT_FIELDS,
  type ProjectInputs,
  type ProjectOutputs,
  type ProjectUpdatableField,
} from "./types";

export const COLLECTION = "/org/projects";

/** The project named `name` in the org: the list's exact name filter. */
export const findByName = listedByName(COLLECTION, parseProject);

function patchLimits(
  op: KernelOperation,
  id: string,
  body: ProjectLimitsRequest,
): Promise<ProjectLive["limits"]> {
  return op.request("PATCH", `${resourcePath(COLLECTION, id)}/limits`, {
    body,
    parse: parseProjectLimits,
  });
}

/**
 * After the POST (which takes the name alone): the archive flag as one PATCH of the status, the
 * caps as one PATCH of `/limits`. A taken-over project (adopted, or a lost POST recovered) gets
 * every cap the program sets, since its caps were not read; the core has already reconciled its
 * name and status when adopting.
 */
async function afterCreate(
  op: KernelOperation,
  live: ProjectLive,
  desired: ProjectInputs,
  outcome: CreateOutcome,
): Promise<ProjectLive> {
  let project = live;
  if (outcome !== "adopted" && desired.archived === true && live.status !== "archived") {
    project = await op.request("PATCH", resourcePath(COLLECTION, live.id), {
      body: { status: desiredStatus(desired) },
      parse: parseProject,
    });
  }
  const caps =
    outcome === "created" ? toCreateLimitsRequest(desired) : toLimitsRequest({}, desired);
  if (Object.keys(caps).length === 0) return project;
  return { ...project, limits: await patchLimits(op, live.id, caps) };
}

/** The caps' PATCH when the plan changed them; the project as it is after it. */
async function afterUpdate(
  op: KernelOperation,
  id: string,
  live: ProjectLive | undefined,
  plan: ChangePlan,
  olds: Partial<ProjectOutputs>,
  desired: ProjectInputs,
): Promise<ProjectLive | undefined> {
  if (!plan.changed.includes("limits")) return live;
  const body = toLimitsRequest(olds, desired);
  if (Object.keys(body).length === 0) return live;
  const limits = await patchLimits(op, id, body);
  // Without a PATCH of the project, its fields are as recorded.
  const project: ProjectLive = live ?? {
    id,
    name: olds.name ?? desired.name,
    status: olds.status ?? desiredStatus(olds),
    created_at: olds.createdAt,
    updated_at: olds.updatedAt,
  };
  return { ...project, limits };
}

/** A refresh reads the caps too, when the program manages one. */
async function afterRead(
  op: KernelOperation,
  live: ProjectLive,
  olds: Partial<ProjectOutputs>,
): Promise<ProjectLive> {
  if (olds.limits === undefined) return live;
  const limits = await op.request("GET", `${resourcePath(COLLECTION, live.id)}/limits`, {
    parse: parseProjectLimits,
  });
  return { ...live, limits };
}

/**
 * A delete the API refuses says why in the program's words: the project still holds objects,
 * or it is the organisation's last active project. The state is kept (the core rethrows).
 */
export async function explainProjectFailure(
  _op: KernelOperation,
  err: unknown,
  action: WriteAction,
): Promise<unknown> {
  if (action.kind !== "delete" || !(err instanceof KernelApiError)) return err;
  if (err.code === "project_not_empty") {
    err.message +=
      `. Project ${action.id} still holds objects (auth connections, credentials, profiles, ` +
      `proxies, browser pools, ...), and the API deletes only an empty project. Delete them ` +
      `first; resources of this stack that name the project (\`project: team.name\`) are ` +
      `deleted before it`;
  } else if (err.code === "last_active_project") {
    err.message +=
      `. Project ${action.id} is the organisation's last active project, and the API keeps ` +
      `one: create or un-archive another project first`;
  }
  return err;
}

/** Names the inputs a 400 is about, from the API field names in its message and details. */
export function badRequestHint(text: string): string {
  return checkInputsHint(
    "Project",
    inputsNamedIn(text, { name: "name", archived: "status", ...prefixed(LIMIT_FIELDS) }),
  );
}

function prefixed(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [`limits.${k}`, v]));
}

export const projectSpec: ResourceSpec<ProjectInputs, ProjectOutputs, ProjectLive> = {
  typeName: "Project",
  collection: COLLECTION,
  projectScoped: false,
  ...checkAndPlan(schema, patch),
  createBody: toCreateRequest,
  updateBody: (plan, olds, desired) =>
    toUpdateRequest(plan.changed as ProjectUpdatableField[], olds, desired),
  parse: parseProject,
  toOutputs,
  toLiveInputs,
  uniqueKey: uniqueName(findByName, matchesPost),
  afterCreate,
  afterUpdate,
  afterRead,
  explainFailure: explainProjectFailure,
  badRequestHint,
  secretOutputs: [],
};
