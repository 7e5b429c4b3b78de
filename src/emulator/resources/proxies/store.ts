/**
 * Proxies of one project, as far as auth connections need them: seeded at start, found by id or
 * by name. The proxies resource's own endpoints build on this store.
 */

export interface EmulatedProxy {
  id: string;
  name: string;
  /** The project (id or name) it is seeded into; the default project when absent. */
  project?: string;
  type?: string;
}

export interface StoredProxy {
  id: string;
  name: string;
  type: string;
  created_at: string;
}

export class ProxyStore {
  private readonly proxies = new Map<string, StoredProxy>();

  constructor(seed: readonly EmulatedProxy[] = [], now: () => Date = () => new Date()) {
    for (const p of seed) {
      this.proxies.set(p.id, {
        id: p.id,
        name: p.name,
        type: p.type ?? "datacenter",
        created_at: now().toISOString(),
      });
    }
  }

  all(): StoredProxy[] {
    return [...this.proxies.values()];
  }

  get(id: string): StoredProxy | undefined {
    return this.proxies.get(id);
  }

  /** Every proxy with exactly this name (names are not unique). */
  named(name: string): StoredProxy[] {
    return this.all().filter((p) => p.name === name);
  }

  remove(id: string): boolean {
    return this.proxies.delete(id);
  }
}
