/**
 * The project of each object that diff plans to replace, kept until the engine's re-check.
 *
 * Pulumi checks a replacement's inputs again with no old inputs (so defaults are recomputed),
 * and the create that follows sees only what that check returned. The project pin that check
 * carries in the inputs (./project `projectPin`) would then be lost, and a replacement made for
 * another reason (a domain change) would follow `KERNEL_PROJECT` of the machine running it.
 * The engine runs diff, the re-check and the create in one provider process, so diff leaves the
 * object's project here, and the re-check takes it back by the inputs it was planned for.
 *
 * Matching: the re-check's inputs are the program's, normalised; the inputs diff saw are the
 * same after check aligned them with the old ones (list order kept, dropped server-owned fields
 * carried over). So an entry matches when every input the re-check has is equal in it, lists
 * compared as sets. Two matches naming different projects give no answer (the older rule then
 * applies): a guess is worse than the documented fallback.
 */
interface Pending {
  inputs: Record<string, unknown>;
  project: string;
}

/** JSON with keys sorted and arrays compared as sets: equal intent, equal text. */
export function fingerprint(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(fingerprint).sort().join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${fingerprint(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

export class PendingReplacements {
  private readonly entries: Pending[] = [];

  /** At most `limit` kept (a re-check that never comes, as in a targeted replace). */
  constructor(private readonly limit = 1000) {}

  /** `project`: where the replaced object lives, "" for the default project. */
  remember(inputs: Record<string, unknown>, project: string): void {
    this.entries.push({ inputs, project });
    if (this.entries.length > this.limit) this.entries.shift();
  }

  /** The project of the one replacement planned for `inputs`, taken out; else undefined. */
  take(inputs: Record<string, unknown>): string | undefined {
    const wanted = Object.entries(inputs).map(([k, v]) => [k, fingerprint(v)] as const);
    const matches = this.entries.filter((entry) =>
      wanted.every(([k, print]) => fingerprint(entry.inputs[k]) === print),
    );
    const projects = new Set(matches.map((m) => m.project));
    if (projects.size !== 1) return undefined;
    for (const match of matches) this.entries.splice(this.entries.indexOf(match), 1);
    return matches[0].project;
  }

  get size(): number {
    return this.entries.length;
  }
}
