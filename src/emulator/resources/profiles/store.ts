/**
 * The emulator's browser profiles (`/profiles`): an optional name unique in its project,
 * addressed by id or name, renamed by PATCH. One store holds one project's profiles. No HTTP here.
 */
import { type StoreResult, notFound, ok } from "../../answers";
import {
  type StoredObject,
  type TableOptions,
  assignDrift,
  conflict,
  invalidField,
  TableStore,
  rowNamed,
  rowsMatching,
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

export const PROFILE_ID_PREFIX = "prof";

export class ProfileStore extends TableStore<StoredProfile> {
  constructor(options: TableOptions = {}) {
    super(PROFILE_ID_PREFIX, options);
  }

  create(body: ProfileCreateBody): StoreResult<ProfileView> {
    if (body.name !== undefined) {
      if (body.name === "") return invalidField("name", "must not be empty");
      const existing = this.byName(body.name);
      if (existing) return conflict(`a profile named ${body.name} already exists`, existing.id);
    }
    const now = this.table.now();
    const row: StoredProfile = {
      id: this.table.newId(),
      created_at: now,
      updated_at: now,
    };
    if (body.name !== undefined) row.name = body.name;
    return ok(view(this.table.insert(row)));
  }

  get(idOrName: string): StoreResult<ProfileView> {
    const row = this.find(idOrName);
    return row ? ok(view(row)) : notFound("profile", idOrName);
  }

  update(idOrName: string, body: ProfileUpdateBody): StoreResult<ProfileView> {
    const row = this.find(idOrName);
    if (!row) return notFound("profile", idOrName);
    if (body.name === "") return invalidField("name", "must not be empty");
    if (body.name !== row.name) {
      const other = this.byName(body.name);
      if (other) return conflict(`a profile named ${body.name} already exists`, other.id);
      row.name = body.name;
    }
    row.updated_at = this.table.now();
    return ok(view(row));
  }

  remove(idOrName: string): StoreResult<void> {
    const row = this.find(idOrName);
    if (!row) return notFound("profile", idOrName);
    this.table.delete(row.id);
    return ok(undefined);
  }

  /** `?name=` (exact), `?query=` (name substring in any letter case, or exact id). */
  matching(filter: { name?: string; query?: string } = {}): StoredProfile[] {
    return rowsMatching(this.table, filter);
  }

  /** The profile named `name`, created when missing (as creating a connection does). */
  ensure(name: string): ProfileView {
    const existing = this.byName(name);
    if (existing) return view(existing);
    const created = this.create({ name });
    if (!created.ok) throw new Error(created.error.message);
    return created.value;
  }

  /** A change made outside the provider: any stored field (`null` removes). */
  drift(id: string, changes: Record<string, unknown>): StoreResult<ProfileView> {
    const row = this.table.byId(id);
    if (!row) return notFound("profile", id);
    assignDrift(row, changes, this.table.now());
    return ok(view(row));
  }

  private find(idOrName: string): StoredProfile | undefined {
    return this.table.byIdOrName(idOrName, (row) => row.name);
  }

  private byName(name: string): StoredProfile | undefined {
    return rowNamed(this.table, name);
  }
}

/** The API's answer for one profile. */
export function view(row: StoredProfile): ProfileView {
  const out: ProfileView = {
    id: row.id,
    name: row.name ?? null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
  if (row.last_used_at !== undefined) out.last_used_at = row.last_used_at;
  return out;
}
