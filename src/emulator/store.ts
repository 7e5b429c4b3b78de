/**
 * The emulator's state: auth connections in memory, with the API's rules (defaults, the
 * (profile_name, domain) key, PATCH semantics, proxy resolution, the plan minimum). No HTTP
 * here, so the rules are tested on their own.
 */
import { randomBytes } from "node:crypto";
import type {
  CredentialReference,
  ManagedAuthCreateRequest,
  ManagedAuthUpdateRequest,
  ProxyRef,
} from "../kernel/api";

export interface EmulatedProxy {
  id: string;
  name: string;
}

/** What the store keeps; responses are built from it. */
export interface StoredConnection {
  id: string;
  profile_name: string;
  domain: string;
  login_url?: string;
  credential?: CredentialReference;
  allowed_domains: string[];
  health_check_interval: number;
  save_credentials: boolean;
  proxy_id?: string;
  status: "AUTHENTICATED" | "NEEDS_AUTH";
  last_auth_check_at: string;
}

export interface ApiErrorPayload {
  code: string;
  message: string;
  details?: { code?: string; message?: string }[];
}

export type StoreResult<T> =
  { ok: true; value: T } | { ok: false; status: number; error: ApiErrorPayload };

export interface StoreOptions {
  proxies?: EmulatedProxy[];
  /** The plan's minimum health_check_interval; 300 (Enterprise) by default. */
  planMinimum?: number;
  now?: () => Date;
  newId?: () => string;
}

const fail = (
  status: number,
  code: string,
  message: string,
  details?: ApiErrorPayload["details"],
) =>
  ({ ok: false, status, error: details ? { code, message, details } : { code, message } }) as const;

export class ConnectionStore {
  private readonly connections = new Map<string, StoredConnection>();
  readonly proxies: EmulatedProxy[];
  planMinimum: number;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(options: StoreOptions = {}) {
    this.proxies = [...(options.proxies ?? [])];
    this.planMinimum = options.planMinimum ?? 300;
    this.now = options.now ?? (() => new Date());
    this.newId =
      options.newId ?? (() => `ma_${randomBytes(9).toString("base64url").toLowerCase()}`);
  }

  create(body: ManagedAuthCreateRequest): StoreResult<StoredConnection> {
    const existing = this.findByKey(body.profile_name, body.domain);
    if (existing) {
      return fail(
        409,
        "conflict",
        `an auth connection for profile ${body.profile_name} and domain ${body.domain} already exists`,
        [{ code: "existing_id", message: existing.id }],
      );
    }
    const problem = this.checkFields(body);
    if (problem) return problem;
    const proxy = body.proxy ? this.resolveProxy(body.proxy) : undefined;
    if (proxy && !proxy.ok) return proxy;
    const connection: StoredConnection = {
      id: this.newId(),
      profile_name: body.profile_name,
      domain: body.domain.toLowerCase(),
      allowed_domains: [...(body.allowed_domains ?? [])],
      health_check_interval: body.health_check_interval ?? 3600,
      save_credentials: body.save_credentials ?? true,
      status: "NEEDS_AUTH",
      last_auth_check_at: this.now().toISOString(),
    };
    if (body.login_url) connection.login_url = body.login_url;
    if (body.credential) connection.credential = { ...body.credential };
    if (proxy) connection.proxy_id = proxy.value.id;
    this.connections.set(connection.id, connection);
    return { ok: true, value: connection };
  }

  get(id: string): StoreResult<StoredConnection> {
    const connection = this.connections.get(id);
    return connection ? { ok: true, value: connection } : notFound(id);
  }

  list(filter: { profile_name?: string; domain?: string; limit?: number; offset?: number }) {
    const matching = [...this.connections.values()].filter(
      (c) =>
        (filter.profile_name === undefined || c.profile_name === filter.profile_name) &&
        (filter.domain === undefined || c.domain === filter.domain.toLowerCase()),
    );
    const offset = filter.offset ?? 0;
    const limit = filter.limit ?? 20;
    const items = matching.slice(offset, offset + limit);
    const hasMore = offset + limit < matching.length;
    return { items, hasMore, nextOffset: hasMore ? offset + limit : 0 };
  }

  /** Only the fields sent change; `login_url: ""` clears; `allowed_domains` replaces the list. */
  update(id: string, body: ManagedAuthUpdateRequest): StoreResult<StoredConnection> {
    const connection = this.connections.get(id);
    if (!connection) return notFound(id);
    const problem = this.checkFields(body);
    if (problem) return problem;
    const proxy = body.proxy ? this.resolveProxy(body.proxy) : undefined;
    if (proxy && !proxy.ok) return proxy;
    if (body.login_url !== undefined) {
      if (body.login_url === "") delete connection.login_url;
      else connection.login_url = body.login_url;
    }
    if (body.credential !== undefined) connection.credential = { ...body.credential };
    if (body.allowed_domains !== undefined) connection.allowed_domains = [...body.allowed_domains];
    if (body.health_check_interval !== undefined) {
      connection.health_check_interval = body.health_check_interval;
    }
    if (body.save_credentials !== undefined) connection.save_credentials = body.save_credentials;
    if (proxy) connection.proxy_id = proxy.value.id;
    return { ok: true, value: connection };
  }

  remove(id: string): StoreResult<void> {
    return this.connections.delete(id) ? { ok: true, value: undefined } : notFound(id);
  }

  /**
   * A change made outside the provider, as in the Kernel dashboard: any stored field, no
   * validation, `null` removes a field.
   */
  drift(id: string, changes: Record<string, unknown>): StoreResult<StoredConnection> {
    const connection = this.connections.get(id);
    if (!connection) return notFound(id);
    for (const [key, value] of Object.entries(changes)) {
      if (key === "id") continue;
      if (value === null) delete (connection as unknown as Record<string, unknown>)[key];
      else (connection as unknown as Record<string, unknown>)[key] = value;
    }
    return { ok: true, value: connection };
  }

  all(): StoredConnection[] {
    return [...this.connections.values()];
  }

  clear(): void {
    this.connections.clear();
  }

  private findByKey(profileName: string, domain: string): StoredConnection | undefined {
    return [...this.connections.values()].find(
      (c) => c.profile_name === profileName && c.domain === domain.toLowerCase(),
    );
  }

  /** Rules the schema cannot say: the credential's three shapes, the plan minimum. */
  private checkFields(body: ManagedAuthUpdateRequest) {
    if (body.credential && !isCredentialShape(body.credential)) {
      return fail(
        400,
        "bad_request",
        "credential must be one of {name}, {provider, path}, {provider, auto: true}",
        [{ code: "invalid_input", message: "credential" }],
      );
    }
    const interval = body.health_check_interval;
    if (interval !== undefined && interval < this.planMinimum) {
      return fail(
        400,
        "bad_request",
        `health_check_interval ${interval} is below your plan's minimum of ${this.planMinimum} seconds`,
        [
          {
            code: "plan_minimum",
            message: `health_check_interval must be at least ${this.planMinimum}`,
          },
        ],
      );
    }
    return undefined;
  }

  private resolveProxy(ref: ProxyRef): StoreResult<EmulatedProxy> {
    if (ref.id !== undefined) {
      const proxy = this.proxies.find((p) => p.id === ref.id);
      return proxy
        ? { ok: true, value: proxy }
        : fail(400, "bad_request", `proxy ${ref.id} not found in your org`);
    }
    const matches = this.proxies.filter((p) => p.name === ref.name);
    if (matches.length === 1) return { ok: true, value: matches[0] };
    return fail(
      400,
      "bad_request",
      matches.length === 0
        ? `no proxy named ${ref.name} in your org`
        : `${matches.length} proxies are named ${ref.name}; refer to one by id`,
    );
  }
}

function isCredentialShape(c: CredentialReference): boolean {
  const keys = Object.keys(c)
    .filter((k) => (c as Record<string, unknown>)[k] !== undefined)
    .sort()
    .join(",");
  return (
    (keys === "name" && !!c.name) ||
    (keys === "path,provider" && !!c.provider && !!c.path) ||
    (keys === "auto,provider" && !!c.provider && c.auto === true)
  );
}

function notFound(id: string) {
  return fail(404, "not_found", `auth connection ${id} not found`);
}

/** The API's ManagedAuth for a stored connection, with fields newer than the seed. */
export function toManagedAuth(c: StoredConnection): Record<string, unknown> {
  const canReauth = Boolean(c.credential && c.login_url);
  const out: Record<string, unknown> = {
    id: c.id,
    profile_name: c.profile_name,
    domain: c.domain,
    status: c.status,
    save_credentials: c.save_credentials,
    health_check_interval: c.health_check_interval,
    allowed_domains: [...c.allowed_domains],
    can_reauth: canReauth,
    can_reauth_reason: canReauth
      ? "has_credential"
      : c.credential
        ? "missing_login_url"
        : "no_credential",
    last_auth_check_at: c.last_auth_check_at,
    last_auth_at: c.last_auth_check_at,
    flow_status: null,
    flow_step: null,
    flow_type: null,
    record_session: false,
    auto_reauth: canReauth,
  };
  if (c.login_url) out.login_url = c.login_url;
  if (c.credential) out.credential = { ...c.credential };
  if (c.proxy_id) out.proxy_id = c.proxy_id;
  return out;
}
