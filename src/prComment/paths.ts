/**
 * Property paths as the engine writes them in `detailedDiff` keys: `values.password`,
 * `allowedDomains[1]`, `tags["a.b"]`. Parsed into segments, and matched against the paths
 * of the comment's own walk over old and new values.
 */

export type Segment = string | number;

/** `a.b[0]["c.d"]` into `["a", "b", 0, "c.d"]`; lenient: what cannot be read stays one key. */
export function parsePath(text: string): Segment[] {
  const segments: Segment[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === ".") {
      i++;
      continue;
    }
    if (text[i] === "[") {
      const close = text.indexOf("]", i);
      const inner = close < 0 ? text.slice(i + 1) : text.slice(i + 1, close);
      if (/^\d+$/.test(inner)) {
        segments.push(Number(inner));
        i = close + 1;
        continue;
      }
      const quoted = readQuoted(text, i + 1);
      if (quoted) {
        segments.push(quoted.value);
        i = quoted.end + 1;
        continue;
      }
    }
    let end = i;
    while (end < text.length && text[end] !== "." && text[end] !== "[") end++;
    if (end === i) end = text.length;
    segments.push(text.slice(i, end));
    i = end;
  }
  return segments;
}

/** A JSON string starting at `start` and followed by `]`: its value and the `]`'s index. */
function readQuoted(text: string, start: number): { value: string; end: number } | undefined {
  if (text[start] !== '"') return undefined;
  for (let j = start + 1; j < text.length; j++) {
    if (text[j] === "\\") {
      j++;
      continue;
    }
    if (text[j] === '"') {
      if (text[j + 1] !== "]") return undefined;
      try {
        return { value: JSON.parse(text.slice(start, j + 1)) as string, end: j + 1 };
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Whether one path is the other or lies under it (a change there touches both). */
export function overlaps(a: readonly Segment[], b: readonly Segment[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A path for people: `values.password`, `allowedDomains[1]`. */
export function showPath(path: readonly Segment[]): string {
  return path
    .map((s, i) =>
      typeof s === "number"
        ? `[${s}]`
        : /^[A-Za-z_$][\w$-]*$/.test(s)
          ? `${i === 0 ? "" : "."}${s}`
          : `[${JSON.stringify(s)}]`,
    )
    .join("");
}
