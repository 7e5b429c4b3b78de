/**
 * zod issues to CheckFailures: the input path as Pulumi shows it, what would be valid, what was
 * received (only its type for a secret input), and a did-you-mean for an unknown key. Used by
 * Proxy and Profile until the shared check helpers take over.
 */
import { z } from "zod";
import { UNKNOWN } from "../authConnection/types";

export { UNKNOWN };

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckResult {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
}

export interface FailureOptions {
  /** The valid keys of the object at `path` (top level: `[]`), for unknown-key messages. */
  validKeys(path: readonly PropertyKey[]): readonly string[];
  /** Whether a value at `path` is secret: its value is then never described. */
  isSecret(path: readonly PropertyKey[]): boolean;
}

/** Accepts Pulumi's unknown sentinel in place of any value. */
export const orUnknown = <T extends z.ZodType>(schema: T) => z.union([z.literal(UNKNOWN), schema]);

export function toCheckFailures(
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
  options: FailureOptions,
  prefix: PropertyKey[] = [],
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union") {
      // orUnknown's first branch is the sentinel; the real reason is in the last branch.
      const last = issue.errors[issue.errors.length - 1] ?? [];
      failures.push(...toCheckFailures(last, raw, options, path));
    } else if (issue.code === "unrecognized_keys") {
      const valid = options.validKeys(path);
      for (const key of issue.keys) {
        const near = nearest(key, valid);
        const hint = near ? `did you mean ${near}? ` : "";
        failures.push({
          property: formatPath([...path, key]),
          reason: `is not a known ${path.length ? "field" : "input"}; ${hint}valid ${path.length ? "fields" : "inputs"} are ${valid.join(", ")}`,
        });
      }
    } else {
      const value = valueAt(raw, path);
      const required = value === undefined;
      failures.push({
        property: formatPath(path),
        reason: required
          ? `is required and ${issue.message}`
          : `${issue.message}; received ${describe(value, options.isSecret(path))}`,
      });
    }
  }
  return dedupe(failures);
}

/** The received value for a reason: its type only when secret, else a short JSON excerpt. */
export function describe(value: unknown, secret: boolean): string {
  const type = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
  if (secret || value === null || typeof value === "object") return type;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** `bypassHosts[2]`, `config.country`; a key that is not an identifier is quoted. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (!/^[A-Za-z_$][\w$]*$/.test(String(part))) out += `[${JSON.stringify(String(part))}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** The valid name nearest to `key` (case-insensitive edit distance at most 2, or same letters). */
export function nearest(key: string, valid: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of valid) {
    const d = distance(key.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return bestDistance <= Math.max(1, Math.min(2, Math.floor(key.length / 3))) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
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

/** Whether any value, at any depth, is the unknown sentinel. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object")
    return Object.values(value).some(containsUnknown);
  return false;
}
