/**
 * The emulator's credential providers (`/org/credential_providers`): org-wide, a name unique in
 * the org, addressed by id only, the token and cache TTL kept but never answered. One store holds
 * the org's providers. No HTTP here.
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

export const CREDENTIAL_PROVIDER_ID_PREFIX = "cp";
export const DEFAULT_CACHE_TTL_SECONDS = 300;

export class CredentialProviderStore extends TableStore<StoredCredentialProvider> {
  constructor(options: TableOptions = {}) {
    super(CREDENTIAL_PROVIDER_ID_PREFIX, options);
  }

  /** Names are trimmed, and must not be empty once trimmed (kernel 0.131). */
  create(body: CredentialProviderCreateBody): StoreResult<CredentialProviderView> {
    const name = body.name.trim();
    if (name === "") return invalidField("name", "must not be empty");
    const existing = this.byName(name);
    if (existing) {
      return conflict(`a credential provider named ${name} already exists`, existing.id);
    }
    const now = this.table.now();
    const row = this.table.insert({
      id: this.table.newId(),
      name,
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

  get(id: string): StoreResult<CredentialProviderView> {
    const row = this.table.byId(id);
    return row ? ok(view(row)) : notFound("credential provider", id);
  }

  update(id: string, body: CredentialProviderUpdateBody): StoreResult<CredentialProviderView> {
    const row = this.table.byId(id);
    if (!row) return notFound("credential provider", id);
    const name = body.name?.trim();
    if (name === "") return invalidField("name", "must not be empty");
    if (name !== undefined && name !== row.name) {
      const other = this.byName(name);
      if (other) {
        return conflict(`a credential provider named ${name} already exists`, other.id);
      }
      row.name = name;
    }
    if (body.token !== undefined) row.token = body.token;
    if (body.cache_ttl_seconds !== undefined) row.cache_ttl_seconds = body.cache_ttl_seconds;
    if (body.enabled !== undefined) row.enabled = body.enabled;
    if (body.priority !== undefined) row.priority = body.priority;
    row.updated_at = this.table.now();
    return ok(view(row));
  }

  remove(id: string): StoreResult<void> {
    return this.table.delete(id) ? ok(undefined) : notFound("credential provider", id);
  }

  /** `?query=`: a name substring (any letter case) or an exact id. */
  matching(filter: { query?: string } = {}): StoredCredentialProvider[] {
    return rowsMatching(this.table, filter);
  }

  /** The provider with exactly this name (names are unique in the org). */
  byName(name: string): StoredCredentialProvider | undefined {
    return rowNamed(this.table, name);
  }

  /** A change made outside the provider: any stored field (`null` removes). */
  drift(id: string, changes: Record<string, unknown>): StoreResult<CredentialProviderView> {
    const row = this.table.byId(id);
    if (!row) return notFound("credential provider", id);
    assignDrift(row, changes, this.table.now());
    return ok(view(row));
  }
}

/** The API's answer: never the token or the cache TTL. */
export function view(row: StoredCredentialProvider): CredentialProviderView {
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
