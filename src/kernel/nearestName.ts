/** "Did you mean ...?": the known name nearest to a mistyped one (an input, a setting). */

/**
 * The valid name closest to `key`: the same name in another letter case first, else the one
 * within an edit distance that still reads as a typo. Undefined when nothing is close.
 */
export function nearestName(key: string, names: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameLetters = names.find((n) => n.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  const limit = Math.max(1, Math.min(3, Math.floor(key.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of names) {
    // The distance is at least the difference in length: most names need no table at all.
    if (Math.abs(name.length - lower.length) >= bestDistance) continue;
    const d = editDistance(lower, name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Edits between two names, a swap of neighbours counting as one (`nmae` → `name`). Three rows
 * of the table are kept: the swap looks two rows back.
 */
function editDistance(a: string, b: string): number {
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2] + 1);
      }
      current[j] = d;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}
