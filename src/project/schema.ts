/**
 * Project's check: validation and normalisation (docs/behaviour.md). Pure and total; the core
 * has already dealt with `adopt` (a project has no `project` input: it is org-wide).
 */
import { z } from "zod";
import { type CheckResult, checkWithSchema, orUnknown } from "../dynamic/checks";
import { LIMIT_NAMES } from "./types";

const reasons = {
  name:
    "must be a project name of 1 to 255 characters, without / or %, control characters or " +
    "leading or trailing spaces, and not . or ..",
  archived: "must be true or false",
  limits: "must be an object with maxConcurrentSessions and/or maxConcurrentInvocations",
  limit: "must be a whole number, at least 0 (0 means no project-level cap)",
} as const;

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[/%\u0000-\u001f\u007f]/;

/** The API counts code points, not UTF-16 units. */
function validName(name: string): boolean {
  const length = [...name].length;
  return (
    length >= 1 &&
    length <= 255 &&
    name.trim() === name &&
    name !== "." &&
    name !== ".." &&
    !FORBIDDEN.test(name)
  );
}

const limitSchema = orUnknown(
  z.number({ error: reasons.limit }).int({ error: reasons.limit }).min(0, { error: reasons.limit }),
).optional();

const limitsSchema = z.strictObject(
  { maxConcurrentSessions: limitSchema, maxConcurrentInvocations: limitSchema },
  { error: (issue) => (issue.code === "invalid_type" ? reasons.limits : undefined) },
);

export const projectInputsSchema = z.strictObject({
  name: orUnknown(z.string({ error: reasons.name }).refine(validName, { error: reasons.name })),
  archived: orUnknown(z.boolean({ error: reasons.archived })).optional(),
  limits: orUnknown(limitsSchema).optional(),
});

export const INPUT_NAMES: readonly string[] = Object.keys(projectInputsSchema.shape);

/** Validates and normalises a Project's own inputs; never throws. */
export function checkInputs(news: Record<string, unknown>): CheckResult {
  return checkWithSchema(
    projectInputsSchema,
    news,
    {
      inputNames: INPUT_NAMES,
      fieldsAt: (path) => (path.length === 1 && path[0] === "limits" ? LIMIT_NAMES : []),
    },
    normalize,
  );
}

/** Equal intent gives equal inputs: `archived: false` is the same as unset (active). */
function normalize(data: Record<string, unknown>): Record<string, unknown> {
  const out = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  if (out.archived === false) delete out.archived;
  if (out.limits !== null && typeof out.limits === "object") {
    out.limits = Object.fromEntries(Object.entries(out.limits).filter(([, v]) => v !== undefined));
  }
  return out;
}
