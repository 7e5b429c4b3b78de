/**
 * The emulator's credential providers (`/org/credential_providers`): org-wide, a name unique in
 * the org, addressed by id only, the token and cache TTL kept but never answered. No HTTP here.
 */
import {
  type ListAnswer,
  ObjectTable,
  type PageQuery,
  type Result,
  type StoredObject,
  type TableOptions,
  assignDrift,
  conflict,
  notFound,
  ok,
  page,
} from "../objectTable";

/** `POST /org/credential_providers` (CreateCredentialProviderRequest in @onkernel/sdk 0.84). */
export interface CredentialProviderCreateBody {
  name: string;
  provider_type: "onepassword";
  token: string;
  cache_ttl_seconds?: number;
}

/** `PATCH /org/credential_providers/{id}` (UpdateCredentialProviderRequest). */
export interface CredentialProviderUpdateBody {
  name?: string;
  token?: string;
  cache_ttl_seconds?: number;
  enabled?: boolean;
  priority?: number;
}

/** The API's CredentialProvider: no token, no cache TTL. */
export interface CredentialProviderView {
  id: string;
  name: string;
  provider_type: "onepassword";
  enabled: boolean;
  priority: number;
  created_at: string;
  updated_at: string;
}

export interface StoredCredentialProvider extends StoredObject {
  name: string;
  provider_type: "onepassword";
  token: string;
  cache_ttl_seconds: number;
  enabled: boolean;
  priority: number;
}

export const CREDENTIAL_PROVIDER_ID_PREFIX = "cp_";
/** Credential providers belong to the org, not a project: every row has this project key. */
export const ORG_SCOPE = "org";
export const DEFAULT_CACHE_TTL_SECONDS = 300;

export class CredentialProviderStore {
  readonly table: ObjectTable<StoredCredentialProvider>;

  constructor(options: TableOptions = {}) {
    this.table = new ObjectTable<StoredCredentialProvider>(CREDENTIAL_PROVIDER_ID_PREFIX, options);
  }

  create(body: CredentialProviderCreateBody): Result<CredentialProviderView> {
    const existing = this.byName(body.name);
    if (existing) {
      return conflict(`a credential provider named ${body.name} already exists`, existing.id);
    }
    const now = this.table.now();
    const row = this.table.insert({
      id: this.table.newId(),
      project: ORG_SCOPE,
      name: body.name,
      provider_type: body.provider_type,
      token: body.token,
      cache_ttl_seconds: body.cache_ttl_seconds ?? DEFAULT_CACHE_TTL_SECONDS,
      enabled: true,
      priority: 0,
      created_at: now,
      updated_at: now,
    });
    return ok(view(row));
  }

  get(id: string): Result<CredentialProviderView> {
    const row = this.table.byId(id);
    return row ? ok(view(row)) : notFound("credential provider", id);
  }

  update(id: string, body: CredentialProviderUpdateBody): Result<CredentialProviderView> {
    const row = this.table.byId(id);
    if (!row) return notFound("credential provider", id);
    if (body.name !== undefined && body.name !== row.name) {
      const other = this.byName(body.name);
      if (other) {
        return conflict(`a credential provider named ${body.name} already exists`, other.id);
      }
      row.name = body.name;
    }
    if (body.token !== undefined) row.token = body.token;
    if (body.cache_ttl_seconds !== undefined) row.cache_ttl_seconds = body.cache_ttl_seconds;
    if (body.enabled !== undefined) row.enabled = body.enabled;
    if (body.priority !== undefined) row.priority = body.priority;
    row.updated_at = this.table.now();
    return ok(view(row));
  }

  remove(id: string): Result<void> {
    return this.table.delete(id) ? ok(undefined) : notFound("credential provider", id);
  }

  /** `?query=`: a name substring (any letter case) or an exact id. */
  list(filter: PageQuery & { query?: string } = {}): ListAnswer {
    const query = filter.query?.toLowerCase();
    const matching = this.table
      .all()
      .filter(
        (p) => query === undefined || p.id === filter.query || p.name.toLowerCase().includes(query),
      );
    const { items, hasMore, nextOffset } = page(matching, filter);
    return { items: items.map((row) => ({ ...view(row) })), hasMore, nextOffset };
  }

  /** The provider with exactly this name (names are unique in the org). */
  byName(name: string): StoredCredentialProvider | undefined {
    return this.table.all().find((row) => row.name === name);
  }

  /** A change made outside the provider: any stored field (`null` removes). */
  drift(id: string, changes: Record<string, unknown>): Result<CredentialProviderView> {
    const row = this.table.byId(id);
    if (!row) return notFound("credential provider", id);
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

  all(): CredentialProviderView[] {
    return this.table.all().map(view);
  }

  clear(): void {
    this.table.clear();
  }
}

function view(row: StoredCredentialProvider): CredentialProviderView {
  return {
    id: row.id,
    name: row.name,
    provider_type: row.provider_type,
    enabled: row.enabled,
    priority: row.priority,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
