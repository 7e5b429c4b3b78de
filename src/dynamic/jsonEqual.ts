/**
 * Equality of values as JSON, key order aside: what the planners and the engine's diff compare a
 * field by.
 */

/** JSON with sorted keys, so that key order never makes a difference. */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v) =>
      v !== null && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1)))
        : v,
    ) ?? "undefined"
  );
}

/**
 * `canonicalJson(a) === canonicalJson(b)`, without writing either text: diff and update compare
 * fields on every call, and the texts were most of that cost. Plain JSON data (what the engine
 * sends) is compared directly; anything else is left to the texts.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return plainEqual(a, b) ?? canonicalJson(a) === canonicalJson(b);
}

type Kind = "scalar" | "array" | "object" | "undefined" | "other";

function kindOf(value: unknown): Kind {
  if (value === null || typeof value === "string" || typeof value === "boolean") return "scalar";
  if (typeof value === "number") return Number.isFinite(value) ? "scalar" : "other";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "array";
  if (typeof value !== "object") return "other";
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return "other";
  return "toJSON" in value ? "other" : "object";
}

/** Whether two values are the same JSON; undefined when one is not plain JSON data. */
function plainEqual(a: unknown, b: unknown): boolean | undefined {
  const kind = kindOf(a);
  const other = kindOf(b);
  if (kind === "other" || other === "other") return undefined;
  if (kind !== other) return false;
  switch (kind) {
    case "scalar":
      return a === b;
    case "undefined":
      return true;
    case "array": {
      const x = a as unknown[];
      const y = b as unknown[];
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) {
        // In a list, undefined is written as null.
        const equal = plainEqual(
          x[i] === undefined ? null : x[i],
          y[i] === undefined ? null : y[i],
        );
        if (equal !== true) return equal;
      }
      return true;
    }
    default: {
      // Keys whose value is undefined are not written.
      const x = a as Record<string, unknown>;
      const y = b as Record<string, unknown>;
      let count = 0;
      for (const key of Object.keys(y)) {
        if (y[key] === undefined) continue;
        if (kindOf(y[key]) === "other") return undefined;
        count++;
      }
      for (const key of Object.keys(x)) {
        if (x[key] === undefined) continue;
        count--;
        const equal = plainEqual(x[key], Object.hasOwn(y, key) ? y[key] : undefined);
        if (equal !== true) return equal;
      }
      return count === 0;
    }
  }
}
