/**
 * What Credential's and CredentialProvider's check share until the shared dynamic module
 * provides it: zod issues to CheckFailures that name the input path, say what is valid and what
 * was received (never the value of a secret input), and suggest the nearest input name.
 */
import { domainToASCII } from "node:url";
import type { z } from "zod";
import { UNKNOWN } from "./types";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckResult {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
}

export interface FailureOptions {
  /** The valid top-level input names, for unknown keys and their did-you-mean. */
  inputNames: readonly string[];
  /** Top-level inputs whose values must never be echoed. */
  secretInputs: readonly string[];
}

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A bare host name, in the ASCII form the API compares (`bücher.de` → `xn--bcher-kva.de`), or
 * undefined when the value is not one (a scheme, a path, a port, a space or a wildcard).
 */
export function asciiHostName(value: string): string | undefined {
  if (value === "" || /[\s/\\?#:@*]/.test(value)) return undefined;
  const host = domainToASCII(value).toLowerCase();
  if (host === "" || host.length > 253) return undefined;
  return host.split(".").every((label) => HOST_LABEL.test(label)) ? host : undefined;
}

/** zod issues to CheckFailures; `raw` is what the program passed, for "received ...". */
export function toFailures(
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
  options: FailureOptions,
  prefix: readonly PropertyKey[] = [],
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union") {
      // orUnknown's first branch is the sentinel; the real reason is in the last branch.
      failures.push(...toFailures(issue.errors[issue.errors.length - 1] ?? [], raw, options, path));
    } else if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        failures.push({
          property: formatPath([...path, key]),
          reason: unknownKeyReason(key, path, options),
        });
      }
    } else if (issue.code === "invalid_key") {
      // A record's key: the key itself is the path; its own issue says what is wrong.
      failures.push({
        property: formatPath(path),
        reason: issue.issues[0]?.message ?? issue.message,
      });
    } else {
      const value = valueAt(raw, path);
      const secret = options.secretInputs.includes(String(path[0]));
      const lead = value === undefined ? "is required and " : "";
      failures.push({
        property: formatPath(path),
        reason: `${lead}${issue.message}; received ${describe(value, secret)}`,
      });
    }
  }
  return dedupe(failures);
}

function unknownKeyReason(key: string, path: readonly PropertyKey[], options: FailureOptions) {
  if (path.length > 0) return "is not a known field";
  const near = nearest(key, options.inputNames);
  const hint = near ? `did you mean \`${near}\`? ` : "";
  return `is not a known input; ${hint}valid inputs are ${options.inputNames.join(", ")}`;
}

/** The input name closest to `key`: same letters in another case, or at most 2 edits away. */
export function nearest(key: string, names: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const same = names.find((n) => n.toLowerCase() === lower);
  if (same) return same;
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of names) {
    const d = editDistance(lower, name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

/** What was received: its type, and its value only when the input is not secret. */
export function describe(value: unknown, secret: boolean): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (secret) return `a ${typeof value} (not shown: secret)`;
  if (typeof value === "string") {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  return `the ${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** `values.password`, `values["my key"]`: the form Pulumi shows next to the input. */
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

export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object")
    return Object.values(value).some(containsUnknown);
  return false;
}

/** Drops engine keys (`__provider`) and undefined members. */
export function withoutEngineKeys(values: Record<string, unknown> | undefined) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    if (key !== "__provider" && value !== undefined) out[key] = value;
  }
  return out;
}
