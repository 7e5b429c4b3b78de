/**
 * What the stores for credentials, credential providers, proxies and profiles share beyond
 * answers.ts: one table of one project's (or the org's) objects in creation order, ids with a
 * prefix per resource, timestamps from an injected clock, the 400/409 shapes that name a field or
 * the existing object. No HTTP here.
 */
import { randomBytes } from "node:crypto";
import { fail } from "../answers";

/** A 400 whose detail names the field at fault, as the schema validation's do. */
export function invalidField(field: string, message: string) {
  return fail(400, "bad_request", `${field} ${message}`, [
    { code: "invalid_input", message: `${field} ${message}` },
  ]);
}

/** A 409 that names the existing object, so a client can adopt it. */
export function conflict(message: string, existingId: string) {
  return fail(409, "conflict", message, [{ code: "existing_id", message: existingId }]);
}

export interface TableOptions {
  now?: () => Date;
  /** A fresh id, prefix included; `<prefix>_<random>` when absent. */
  newId?: () => string;
}

export interface StoredObject {
  id: string;
  created_at: string;
  updated_at: string;
}

/** The objects of one resource in one scope, by id, in creation order. */
export class ObjectTable<T extends StoredObject> {
  private readonly rows = new Map<string, T>();
  private readonly clock: () => Date;
  private readonly makeId: () => string;

  constructor(prefix: string, options: TableOptions = {}) {
    this.clock = options.now ?? (() => new Date());
    this.makeId =
      options.newId ?? (() => `${prefix}_${randomBytes(9).toString("base64url").toLowerCase()}`);
  }

  newId(): string {
    let id: string;
    do id = this.makeId();
    while (this.rows.has(id));
    return id;
  }

  now(): string {
    return this.clock().toISOString();
  }

  insert(row: T): T {
    this.rows.set(row.id, row);
    return row;
  }

  byId(id: string): T | undefined {
    return this.rows.get(id);
  }

  /** By id first, then by exact name. */
  byIdOrName(idOrName: string, nameOf: (row: T) => string | undefined): T | undefined {
    return this.rows.get(idOrName) ?? this.all().find((row) => nameOf(row) === idOrName);
  }

  all(): T[] {
    return [...this.rows.values()];
  }

  delete(id: string): boolean {
    return this.rows.delete(id);
  }

  clear(): void {
    this.rows.clear();
  }
}

/**
 * Applies a change made behind the provider's back to the plain fields of a stored object:
 * `null` removes a field; `id` and the keys in `skip` are left alone. `updated_at` moves unless
 * the change sets it.
 */
export function assignDrift(
  row: StoredObject,
  changes: Record<string, unknown>,
  now: string,
  skip: readonly string[] = [],
): void {
  const target = row as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(changes)) {
    if (key === "id" || skip.includes(key)) continue;
    if (value === null) delete target[key];
    else target[key] = value;
  }
  if (changes.updated_at === undefined) row.updated_at = now;
}

/** Case-insensitive substring of any of `texts`, or the exact id: the lists' `?query=`. */
export function matchesQuery(
  query: string | undefined,
  id: string,
  texts: (string | undefined)[],
): boolean {
  if (query === undefined) return true;
  const q = query.toLowerCase();
  return id === query || texts.some((t) => t !== undefined && t.toLowerCase().includes(q));
}

/** A row that carries a name: profiles, proxies, credentials, credential providers. */
type NamedRow = StoredObject & { name?: string };

/** The first row with exactly this name. */
export function rowNamed<T extends NamedRow>(table: ObjectTable<T>, name: string): T | undefined {
  return table.all().find((row) => row.name === name);
}

/** The lists' `?name=` (exact) and `?query=` (name substring in any letter case, or exact id). */
export function rowsMatching<T extends NamedRow>(
  table: ObjectTable<T>,
  filter: { name?: string; query?: string } = {},
): T[] {
  return table
    .all()
    .filter(
      (row) =>
        (filter.name === undefined || row.name === filter.name) &&
        matchesQuery(filter.query, row.id, [row.name]),
    );
}

/**
 * What every table-backed store shares: its table, and the controls' view of it (every row, a
 * deletion behind the API's back, a reset). The API's rules stay in the subclasses.
 */
export abstract class TableStore<T extends StoredObject> {
  readonly table: ObjectTable<T>;

  constructor(prefix: string, options: TableOptions = {}) {
    this.table = new ObjectTable<T>(prefix, options);
  }

  /** A deletion behind the API's back (a control). */
  forget(id: string): boolean {
    return this.table.delete(id);
  }

  all(): T[] {
    return this.table.all();
  }

  clear(): void {
    this.table.clear();
  }
}
