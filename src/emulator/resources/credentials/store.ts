/**
 * The emulator's credentials (`/credentials`), with the API's rules: a name unique in its
 * project, addressing by id or name, PATCH that removes keys first and then merges values,
 * `""`/`null` clears, values never answered, and a TOTP code only in the answer to the call that
 * set the secret. One store holds one project's credentials. No HTTP here.
 */
import { type StoreResult, fail, notFound, ok } from "../../answers";
import {
  type StoredObject,
  type TableOptions,
  assignDrift,
  conflict,
  matchesQuery,
  TableStore,
  rowNamed,
} from "../objectTable";
import {
  type TotpFields,
  type TotpSettings,
  DEFAULT_TOTP,
  hasTotpFields,
  parseTotpSecret,
  settingsFor,
  totpCode,
} from "./totp";

export { totpCode } from "./totp";

/** `POST /credentials` (CreateCredentialRequest in @onkernel/sdk 0.84; TOTP settings kernel 0.131). */
export interface CredentialCreateBody extends TotpFields {
  name: string;
  domain: string;
  values: Record<string, string>;
  sso_provider?: string;
  totp_secret?: string;
}

/** `PATCH /credentials/{id_or_name}` (UpdateCredentialRequest). */
export interface CredentialUpdateBody extends TotpFields {
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
  /** With a TOTP secret only. */
  totp_algorithm?: TotpSettings["algorithm"];
  totp_digits?: number;
  totp_period?: number;
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
  /** Kept with the secret; absent ones are the defaults (SHA1, 6, 30). */
  totp?: Partial<TotpSettings>;
}

export const CREDENTIAL_ID_PREFIX = "cred";

const TOTP_FIELDS = ["totp_algorithm", "totp_digits", "totp_period"] as const;
const TOTP_SETTING = {
  totp_algorithm: "algorithm",
  totp_digits: "digits",
  totp_period: "period",
} as const;

export class CredentialStore extends TableStore<StoredCredential> {
  constructor(options: TableOptions = {}) {
    super(CREDENTIAL_ID_PREFIX, options);
  }

  create(body: CredentialCreateBody): StoreResult<CredentialView> {
    const existing = this.byName(body.name);
    if (existing) {
      return conflict(`a credential named ${body.name} already exists`, existing.id);
    }
    const totp = body.totp_secret === undefined ? ok(undefined) : parseTotpSecret(body.totp_secret);
    if (!totp.ok) return totp;
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
    if (totp.value) {
      row.totp_secret = totp.value.secret;
      row.totp = settingsFor(totp.value, body);
    }
    this.table.insert(row);
    return ok(this.view(row, { totpJustSet: Boolean(totp.value) }));
  }

  get(idOrName: string): StoreResult<CredentialView> {
    const row = this.find(idOrName);
    return row ? ok(this.view(row)) : notFound("credential", idOrName);
  }

  /**
   * Only what is sent changes; `remove_value_keys` applies before `values` merge. The TOTP
   * settings need `totp_secret` in the same request; nothing changes when anything is refused.
   */
  update(idOrName: string, body: CredentialUpdateBody): StoreResult<CredentialView> {
    const row = this.find(idOrName);
    if (!row) return notFound("credential", idOrName);
    if (hasTotpFields(body) && body.totp_secret === undefined) {
      return fail(
        400,
        "bad_request",
        "totp_algorithm, totp_digits and totp_period require totp_secret",
        [{ code: "invalid_input", message: "totp_secret" }],
      );
    }
    const totp = body.totp_secret === undefined ? ok(undefined) : parseTotpSecret(body.totp_secret);
    if (!totp.ok) return totp;
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
      if (totp.value) {
        row.totp = settingsFor(totp.value, body, row.totp_secret ? row.totp : {});
        row.totp_secret = totp.value.secret;
        totpJustSet = true;
      } else {
        delete row.totp_secret;
        delete row.totp;
      }
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
      ...TOTP_FIELDS,
    ]);
    for (const field of TOTP_FIELDS) {
      if (!(field in changes)) continue;
      const key = TOTP_SETTING[field];
      const value = changes[field];
      row.totp ??= {};
      if (value === null) delete row.totp[key];
      else (row.totp as Record<string, unknown>)[key] = value;
    }
    if (changes.values !== undefined) row.values = { ...(changes.values as object) };
    if (Array.isArray(changes.value_keys)) {
      const keys = changes.value_keys.map(String);
      row.values = Object.fromEntries(keys.map((k) => [k, row.values[k] ?? "drifted-value"]));
    }
    if (changes.has_totp_secret === false || changes.has_totp_secret === null) {
      delete row.totp_secret;
      delete row.totp;
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
    const settings = row.totp_secret ? { ...DEFAULT_TOTP, ...row.totp } : undefined;
    if (settings) {
      out.totp_algorithm = settings.algorithm;
      out.totp_digits = settings.digits;
      out.totp_period = settings.period;
    }
    if (options.totpJustSet && row.totp_secret) {
      const at = new Date(this.table.now());
      const { code, expiresAt } = totpCode(row.totp_secret, at, settings);
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
