/**
 * Reading the output of `pulumi preview --json` (the engine's preview digest): one JSON
 * document `{config, steps, diagnostics, duration, changeSummary}`, each step
 * `{op, urn, provider, oldState, newState, diffReasons, replaceReasons, detailedDiff}` with the
 * states' `inputs` and `outputs`, secrets as "[secret]" and unknowns as the engine's sentinel.
 * Anything else is refused with a message that says what was expected; unknown fields are kept
 * out of the way, not refused.
 */
import { z } from "zod";

export class PreviewInputError extends Error {
  override name = "PreviewInputError";
}

const EXPECTED = "the output of `pulumi preview --json` (one JSON document with `steps`)";

const stateSchema = z.looseObject({
  urn: z.string().optional(),
  type: z.string().optional(),
  id: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()).nullish(),
  outputs: z.record(z.string(), z.unknown()).nullish(),
});

const propertyDiffSchema = z.looseObject({
  kind: z.string(),
  inputDiff: z.boolean().optional(),
});

const stepSchema = z.looseObject({
  op: z.string(),
  urn: z.string().startsWith("urn:pulumi:", { error: "is not a Pulumi URN" }),
  provider: z.string().optional(),
  oldState: stateSchema.nullish(),
  newState: stateSchema.nullish(),
  diffReasons: z.array(z.string()).nullish(),
  replaceReasons: z.array(z.string()).nullish(),
  detailedDiff: z.record(z.string(), propertyDiffSchema).nullish(),
});

const digestSchema = z.looseObject({
  config: z.record(z.string(), z.unknown()).nullish(),
  steps: z.array(stepSchema).nullish(),
  diagnostics: z
    .array(
      z.looseObject({
        urn: z.string().optional(),
        message: z.string().optional(),
        severity: z.string().optional(),
      }),
    )
    .nullish(),
  changeSummary: z.record(z.string(), z.number()).nullish(),
});

export interface ResourceState {
  type: string;
  id?: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

export interface PropertyDiff {
  kind: string;
  inputDiff?: boolean;
}

export interface PreviewStep {
  op: string;
  urn: string;
  /** From the URN: the resource's type token and name. */
  type: string;
  name: string;
  oldState?: ResourceState;
  newState?: ResourceState;
  diffReasons?: string[];
  replaceReasons?: string[];
  /** Null when the provider named no fields (a dynamic provider that answered `changes`). */
  detailedDiff?: Record<string, PropertyDiff>;
}

export interface Preview {
  stack: string;
  project: string;
  config: Record<string, unknown>;
  steps: PreviewStep[];
  changeSummary: Record<string, number>;
  /** Error diagnostics: a preview that failed says why here. */
  errors: string[];
}

/** Stack, project, type and name from `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function parseUrn(urn: string): {
  stack: string;
  project: string;
  type: string;
  name: string;
} {
  const parts = urn.slice("urn:pulumi:".length).split("::");
  if (parts.length < 4) throw new PreviewInputError(`${JSON.stringify(urn)} is not a Pulumi URN`);
  const [stack, project, qualifiedType] = parts;
  const types = qualifiedType.split("$");
  return { stack, project, type: types[types.length - 1], name: parts.slice(3).join("::") };
}

/** Parses one preview; `source` names the file in messages. Throws PreviewInputError. */
export function parsePreview(text: string, source: string): Preview {
  const fail = (why: string): never => {
    throw new PreviewInputError(`${source}: ${why}; expected ${EXPECTED}`);
  };
  const trimmed = text.trim();
  if (trimmed === "") fail("it is empty");
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    if (isEventStream(trimmed)) fail(streamingMessage());
    if (/^(Previewing|Updating|Refreshing|Destroying)\b/.test(trimmed)) {
      fail("this is the text output of a Pulumi command, not JSON (run it with `--json`)");
    }
    // The parser's own message quotes the text, which may hold anything: not repeated.
    fail("it is not JSON");
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    fail(`it is JSON, but ${Array.isArray(json) ? "an array" : typeof json}, not an object`);
  }
  const object = json as Record<string, unknown>;
  if ("sequence" in object && "timestamp" in object) fail(streamingMessage());
  if ("deployment" in object && "version" in object) {
    fail("this is a stack export (`pulumi stack export`), not a preview");
  }
  if (!("steps" in object) && !("changeSummary" in object) && !("diagnostics" in object)) {
    fail(`its keys are ${describeKeys(object)}, with none of steps, changeSummary, diagnostics`);
  }
  const steps = Array.isArray(object.steps) ? object.steps : [];
  if (steps.some((s) => hasDiffKind(s))) {
    fail(
      "its steps' detailed diffs say `diffKind`, as the engine's event stream does " +
        "(another Pulumi version's shape, or PULUMI_ENABLE_STREAMING_JSON_PREVIEW set)",
    );
  }
  const parsed = digestSchema.safeParse(object);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`${issue.path.map(String).join(".") || "the document"} ${issue.message}`);
  }
  const digest = parsed.data!;
  const previewSteps = (digest.steps ?? []).map((step): PreviewStep => {
    const { type, name } = parseUrn(step.urn);
    return {
      op: step.op,
      urn: step.urn,
      type,
      name,
      ...(step.oldState ? { oldState: toState(step.oldState, type) } : {}),
      ...(step.newState ? { newState: toState(step.newState, type) } : {}),
      ...(step.diffReasons ? { diffReasons: step.diffReasons } : {}),
      ...(step.replaceReasons ? { replaceReasons: step.replaceReasons } : {}),
      ...(step.detailedDiff ? { detailedDiff: step.detailedDiff } : {}),
    };
  });
  const first = previewSteps[0];
  const where = first ? parseUrn(first.urn) : undefined;
  if (!where) fail("it has no steps, so it does not say which stack it is of");
  return {
    stack: where!.stack,
    project: where!.project,
    config: digest.config ?? {},
    steps: previewSteps,
    changeSummary: digest.changeSummary ?? {},
    errors: (digest.diagnostics ?? [])
      .filter((d) => d.severity === "error" && d.message)
      .map((d) => d.message!.trim()),
  };
}

function toState(state: z.infer<typeof stateSchema>, type: string): ResourceState {
  return {
    type: state.type ?? type,
    ...(state.id ? { id: state.id } : {}),
    inputs: state.inputs ?? {},
    outputs: state.outputs ?? {},
  };
}

function hasDiffKind(step: unknown): boolean {
  const diff = (step as { detailedDiff?: unknown } | null)?.detailedDiff;
  if (diff === null || typeof diff !== "object") return false;
  return Object.values(diff).some((d) => d !== null && typeof d === "object" && "diffKind" in d);
}

/** Several lines, each a JSON object with `sequence` and `timestamp`: the event stream. */
function isEventStream(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (lines.length < 2) return false;
  try {
    const first = JSON.parse(lines[0]) as Record<string, unknown>;
    return "sequence" in first && "timestamp" in first;
  } catch {
    return false;
  }
}

function streamingMessage(): string {
  return (
    "this is the engine's event stream (one event a line, with `sequence` and `timestamp`), as " +
    "`pulumi preview --json` writes it with PULUMI_ENABLE_STREAMING_JSON_PREVIEW set, or " +
    "`pulumi up --json`; run `pulumi preview --json` without that setting"
  );
}

function describeKeys(object: Record<string, unknown>): string {
  const keys = Object.keys(object);
  if (keys.length === 0) return "none";
  const shown = keys.slice(0, 6).map((k) => JSON.stringify(k.slice(0, 40)));
  return shown.join(", ") + (keys.length > 6 ? `, and ${keys.length - 6} more` : "");
}
