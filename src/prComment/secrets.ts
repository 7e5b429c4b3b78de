/**
 * Secrets and unknowns between a preview and the planner. The preview shows every secret as
 * "[secret]", so an old and a new one cannot be compared; the planner compares values. Each
 * secret becomes a placeholder: the same one on both sides when the secret is known not to
 * change (the engine's diff does not name it, or both sides show the same plain value), two
 * different ones when it changes. Whatever the planner builds from them is masked back, so no
 * value of a secret field reaches the comment, even one a preview shows in plain.
 */
import { UNKNOWN } from "../dynamic/engineKeys";
import type { KernelType } from "./kernelTypes";
import { type Segment, overlaps, showPath } from "./paths";

export const SECRET = "[secret]";
export const KNOWN_AFTER_APPLY = "(known after apply)";

/** Placeholders hold no part of any value: a counter between NUL characters. */
const SECRET_MARK = "\u0000secret";
const UNKNOWN_MARK = "\u0000unknown\u0000";

export interface DiffEntry {
  path: Segment[];
  kind: string;
}

export interface Substituted {
  /** Old outputs with secrets as placeholders: the planner's `olds`. */
  olds: Record<string, unknown>;
  /** New inputs with secrets as placeholders, unknowns kept: the planner's `news`. */
  news: Record<string, unknown>;
  /** Secrets both sides show as "[secret]", whose change nothing in the preview tells. */
  unresolved: string[];
  /** A secret map's new key set was not visible, and was taken to be the old one. */
  keysAssumed: boolean;
  /** Per secret map field: its keys added, removed and changed. */
  keyChanges: Record<string, { added: string[]; removed: string[]; changed: string[] }>;
}

/**
 * The planner's inputs for one step. `diff` is the engine's detailed diff (or its reasons), or
 * undefined when the preview names no fields; `assumeChanged` decides unresolved secrets.
 */
export function substitute(
  type: KernelType,
  oldOutputs: Record<string, unknown>,
  newInputs: Record<string, unknown>,
  diff: DiffEntry[] | undefined,
  assumeChanged: boolean,
): Substituted {
  let next = 0;
  const fresh = () => `${SECRET_MARK}${next++}\u0000`;
  const unresolved: string[] = [];
  const olds = { ...oldOutputs };
  const news = { ...newInputs };
  let keysAssumed = false;

  const mapKeys = type.secretMapKeys;
  if (mapKeys) {
    const { field, keysOutput } = mapKeys;
    const liveKeys = olds[keysOutput];
    if (olds[field] === SECRET && Array.isArray(liveKeys)) {
      olds[field] = Object.fromEntries(liveKeys.map((k) => [String(k), SECRET]));
    }
    if (news[field] === SECRET) {
      const keys = new Set(isRecord(olds[field]) ? Object.keys(olds[field]) : []);
      const named = (diff ?? []).filter((d) => d.path[0] === field);
      if (diff === undefined || named.some((d) => d.path.length < 2)) keysAssumed = true;
      for (const d of named) {
        if (d.path.length < 2) continue;
        const key = String(d.path[1]);
        if (d.kind.startsWith("delete")) keys.delete(key);
        else keys.add(key);
      }
      news[field] = Object.fromEntries([...keys].map((k) => [k, SECRET]));
    }
  }

  const touched = (path: Segment[]): boolean | undefined =>
    diff === undefined ? undefined : diff.some((d) => overlaps(d.path, path));

  /** One side alone: every secret leaf a placeholder of its own. */
  const alone = (value: unknown, secret: boolean): unknown => {
    if (Array.isArray(value)) return value.map((v) => alone(v, secret));
    if (isRecord(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, alone(v, secret)]));
    }
    if (value === UNKNOWN) return value;
    return value === SECRET || (secret && value !== undefined) ? fresh() : value;
  };

  const walk = (
    old: unknown,
    neu: unknown,
    path: Segment[],
    secret: boolean,
  ): [unknown, unknown] => {
    if (old === undefined || neu === undefined) return [alone(old, secret), alone(neu, secret)];
    if (Array.isArray(old) && Array.isArray(neu)) {
      const length = Math.max(old.length, neu.length);
      const pairs = Array.from({ length }, (_, i) => walk(old[i], neu[i], [...path, i], secret));
      return [
        pairs.slice(0, old.length).map((p) => p[0]),
        pairs.slice(0, neu.length).map((p) => p[1]),
      ];
    }
    if (isRecord(old) && isRecord(neu)) {
      const o: Record<string, unknown> = {};
      const n: Record<string, unknown> = {};
      for (const key of new Set([...Object.keys(old), ...Object.keys(neu)])) {
        const inner = secret || (path.length === 0 && type.secretFields.includes(key));
        const [a, b] = walk(old[key], neu[key], [...path, key], inner);
        if (key in old) o[key] = a;
        if (key in neu) n[key] = b;
      }
      return [o, n];
    }
    const oldSecret = old === SECRET || (secret && isLeaf(old));
    const newSecret = neu === SECRET || (secret && isLeaf(neu));
    if (!oldSecret && !newSecret) return [old, neu];
    if (neu === UNKNOWN) return [alone(old, true), neu];
    if (!isLeaf(old) || !isLeaf(neu)) return [alone(old, true), alone(neu, true)];
    let same: boolean;
    if (old !== SECRET && neu !== SECRET) same = old === neu;
    else {
      const named = touched(path);
      if (named === undefined) {
        unresolved.push(showPath(path));
        same = !assumeChanged;
      } else same = !named;
    }
    const a = fresh();
    return [a, same ? a : fresh()];
  };

  const [o, n] = walk(olds, news, [], false) as [Record<string, unknown>, Record<string, unknown>];

  const keyChanges: Substituted["keyChanges"] = {};
  if (mapKeys && (isRecord(o[mapKeys.field]) || isRecord(n[mapKeys.field]))) {
    const before = isRecord(o[mapKeys.field]) ? (o[mapKeys.field] as Record<string, unknown>) : {};
    const after = isRecord(n[mapKeys.field]) ? (n[mapKeys.field] as Record<string, unknown>) : {};
    keyChanges[mapKeys.field] = {
      added: Object.keys(after).filter((k) => !(k in before)),
      removed: Object.keys(before).filter((k) => !(k in after)),
      changed: Object.keys(after).filter((k) => k in before && before[k] !== after[k]),
    };
  }
  return { olds: o, news: n, unresolved, keysAssumed, keyChanges };
}

/**
 * The inputs a request body is built from: unknowns as placeholders (a POST or PATCH body
 * builder refuses the engine's sentinel). A field unknown as a whole takes the old value's
 * shape, so that a builder spreading a list or a map does not spread a text.
 */
export function forBody(
  news: Record<string, unknown>,
  olds: Record<string, unknown>,
): Record<string, unknown> {
  const replace = (value: unknown): unknown => {
    if (value === UNKNOWN) return UNKNOWN_MARK;
    if (Array.isArray(value)) return value.map(replace);
    if (isRecord(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v)]));
    }
    return value;
  };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(news)) {
    if (value !== UNKNOWN) out[key] = replace(value);
    else if (Array.isArray(olds[key])) out[key] = [UNKNOWN_MARK];
    else if (isRecord(olds[key])) out[key] = { [UNKNOWN_MARK]: UNKNOWN_MARK };
    else out[key] = UNKNOWN_MARK;
  }
  return out;
}

/** A body as the comment shows it: secrets "[secret]", unknowns "(known after apply)". */
export function maskBody(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskBody);
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [maskText(k), maskBody(v)]));
  }
  return typeof value === "string" ? maskText(value) : value;
}

function maskText(text: string): string {
  if (text.includes(SECRET_MARK)) return SECRET;
  if (text.includes(UNKNOWN_MARK)) return KNOWN_AFTER_APPLY;
  // A stray NUL from a placeholder must never reach the comment.
  return text.includes("\u0000") ? SECRET : text;
}

/**
 * A value as the comment shows it: secret fields' values (and "[secret]") as "[secret]", a
 * secret map's keys kept, unknowns "(known after apply)".
 */
export function maskValue(value: unknown, secret: boolean): unknown {
  if (value === UNKNOWN) return KNOWN_AFTER_APPLY;
  if (value === SECRET) return SECRET;
  if (Array.isArray(value)) return value.map((v) => maskValue(v, secret));
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v, secret)]));
  }
  return secret && value !== undefined ? SECRET : value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isLeaf(value: unknown): boolean {
  return value === null || typeof value !== "object";
}
