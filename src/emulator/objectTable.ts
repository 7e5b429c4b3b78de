/**
 * What the emulator's stores for credentials, credential providers, proxies and profiles share:
 * results in the API's error shape, ids with a prefix per resource (so a control such as drift
 * finds the store that owns an id), timestamps from an injected clock, project scoping, and
 * offset paging. No HTTP here.
 */
import { randomBytes } from "node:crypto";

export interface ApiErrorPayload {
  code: string;
  message: string;
  details?: { code?: string; message?: string }[];
}

export type Result<T> =
  { ok: true; value: T } | { ok: false; status: number; error: ApiErrorPayload };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function fail(
  status: number,
  code: string,
  message: string,
  details?: ApiErrorPayload["details"],
): { ok: false; status: number; error: ApiErrorPayload } {
  return { ok: false, status, error: details ? { code, message, details } : { code, message } };
}

/** A 400 whose details name the field at fault, as the schema validation's do. */
export function badRequest(field: string, message: string) {
  return fail(400, "bad_request", `${field} ${message}`, [
    { code: "invalid_input", message: `${field} ${message}` },
  ]);
}

/** A 409 that names the existing object, so a client can adopt it. */
export function conflict(message: string, existingId: string) {
  return fail(409, "conflict", message, [{ code: "existing_id", message: existingId }]);
}

export function notFound(what: string, idOrName: string) {
  return fail(404, "not_found", `${what} ${idOrName} not found`);
}

/** The project of objects created without `X-Kernel-Project`, unless a store is told otherwise. */
export const DEFAULT_PROJECT = "default";

export interface TableOptions {
  now?: () => Date;
  /** The random part of new ids; the table adds its prefix. */
  newId?: () => string;
}

export interface Page<T> {
  items: T[];
  hasMore: boolean;
  /** Where the next page starts; 0 on the last page, as the API sends it. */
  nextOffset: number;
}

export interface PageQuery {
  limit?: number;
  offset?: number;
}

/** One page of `all`: 20 items unless told, `nextOffset` absolute. */
export function page<T>(all: T[], query: PageQuery = {}): Page<T> {
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 20;
  const items = all.slice(offset, offset + limit);
  const hasMore = offset + limit < all.length;
  return { items, hasMore, nextOffset: hasMore ? offset + limit : 0 };
}

export interface StoredObject {
  id: string;
  /** The project key; credential providers are org-wide and all share one. */
  project: string;
  created_at: string;
  updated_at: string;
}

/** The objects of one resource, by id, in creation order. */
export class ObjectTable<T extends StoredObject> {
  private readonly rows = new Map<string, T>();
  private readonly clock: () => Date;
  private readonly random: () => string;

  constructor(
    /** Distinct per resource (`cred_`, `cp_`, `proxy_`, `prof_`). */
    readonly prefix: string,
    options: TableOptions = {},
  ) {
    this.clock = options.now ?? (() => new Date());
    this.random = options.newId ?? (() => randomBytes(9).toString("base64url").toLowerCase());
  }

  newId(): string {
    let id: string;
    do id = `${this.prefix}${this.random()}`;
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

  /** Whether an id is (or would be) this table's: the controls dispatch on it. Seeded objects
   *  may have ids without the prefix. */
  owns(id: string): boolean {
    return id.startsWith(this.prefix) || this.rows.has(id);
  }

  /** The object, whatever its project (for controls). */
  byId(id: string): T | undefined {
    return this.rows.get(id);
  }

  /** The object with this id in `project`: another project's object is not there. */
  inProject(project: string, id: string): T | undefined {
    const row = this.rows.get(id);
    return row && row.project === project ? row : undefined;
  }

  /** By id first, then by exact name, within `project`. */
  byIdOrName(project: string, idOrName: string, nameOf: (row: T) => string | undefined) {
    return (
      this.inProject(project, idOrName) ??
      this.inScope(project).find((row) => nameOf(row) === idOrName)
    );
  }

  inScope(project: string): T[] {
    return [...this.rows.values()].filter((row) => row.project === project);
  }

  delete(id: string): boolean {
    return this.rows.delete(id);
  }

  all(): T[] {
    return [...this.rows.values()];
  }

  clear(): void {
    this.rows.clear();
  }
}

/**
 * Applies a change made behind the provider's back to the plain fields of a stored object:
 * `null` removes a field; `id`, `project` and the keys in `skip` are left alone.
 */
export function assignDrift(
  row: object,
  changes: Record<string, unknown>,
  skip: readonly string[] = [],
): void {
  const target = row as Record<string, unknown>;
  for (const [key, value] of Object.entries(changes)) {
    if (key === "id" || key === "project" || skip.includes(key)) continue;
    if (value === null) delete target[key];
    else target[key] = value;
  }
}

/** The answer of a list endpoint: items in API form plus the paging headers' values. */
export interface ListAnswer {
  items: Record<string, unknown>[];
  hasMore: boolean;
  nextOffset: number;
}
