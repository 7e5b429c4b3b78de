/**
 * The engine's own diff of old against new inputs, as Pulumi computes it for a dynamic
 * resource whose provider answers DIFF_UNKNOWN (src/dynamic/engineDiff.ts), and the lines
 * `pulumi preview --diff` prints for it:
 * - objects are compared key by key, lists index by index (an element added at the end is one
 *   `+ list[n]`, a shifted list is a line per index), scalars by value;
 * - secret markers are unwrapped before comparing, and a value that was or is secret prints
 *   as `[secret]`; an unknown prints as `output<string>`.
 * Paths are written as Pulumi's `detailedDiff` keys: `values.password`, `allowedDomains[2]`.
 */
import { UNKNOWN } from "../dynamic/engineKeys";
import { type Props, isSecret } from "./providerHost";

export interface InputChange {
  /** `allowedDomains[2]`, `values.password`, `loginUrl`. */
  path: string;
  kind: "add" | "delete" | "update";
  /** The line the preview prints: `~ loginUrl: "a" => "b"`. */
  line: string;
}

/** Every difference, in key order; `__provider` aside. */
export function diffInputs(olds: Props, news: Props): InputChange[] {
  const changes: InputChange[] = [];
  diffObject(without(olds), without(news), "", false, changes);
  return changes;
}

/** The top-level keys that differ: what the engine reports as `diffReasons`. */
export function changedKeys(changes: readonly InputChange[]): string[] {
  return [...new Set(changes.map((c) => /^[^.[]+/.exec(c.path)?.[0] ?? c.path))];
}

function without(values: Props): Props {
  const { __provider: _provider, ...rest } = values;
  return rest;
}

function diffValue(
  old: unknown,
  next: unknown,
  path: string,
  secret: boolean,
  out: InputChange[],
): void {
  const hidden = secret || isSecret(old) || isSecret(next);
  const a = unwrap(old);
  const b = unwrap(next);
  if (isObject(a) && isObject(b)) return diffObject(a, b, path, hidden, out);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const at = `${path}[${i}]`;
      if (i >= a.length) out.push(change(at, "add", undefined, b[i], hidden));
      else if (i >= b.length) out.push(change(at, "delete", a[i], undefined, hidden));
      else diffValue(a[i], b[i], at, hidden, out);
    }
    return;
  }
  if (!sameValue(a, b)) out.push(change(path, "update", old, next, hidden));
}

function diffObject(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  prefix: string,
  secret: boolean,
  out: InputChange[],
): void {
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const path = prefix ? `${prefix}.${key}` : key;
    const has = (o: Record<string, unknown>) => Object.hasOwn(o, key) && o[key] !== undefined;
    if (!has(a)) out.push(change(path, "add", undefined, b[key], secret));
    else if (!has(b)) out.push(change(path, "delete", a[key], undefined, secret));
    else diffValue(a[key], b[key], path, secret, out);
  }
}

function change(
  path: string,
  kind: InputChange["kind"],
  old: unknown,
  next: unknown,
  secret: boolean,
): InputChange {
  const line =
    kind === "add"
      ? `+ ${path}: ${show(next, secret)}`
      : kind === "delete"
        ? `- ${path}: ${show(old, secret)}`
        : `~ ${path}: ${show(old, secret)} => ${show(next, secret)}`;
  return { path, kind, line };
}

function show(value: unknown, secret: boolean): string {
  if (secret || containsSecretMarker(value)) return "[secret]";
  if (value === UNKNOWN) return "output<string>";
  return JSON.stringify(value);
}

function containsSecretMarker(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecretMarker);
  if (isObject(value)) return Object.values(value).some(containsSecretMarker);
  return false;
}

function unwrap(value: unknown): unknown {
  return isSecret(value) ? unwrap(value.value) : value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !isSecret(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

function strip(value: unknown): unknown {
  const v = unwrap(value);
  if (Array.isArray(v)) return v.map(strip);
  if (isObject(v)) {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, strip(v[k])]),
    );
  }
  return v;
}
