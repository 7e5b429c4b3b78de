/**
 * check helpers shared by every resource (docs/behaviour.md): zod issues become CheckFailures that name the
 * input path (`allowedDomains[2]`, `credential.path`), say what would be valid and what was
 * received, never echo a secret input's value, and suggest the nearest valid name for an
 * unknown key. check itself never throws: `checkWithSchema` turns a throw into a failure.
 */
import { z } from "zod";
import { nearestName } from "../kernel/nearestName";
import { UNKNOWN, withoutEngineKeys } from "./engineKeys";

export { nearestName };

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckResult {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
}

/** The sentinel's schema, made once: every orUnknown shares it. */
const unknownSentinel = z.literal(UNKNOWN);

/**
 * Accepts the unknown sentinel in place of any value, at any depth it is used. The real schema
 * comes first: a union stops at its first passing branch and real values are the common case,
 * so a check does not build (and drop) a failed sentinel issue for every field.
 */
export const orUnknown = <T extends z.ZodType>(schema: T) => z.union([schema, unknownSentinel]);

export interface FailureOptions {
  /** Every valid top-level input name, for "did you mean" and the list of valid inputs. */
  inputNames: readonly string[];
  /** Valid keys of the object at `path` (e.g. `credential` → name, provider, path, auto). */
  fieldsAt?: (path: readonly PropertyKey[]) => readonly string[];
  /** Top-level inputs whose values must never be echoed (credential values, tokens). */
  secretInputs?: readonly string[];
}

/**
 * Validates `news` (without `__provider`) with `schema`, then normalises the parsed value.
 * Failures come back with the raw inputs, so the engine shows what the program passed.
 */
export function checkWithSchema(
  schema: z.ZodType,
  news: Record<string, unknown>,
  options: FailureOptions,
  normalize: (parsed: Record<string, unknown>) => Record<string, unknown> = (v) => v,
): CheckResult {
  const raw = withoutEngineKeys(news);
  try {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      return { inputs: raw, failures: toFailures(parsed.error.issues, raw, options) };
    }
    // An input given as `undefined` is the same as one left out.
    const given = Object.entries(parsed.data as Record<string, unknown>).filter(
      ([, value]) => value !== undefined,
    );
    return { inputs: normalize(Object.fromEntries(given)), failures: [] };
  } catch (err) {
    // A bug in a refinement must not crash the host's check; say which resource it hit.
    const message = err instanceof Error ? err.message : String(err);
    return {
      inputs: raw,
      failures: [{ property: "", reason: `could not be checked: ${message}` }],
    };
  }
}

/** zod issues to CheckFailures, one per problem, in the order zod found them. */
export function toFailures(
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
  options: FailureOptions,
  prefix: readonly PropertyKey[] = [],
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const secret = options.secretInputs?.includes(String(path[0])) ?? false;
    if (issue.code === "invalid_union") {
      // orUnknown's last branch is the sentinel; the real reason is in the first branch.
      const first = issue.errors[0] ?? [];
      failures.push(...toFailures(first, raw, options, path));
    } else if (issue.code === "unrecognized_keys") {
      const valid = path.length === 0 ? options.inputNames : (options.fieldsAt?.(path) ?? []);
      const what = path.length === 0 ? "input" : `field of ${formatPath(path)}`;
      for (const key of issue.keys) {
        const near = nearestName(key, valid);
        const hint = near
          ? `did you mean ${near}?`
          : valid.length
            ? `valid ${path.length === 0 ? "inputs" : "fields"} are ${valid.join(", ")}`
            : "";
        failures.push({
          property: formatPath([...path, key]),
          reason: `is not a known ${what}${hint ? `; ${hint}` : ""}`,
        });
      }
    } else {
      const value = valueAt(raw, path);
      const reason =
        value === undefined
          ? `is required and ${issue.message}`
          : `${issue.message}; received ${describeReceived(value, secret)}`;
      failures.push({ property: formatPath(path), reason });
    }
  }
  return dedupe(failures);
}

/**
 * What the program passed, for a reason: its type, and its value unless it is secret.
 * `a string "1800"` is the common `config.get` trap, where a number was meant.
 */
export function describeReceived(value: unknown, secret = false): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? "" : "s"}`;
  switch (typeof value) {
    case "string": {
      if (secret) return "a string";
      const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
      return `a string ${JSON.stringify(shown)}`;
    }
    case "number":
      return secret ? "a number" : `the number ${value}`;
    case "boolean":
      return secret ? "a boolean" : String(value);
    case "object": {
      const keys = Object.keys(value as object);
      return keys.length ? `an object with ${keys.join(", ")}` : "an empty object";
    }
    default:
      return `a ${typeof value}`;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/**
 * `allowedDomains[2]`, `credential.path`: the form Pulumi shows next to the input. A key that
 * is not an identifier (an empty or spaced one, say) is quoted: `["my key"]`.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (!/^[A-Za-z_$][\w$]*$/.test(String(part))) out += `[${JSON.stringify(String(part))}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

function dedupe(failures: CheckFailure[]): CheckFailure[] {
  const seen = new Set<string>();
  return failures.filter((f) => {
    const key = `${f.property}\u0000${f.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Failures of unknown top-level inputs, with "did you mean" among `inputNames`: a spec checks
 * its own inputs only, and the core adds the inputs it owns (`project`, `adopt`) to the names.
 */
export function suggestAmong(
  failures: readonly CheckFailure[],
  inputNames: readonly string[],
): CheckFailure[] {
  return failures.map((failure) => {
    if (!failure.reason.startsWith("is not a known input") || failure.property.includes(".")) {
      return failure;
    }
    const near = nearestName(failure.property, inputNames);
    const hint = near ? `did you mean ${near}?` : `valid inputs are ${inputNames.join(", ")}`;
    return { ...failure, reason: `is not a known input; ${hint}` };
  });
}

/**
 * A name as the API stores it: non-empty, without leading or trailing spaces. Refused rather
 * than trimmed, so the program says what is stored and no preview shows the untrimmed name
 * against the trimmed live one.
 */
export const trimmedName = (reason: string) =>
  z.string({ error: reason }).refine((s) => s.length > 0 && s.trim() === s, { error: reason });
