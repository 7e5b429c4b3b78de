/**
 * The emulator's browser profiles (`/profiles`): an optional name unique in its project,
 * addressed by id or name, renamed by PATCH. No HTTP here.
 */
import {
  type ListAnswer,
  ObjectTable,
  type PageQuery,
  type Result,
  type StoredObject,
  type TableOptions,
  assignDrift,
  badRequest,
  conflict,
  notFound,
  ok,
  page,
} from "../objectTable";

/** `POST /profiles` (ProfileCreateParams in @onkernel/sdk 0.84). */
export interface ProfileCreateBody {
  name?: string;
}

/** `PATCH /profiles/{id_or_name}` (ProfileUpdateParams): a rename. */
export interface ProfileUpdateBody {
  name: string;
}

/** The API's Profile. */
export interface ProfileView {
  id: string;
  name: string | null;
  created_at: string;
  updated_at: string;
  last_used_at?: string;
}

export interface StoredProfile extends StoredObject {
  name?: string;
  last_used_at?: string;
}

export const PROFILE_ID_PREFIX = "prof_";

export class ProfileStore {
  readonly table: ObjectTable<StoredProfile>;

  constructor(options: TableOptions = {}) {
    this.table = new ObjectTable<StoredProfile>(PROFILE_ID_PREFIX, options);
  }

  create(project: string, body: ProfileCreateBody): Result<ProfileView> {
    if (body.name !== undefined) {
      if (body.name === "") return badRequest("name", "must not be empty");
      const existing = this.byName(project, body.name);
      if (existing) return conflict(`a profile named ${body.name} already exists`, existing.id);
    }
    const now = this.table.now();
    const row: StoredProfile = {
      id: this.table.newId(),
      project,
      created_at: now,
      updated_at: now,
    };
    if (body.name !== undefined) row.name = body.name;
    return ok(view(this.table.insert(row)));
  }

  get(project: string, idOrName: string): Result<ProfileView> {
    const row = this.find(project, idOrName);
    return row ? ok(view(row)) : notFound("profile", idOrName);
  }

  update(project: string, idOrName: string, body: ProfileUpdateBody): Result<ProfileView> {
    const row = this.find(project, idOrName);
    if (!row) return notFound("profile", idOrName);
    if (body.name === "") return badRequest("name", "must not be empty");
    if (body.name !== row.name) {
      const other = this.byName(project, body.name);
      if (other) return conflict(`a profile named ${body.name} already exists`, other.id);
      row.name = body.name;
    }
    row.updated_at = this.table.now();
    return ok(view(row));
  }

  remove(project: string, idOrName: string): Result<void> {
    const row = this.find(project, idOrName);
    if (!row) return notFound("profile", idOrName);
    this.table.delete(row.id);
    return ok(undefined);
  }

  /** `?name=` (exact), `?query=` (name substring in any letter case, or exact id). */
  list(project: string, filter: PageQuery & { name?: string; query?: string } = {}): ListAnswer {
    const query = filter.query?.toLowerCase();
    const matching = this.table
      .inScope(project)
      .filter(
        (p) =>
          (filter.name === undefined || p.name === filter.name) &&
          (query === undefined ||
            p.id === filter.query ||
            (p.name ?? "").toLowerCase().includes(query)),
      );
    const { items, hasMore, nextOffset } = page(matching, filter);
    return { items: items.map((row) => ({ ...view(row) })), hasMore, nextOffset };
  }

  /** The profile named `name` in `project`, created when missing (as creating a connection does). */
  ensure(project: string, name: string): ProfileView {
    const existing = this.byName(project, name);
    if (existing) return view(existing);
    const created = this.create(project, { name });
    if (!created.ok) throw new Error(created.error.message);
    return created.value;
  }

  /** A change made outside the provider: any stored field (`null` removes). */
  drift(id: string, changes: Record<string, unknown>): Result<ProfileView> {
    const row = this.table.byId(id);
    if (!row) return notFound("profile", id);
    assignDrift(row, changes);
    if (changes.updated_at === undefined) row.updated_at = this.table.now();
    return ok(view(row));
  }

  forget(id: string): boolean {
    return this.table.delete(id);
  }

  owns(id: string): boolean {
    return this.table.owns(id);
  }

  all(): ProfileView[] {
    return this.table.all().map(view);
  }

  clear(): void {
    this.table.clear();
  }

  private find(project: string, idOrName: string): StoredProfile | undefined {
    return this.table.byIdOrName(project, idOrName, (row) => row.name);
  }

  private byName(project: string, name: string): StoredProfile | undefined {
    return this.table.inScope(project).find((row) => row.name === name);
  }
}

function view(row: StoredProfile): ProfileView {
  const out: ProfileView = {
    id: row.id,
    name: row.name ?? null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
  if (row.last_used_at !== undefined) out.last_used_at = row.last_used_at;
  return out;
}
