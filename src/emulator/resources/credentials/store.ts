/**
 * The emulator's credentials (`/credentials`), with the API's rules: a name unique in its
 * project, addressing by id or name, PATCH that removes keys first and then merges values,
 * `""`/`null` clears, values never answered, and a TOTP code only in the answer to the call that
 * set the secret. One store holds one project's credentials. No HTTP here.
 */
import { createHmac } from "node:crypto";
import { type StoreResult, notFound, ok } from "../../answers";
import {
  type StoredObject,
  type TableOptions,
  assignDrift,
  conflict,
  matchesQuery,
  TableStore,
  rowNamed,
} from "../objectTable";

/** `POST /credentials` (CreateCredentialRequest in @onkernel/sdk 0.84). */
export interface CredentialCreateBody {
  name: string;
  domain: string;
  values: Record<string, string>;
  sso_provider?: string;
  totp_secret?: string;
}

/** `PATCH /credentials/{id_or_name}` (UpdateCredentialRequest). */
export interface CredentialUpdateBody {
  name?: string;
  values?: Record<string, string>;
  remove_value_keys?: string[];
  sso_provider?: string | null;
  totp_secret?: string;
}

/** The API's Credential. */
export interface CredentialView {
  id: string;
  name: string;
  domain: string;
  created_at: string;
  updated_at: string;
  sso_provider: string | null;
  has_values: boolean;
  has_totp_secret: boolean;
  /** Single-object answers only; lists omit it. */
  value_keys?: string[];
  totp_code?: string;
  totp_code_expires_at?: string;
}

export interface StoredCredential extends StoredObject {
  name: string;
  domain: string;
  values: Record<string, string>;
  sso_provider?: string;
  totp_secret?: string;
}

export const CREDENTIAL_ID_PREFIX = "cred";

export class CredentialStore extends TableStore<StoredCredential> {
  constructor(options: TableOptions = {}) {
    super(CREDENTIAL_ID_PREFIX, options);
  }

  create(body: CredentialCreateBody): StoreResult<CredentialView> {
    const existing = this.byName(body.name);
    if (existing) {
      return conflict(`a credential named ${body.name} already exists`, existing.id);
    }
    const now = this.table.now();
    const row: StoredCredential = {
      id: this.table.newId(),
      name: body.name,
      domain: body.domain,
      values: { ...body.values },
      created_at: now,
      updated_at: now,
    };
    if (body.sso_provider) row.sso_provider = body.sso_provider;
    const totp = normalizeTotpSecret(body.totp_secret);
    if (totp) row.totp_secret = totp;
    this.table.insert(row);
    return ok(this.view(row, { totpJustSet: Boolean(totp) }));
  }

  get(idOrName: string): StoreResult<CredentialView> {
    const row = this.find(idOrName);
    return row ? ok(this.view(row)) : notFound("credential", idOrName);
  }

  /** Only what is sent changes; `remove_value_keys` applies before `values` merge. */
  update(idOrName: string, body: CredentialUpdateBody): StoreResult<CredentialView> {
    const row = this.find(idOrName);
    if (!row) return notFound("credential", idOrName);
    if (body.name !== undefined && body.name !== row.name) {
      const other = this.byName(body.name);
      if (other) return conflict(`a credential named ${body.name} already exists`, other.id);
      row.name = body.name;
    }
    for (const key of body.remove_value_keys ?? []) delete row.values[key];
    Object.assign(row.values, body.values ?? {});
    if (body.sso_provider !== undefined) {
      if (body.sso_provider === null || body.sso_provider === "") delete row.sso_provider;
      else row.sso_provider = body.sso_provider;
    }
    let totpJustSet = false;
    if (body.totp_secret !== undefined) {
      const totp = normalizeTotpSecret(body.totp_secret);
      if (totp) {
        row.totp_secret = totp;
        totpJustSet = true;
      } else delete row.totp_secret;
    }
    row.updated_at = this.table.now();
    return ok(this.view(row, { totpJustSet }));
  }

  remove(idOrName: string): StoreResult<void> {
    const row = this.find(idOrName);
    if (!row) return notFound("credential", idOrName);
    this.table.delete(row.id);
    return ok(undefined);
  }

  /** `?domain=` (exact, any letter case), `?query=` (name or domain substring, or exact id). */
  matching(filter: { domain?: string; query?: string } = {}): StoredCredential[] {
    const domain = filter.domain?.toLowerCase();
    return this.table
      .all()
      .filter(
        (c) =>
          (domain === undefined || c.domain.toLowerCase() === domain) &&
          matchesQuery(filter.query, c.id, [c.name, c.domain]),
      );
  }

  /**
   * A change made outside the provider (the dashboard): plain fields as given (`null` removes),
   * plus `value_keys` (keeps the values of kept keys, gives new keys a placeholder) and
   * `has_totp_secret`.
   */
  drift(id: string, changes: Record<string, unknown>): StoreResult<CredentialView> {
    const row = this.table.byId(id);
    if (!row) return notFound("credential", id);
    assignDrift(row, changes, this.table.now(), [
      "value_keys",
      "has_totp_secret",
      "values",
      "has_values",
    ]);
    if (changes.values !== undefined) row.values = { ...(changes.values as object) };
    if (Array.isArray(changes.value_keys)) {
      const keys = changes.value_keys.map(String);
      row.values = Object.fromEntries(keys.map((k) => [k, row.values[k] ?? "drifted-value"]));
    }
    if (changes.has_totp_secret === false || changes.has_totp_secret === null) {
      delete row.totp_secret;
    } else if (changes.has_totp_secret === true && !row.totp_secret) {
      row.totp_secret = "JBSWY3DPEHPK3PXP";
    }
    return ok(this.view(row));
  }

  /** The API's answer for one credential; lists drop `value_keys` (see `listView`). */
  view(row: StoredCredential, options: { totpJustSet?: boolean } = {}): CredentialView {
    const keys = Object.keys(row.values).sort();
    const out: CredentialView = {
      id: row.id,
      name: row.name,
      domain: row.domain,
      created_at: row.created_at,
      updated_at: row.updated_at,
      sso_provider: row.sso_provider ?? null,
      has_values: keys.length > 0,
      has_totp_secret: row.totp_secret !== undefined,
      value_keys: keys,
    };
    if (options.totpJustSet && row.totp_secret) {
      const { code, expiresAt } = totpCode(row.totp_secret, new Date(this.table.now()));
      out.totp_code = code;
      out.totp_code_expires_at = expiresAt.toISOString();
    }
    return out;
  }

  private find(idOrName: string): StoredCredential | undefined {
    return this.table.byIdOrName(idOrName, (row) => row.name);
  }

  private byName(name: string): StoredCredential | undefined {
    return rowNamed(this.table, name);
  }
}

/** A credential as a list shows it: without `value_keys`. */
export function listView(view: CredentialView): Omit<CredentialView, "value_keys"> {
  const { value_keys: _omitted, ...rest } = view;
  return rest;
}

/** The API normalises spaces and dashes away and letters to upper case; `""` means none. */
export function normalizeTotpSecret(secret: string | undefined): string | undefined {
  if (secret === undefined) return undefined;
  const normalized = secret.replace(/[\s-]/g, "").toUpperCase();
  return normalized === "" ? undefined : normalized;
}

/** RFC 6238 (SHA-1, 30 s, 6 digits) over the base32 secret, as an authenticator app shows it. */
export function totpCode(secret: string, at: Date): { code: string; expiresAt: Date } {
  const step = Math.floor(at.getTime() / 30_000);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return { code: String(code).padStart(6, "0"), expiresAt: new Date((step + 1) * 30_000) };
}

function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text.replace(/=+$/, "")) {
    const index = alphabet.indexOf(char);
    // A secret that is not base32 still yields a stable code: its bytes are the key.
    if (index < 0) return Buffer.from(text, "utf8");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}
