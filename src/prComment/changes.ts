/**
 * From a preview's steps to what the comment says about each Kernel resource: the operation,
 * the fields that change, why a replacement replaces, and the requests the provider will
 * send. The plan and the bodies come from the resource's own spec (./kernelTypes) through the
 * skeleton's diff decision (../dynamic/plan), never from rules of the comment's own.
 */
import { PROVIDER_KEY, withoutEngineKeys } from "../dynamic/engineKeys";
import { planDiff } from "../dynamic/plan";
import type { ChangePlan } from "../dynamic/spec";
import { PROJECT_KEY, desiredProject, recordedProject } from "../dynamic/project";
import { resourcePath } from "../kernel/client";
import { KERNEL_TYPES, type KernelType, isKernelToken, knownTypeNames } from "./kernelTypes";
import { parsePath } from "./paths";
import { type Preview, PreviewInputError, type PreviewStep } from "./preview";
import {
  type DiffEntry,
  KNOWN_AFTER_APPLY,
  SECRET,
  forBody,
  isRecord,
  maskBody,
  maskValue,
  substitute,
} from "./secrets";

export type Operation = "create" | "update" | "replace" | "delete" | "read" | "drift";

export interface FieldChange {
  field: string;
  /** As shown: JSON with secrets masked; undefined when unset. */
  before?: string;
  after?: string;
  /** For a secret map: which keys are added, removed or changed. */
  detail?: string;
  /** Changed outside Pulumi since the last deployment: the deployed and the live value. */
  drift?: { deployed?: string; live?: string };
  /** True when the program does not change it back (the provider sends nothing for it). */
  kept?: boolean;
}

export interface KernelRequest {
  method: "POST" | "PATCH" | "DELETE" | "GET";
  path: string;
  /** `X-Kernel-Project`, when the request goes to a named project. */
  project?: string;
  /** Masked; absent for DELETE and GET. */
  body?: unknown;
}

export interface KernelChange {
  op: Operation;
  type: string;
  typeName: string;
  name: string;
  urn: string;
  id?: string;
  fields: FieldChange[];
  replaceReasons: string[];
  /** For a replacement: whether the new object is created before the old one is deleted. */
  createFirst?: boolean;
  requests: KernelRequest[];
  notes: string[];
  drifted: boolean;
}

export interface OtherChange {
  op: string;
  type: string;
  name: string;
  drifted: boolean;
}

export interface StackChanges {
  stack: string;
  project: string;
  kernel: KernelChange[];
  others: OtherChange[];
  unchanged: number;
  errors: string[];
  /** The preview ran a refresh first (`--refresh`), so drift could be seen. */
  refreshed: boolean;
}

/** Steps that change nothing; refresh steps are read for drift only. */
const QUIET = new Set(["same", "refresh", "delete-replaced", "discard", "discard-replaced"]);

/** The parts of a replacement `--show-replacement-steps` lists beside its `replace` step. */
const REPLACEMENT_PARTS = new Set([
  "create-replacement",
  "delete-replaced",
  "discard-replaced",
  "import-replacement",
  "read-replacement",
  "remove-pending-replace",
]);

/**
 * Per URN, the index of the step that says what happens to the resource: its `replace` step if
 * it has one, else its last step that is neither a refresh nor the deleting part of a
 * replacement. A URN's steps before it, other than replacement parts, are its refresh.
 */
function mainSteps(steps: PreviewStep[]): Map<string, number> {
  const main = new Map<string, number>();
  steps.forEach((step, index) => {
    const current = main.get(step.urn);
    const currentOp = current === undefined ? undefined : steps[current].op;
    if (currentOp === "replace") return;
    if (step.op === "replace" || current === undefined) main.set(step.urn, index);
    else if (step.op !== "refresh" && !/^(delete|discard)-replaced$/.test(step.op)) {
      main.set(step.urn, index);
    }
  });
  return main;
}

export function stackChanges(preview: Preview): StackChanges {
  const settings = { project: plainText(preview.config["kernel:project"]) };
  const main = mainSteps(preview.steps);
  const drift = driftByUrn(preview.steps, main);
  const refreshed = preview.steps.some((s) => s.op === "refresh") || drift.size > 0;
  const kernel: KernelChange[] = [];
  const others: OtherChange[] = [];
  const seen = new Set<string>();
  preview.steps.forEach((step, index) => {
    if (main.get(step.urn) !== index) return;
    if (step.type === "pulumi:pulumi:Stack" || step.type.startsWith("pulumi:providers:")) return;
    const drifted = drift.get(step.urn);
    if (QUIET.has(step.op) && !drifted) return;
    seen.add(step.urn);
    if (!isKernelToken(step.type)) {
      others.push({ op: step.op, type: step.type, name: step.name, drifted: Boolean(drifted) });
      return;
    }
    const type = KERNEL_TYPES[step.type];
    if (!type) {
      throw new PreviewInputError(
        `${step.urn}: the resource type ${JSON.stringify(step.type)} is not one this version of ` +
          `pulumi-kernel knows (it knows ${knownTypeNames().join(", ")}); upgrade pulumi-kernel`,
      );
    }
    kernel.push(kernelChange(type, step, settings, drifted));
  });
  return {
    stack: preview.stack,
    project: preview.project,
    kernel,
    others,
    unchanged: preview.changeSummary.same ?? 0,
    errors: preview.errors,
    refreshed,
  };
}

type Drift = Map<string, { deployed?: string; live?: string }>;

/**
 * Fields a refresh found changed outside Pulumi, per URN: the inputs of the last deployment (the
 * refresh step's old state) against the inputs as live. The live ones are the refresh step's new
 * state when the engine shows the refreshed state there, else the old state of the URN's later
 * step, which the engine plans from the refreshed state. A refresh is a step of op `refresh`, or
 * an earlier step of a URN than its main one that is no part of a replacement (the engine may
 * rewrite a refresh that found a difference as an update or a delete).
 */
function driftByUrn(steps: PreviewStep[], main: Map<string, number>): Map<string, Drift> {
  const out = new Map<string, Drift>();
  steps.forEach((step, index) => {
    const mainIndex = main.get(step.urn)!;
    const later = mainIndex > index ? steps[mainIndex] : undefined;
    const isRefresh =
      step.op === "refresh" || (later !== undefined && !REPLACEMENT_PARTS.has(step.op));
    if (!isRefresh || !step.oldState) return;
    const type = KERNEL_TYPES[step.type];
    const secret = (field: string) => type?.secretFields.includes(field) ?? false;
    const deployed = withoutEngineKeys(step.oldState.inputs);
    const refreshed = step.newState ? withoutEngineKeys(step.newState.inputs) : undefined;
    const changedHere = refreshed !== undefined && differs(deployed, refreshed);
    const live = changedHere
      ? refreshed
      : later?.oldState
        ? withoutEngineKeys(later.oldState.inputs)
        : step.op === "refresh" && later?.op !== "create"
          ? refreshed
          : undefined;
    const fields: Drift = new Map();
    if (live === undefined) {
      fields.set("(the whole resource)", { deployed: "exists", live: "deleted" });
    } else {
      for (const key of new Set([...Object.keys(deployed), ...Object.keys(live)])) {
        // A secret cannot be read back: its "change" is no drift anyone can see.
        if (secret(key)) continue;
        const a = show(deployed[key], false);
        const b = show(live[key], false);
        if (a !== b && a !== JSON.stringify(SECRET) && b !== JSON.stringify(SECRET)) {
          fields.set(key, { deployed: a, live: b });
        }
      }
    }
    if (fields.size > 0) out.set(step.urn, fields);
  });
  return out;
}

function differs(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}

function kernelChange(
  type: KernelType,
  step: PreviewStep,
  settings: { project?: string },
  drift: Drift | undefined,
): KernelChange {
  const base = {
    type: step.type,
    typeName: type.name,
    name: step.name,
    urn: step.urn,
    ...(step.oldState?.id ? { id: step.oldState.id } : {}),
    replaceReasons: [] as string[],
    notes: [] as string[],
    drifted: drift !== undefined,
  };
  const oldOutputs = withoutEngineKeys(step.oldState?.outputs ?? {});
  const newInputs = withoutEngineKeys(step.newState?.inputs ?? {});
  const secret = (field: string) => type.secretFields.includes(field);
  const id = step.oldState?.id;
  const path = () => resourcePath(type.collection, id ?? KNOWN_AFTER_APPLY);
  const oldProject = type.projectScoped ? recordedProject(oldOutputs) : undefined;
  const driftRows = (fields: FieldChange[]): FieldChange[] => {
    if (!drift) return fields;
    const rows = fields.map((f) => (drift.has(f.field) ? { ...f, drift: drift.get(f.field) } : f));
    for (const [field, d] of drift) {
      if (rows.some((r) => r.field === field)) continue;
      rows.push({ field, before: d.live, after: d.live, drift: d, kept: true });
    }
    return rows;
  };

  if (step.op === "delete") {
    return {
      ...base,
      op: "delete",
      fields: driftRows([]),
      requests: [{ method: "DELETE", path: path(), ...projectOf(oldProject) }],
    };
  }
  if (step.op === "read") {
    return {
      ...base,
      op: "read",
      fields: [],
      requests: [{ method: "GET", path: path(), ...projectOf(oldProject) }],
    };
  }
  if (step.op === "create" || (step.op === "create-replacement" && !step.oldState)) {
    const sub = substitute(type, {}, newInputs, undefined, false);
    const hidden = sub.keysAssumed ? type.secretMapKeys?.field : undefined;
    const body = withHiddenKeys(
      hidden,
      build(() => type.createBody(forBody(sub.news, {}))),
    );
    const project = type.projectScoped
      ? desiredProject(newInputs[PROJECT_KEY], settings)
      : undefined;
    const fields = Object.entries(newInputs)
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => ({ field, after: show(value, secret(field)) }));
    return {
      ...base,
      op: "create",
      fields: driftRows(fields),
      notes: body.error ? [body.error] : [],
      requests: [
        {
          method: "POST",
          path: resourcePath(type.collection),
          ...projectOf(project),
          ...bodyOf(body),
        },
      ],
    };
  }
  if (step.op === "update" || step.op === "replace" || step.op === "create-replacement") {
    const diff = diffEntries(step);
    let sub = substitute(type, oldOutputs, newInputs, diff, false);
    let plan = planOf(type, sub.olds, sub.news, settings);
    const notes: string[] = [];
    const hiddenKeys =
      sub.keysAssumed && diff === undefined ? type.secretMapKeys?.field : undefined;
    if (sub.unresolved.length > 0) {
      const unexplained =
        "error" in plan || (plan.changed.length === 0 && plan.replaces.length === 0);
      if (unexplained) {
        // The engine plans a change that no visible field explains: a secret changes.
        sub = substitute(type, oldOutputs, newInputs, diff, true);
        plan = planOf(type, sub.olds, sub.news, settings);
      }
      const secrets = hiddenKeys
        ? [`\`${hiddenKeys}\` (keys included)`]
        : sub.unresolved.map((p) => `\`${p}\``);
      notes.push(
        `The preview shows secrets as \`[secret]\` and names no changed field, so it cannot tell ` +
          (unexplained
            ? `what in ${secrets.join(", ")} changes: the request carries exactly what did.`
            : `whether ${secrets.join(", ")} change too: the request would then carry them as well.`),
      );
    }
    if ("error" in plan) {
      return { ...base, op: "update", fields: [], notes: [...notes, plan.error], requests: [] };
    }
    const fieldNames = [...new Set([...plan.replaces, ...plan.changed])];
    const uncertain = sub.unresolved.length > 0;
    const fields = fieldNames.map((field): FieldChange => {
      const keys = sub.keyChanges[field];
      // A secret map shows its keys (no secret), each value masked.
      const shown = (side: Record<string, unknown>, raw: unknown) =>
        keys && isRecord(side[field]) ? show(side[field], true) : show(raw, secret(field));
      return {
        field,
        before: shown(sub.olds, oldOutputs[field]),
        after: shown(sub.news, newInputs[field]),
        ...(keys ? { detail: describeKeys(keys, uncertain) } : {}),
      };
    });
    const reasons = (
      step.replaceReasons && step.replaceReasons.length > 0 ? step.replaceReasons : plan.replaces
    ).map(replaceReason);
    if (plan.replaces.length === 0 && reasons.length === 0) {
      const body = withHiddenKeys(
        hiddenKeys,
        build(() => type.updateBody(plan, sub.olds, forBody(sub.news, sub.olds))),
      );
      const requests: KernelRequest[] =
        body.body && Object.keys(body.body).length === 0
          ? []
          : [{ method: "PATCH", path: path(), ...projectOf(oldProject), ...bodyOf(body) }];
      if (requests.length === 0 && !body.error) {
        notes.push("Nothing the API holds changes: the provider sends no request.");
      }
      if (body.error) notes.push(body.error);
      return { ...base, op: "update", fields: driftRows(fields), notes, requests };
    }
    const createFirst = !plan.deleteBeforeReplace;
    const body = withHiddenKeys(
      hiddenKeys,
      build(() => type.createBody(forBody(sub.news, sub.olds))),
    );
    if (body.error) notes.push(body.error);
    const newProject = type.projectScoped
      ? (desiredProject(newInputs[PROJECT_KEY], settings) ?? oldProject)
      : undefined;
    const post: KernelRequest = {
      method: "POST",
      path: resourcePath(type.collection),
      ...projectOf(newProject),
      ...bodyOf(body),
    };
    const del: KernelRequest = { method: "DELETE", path: path(), ...projectOf(oldProject) };
    return {
      ...base,
      op: "replace",
      fields: driftRows(fields),
      replaceReasons: reasons,
      createFirst,
      notes,
      requests: createFirst ? [post, del] : [del, post],
    };
  }
  // A drift the program leaves as it is, or a step of an op the comment has no request for.
  return { ...base, op: "drift", fields: driftRows([]), requests: [] };
}

function planOf(
  type: KernelType,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  settings: { project?: string },
): ChangePlan | { error: string } {
  try {
    return planDiff(type, olds, news, settings);
  } catch (err) {
    return { error: `The provider's plan could not be computed from the preview: ${reason(err)}` };
  }
}

function build(make: () => Record<string, unknown>): { body?: unknown; error?: string } {
  try {
    return { body: maskBody(make()) };
  } catch (err) {
    return { error: `The request body could not be computed from the preview: ${reason(err)}` };
  }
}

/** An error's message, without anything a placeholder could have put into it. */
function reason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return maskBody(text) as string;
}

/**
 * A body whose secret map's keys the preview hides shows that field masked whole: the keys it
 * would list are a guess.
 */
function withHiddenKeys(
  field: string | undefined,
  result: { body?: unknown; error?: string },
): { body?: unknown; error?: string } {
  if (!field || !isRecord(result.body) || !(field in result.body)) return result;
  return { ...result, body: { ...result.body, [field]: SECRET } };
}

function bodyOf(result: { body?: unknown }): { body?: unknown } {
  return result.body === undefined ? {} : { body: result.body };
}

function projectOf(project: string | undefined): { project?: string } {
  return project === undefined || project === KNOWN_AFTER_APPLY ? {} : { project };
}

/** The engine's named fields, or undefined when the preview names none. */
function diffEntries(step: PreviewStep): DiffEntry[] | undefined {
  const detailed = Object.entries(step.detailedDiff ?? {});
  if (detailed.length > 0) {
    return detailed.map(([path, d]) => ({ path: parsePath(path), kind: d.kind }));
  }
  if (step.diffReasons && step.diffReasons.length > 0) {
    return step.diffReasons
      .filter((r) => r !== PROVIDER_KEY)
      .map((r) => ({ path: parsePath(r), kind: "update" }));
  }
  return undefined;
}

function replaceReason(field: string): string {
  if (field === PROJECT_KEY) return "`project` moves it to another project";
  return `\`${field}\` cannot change in place`;
}

function describeKeys(
  keys: { added: string[]; removed: string[]; changed: string[] },
  uncertain: boolean,
): string {
  const list = (names: string[]) => names.map((n) => `\`${n}\``).join(", ");
  const parts = [
    keys.changed.length ? `${list(keys.changed)} ${uncertain ? "may have " : ""}changed` : "",
    keys.added.length ? `${list(keys.added)} added` : "",
    keys.removed.length ? `${list(keys.removed)} removed` : "",
  ].filter(Boolean);
  return parts.length ? `keys: ${parts.join("; ")}` : "";
}

/** A value as the comment shows it: JSON, secrets masked; undefined stays undefined. */
export function show(value: unknown, secret: boolean): string | undefined {
  if (value === undefined) return undefined;
  const masked = maskValue(value, secret);
  if (masked === KNOWN_AFTER_APPLY) return KNOWN_AFTER_APPLY;
  return JSON.stringify(masked);
}

function plainText(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && value !== SECRET ? value : undefined;
}
