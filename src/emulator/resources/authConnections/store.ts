/**
 * The auth connections of one project, with the API's rules: defaults, the (profile_name,
 * domain) key, PATCH semantics (only the fields sent change; `browser` properties left out are
 * unchanged), proxy resolution kept in step between `browser.proxy` and the deprecated
 * `proxy`/`proxy_id`, and the plan minimum. No HTTP here, so the rules are tested on their own.
 */
import { randomBytes } from "node:crypto";
import { fail, notFound, ok, type StoreResult } from "../../answers";
import {
  type Plan,
  DEFAULT_PLAN,
  PLAN_MINIMUMS,
  defaultInterval,
  describePlan,
  parsePlanMinimum,
} from "../../settings";
import type { EmulatedProxy } from "../proxies/store";
import type {
  BrowserProxyRef,
  BrowserRegion,
  CredentialReference,
  ManagedAuthCreateRequest,
  ManagedAuthUpdateRequest,
  ProxyMode,
  TelemetryRequest,
} from "./wire";

/** What `browser.proxy` holds once resolved: a proxy by id, or a mode. */
export type StoredProxyChoice = { id: string } | { mode: ProxyMode };

/** `browser.telemetry` as kept: capture on or off, and the OTLP destination exported to. */
export interface StoredTelemetry {
  enabled: boolean;
  destination?: { id?: string; name?: string };
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
  health_checks: boolean;
  auto_reauth: boolean;
  record_session: boolean;
  save_credentials: boolean;
  browser: {
    proxy?: StoredProxyChoice;
    stealth: boolean;
    region?: BrowserRegion;
    telemetry?: StoredTelemetry;
  };
  browser_telemetry?: Record<string, unknown> | null;
  status: "AUTHENTICATED" | "NEEDS_AUTH";
  last_auth_check_at: string;
}

export interface ConnectionStoreOptions {
  /** The project's proxies (a list, or a lookup asked on each use). */
  proxies?: readonly EmulatedProxy[] | (() => readonly EmulatedProxy[]);
  /** The plan (or a lookup); Enterprise by default. */
  plan?: Plan | (() => Plan);
  /** Older option: the plan minimum in seconds. */
  planMinimum?: number;
  now?: () => Date;
  newId?: () => string;
  /** Called with the profile name of each new connection: the API creates a missing profile. */
  ensureProfile?: (name: string) => void;
  /**
   * The plan's `max_auth_connections` and the connections counted against it org-wide; a
   * create at the limit is 403 `insufficient_plan`. Unlimited when absent or `max` is.
   */
  connectionLimit?: () => { max?: number; used: number };
}

export class ConnectionStore {
  private readonly connections = new Map<string, StoredConnection>();
  private readonly proxies: () => readonly EmulatedProxy[];
  private readonly plan: () => Plan;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(private readonly options: ConnectionStoreOptions = {}) {
    const proxies = options.proxies ?? [];
    this.proxies = typeof proxies === "function" ? proxies : () => proxies;
    const plan =
      options.plan ??
      (options.planMinimum !== undefined
        ? parsePlanMinimum(options.planMinimum)
        : { name: DEFAULT_PLAN, minimum: PLAN_MINIMUMS[DEFAULT_PLAN] });
    this.plan = typeof plan === "function" ? plan : () => plan;
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
    const proxy = this.proxyChoice(body);
    if (!proxy.ok) return proxy;
    const limit = this.options.connectionLimit?.();
    if (limit?.max !== undefined && limit.used >= limit.max) {
      return fail(
        403,
        "insufficient_plan",
        `your plan allows ${limit.max} managed auth connections; upgrade to create more`,
      );
    }
    const connection: StoredConnection = {
      id: this.newId(),
      profile_name: body.profile_name,
      domain: body.domain.toLowerCase(),
      allowed_domains: [...(body.allowed_domains ?? [])],
      health_check_interval: body.health_check_interval ?? defaultInterval(this.plan()),
      health_checks: body.health_checks ?? true,
      auto_reauth: body.auto_reauth ?? true,
      record_session: body.record_session ?? false,
      save_credentials: body.save_credentials ?? true,
      browser: { stealth: body.browser?.stealth ?? true },
      status: "NEEDS_AUTH",
      last_auth_check_at: this.now().toISOString(),
    };
    if (proxy.value) connection.browser.proxy = proxy.value;
    if (body.browser?.region !== undefined) connection.browser.region = body.browser.region;
    const telemetry = nextTelemetry(undefined, body.browser?.telemetry);
    if (telemetry) connection.browser.telemetry = telemetry;
    if (body.login_url) connection.login_url = body.login_url;
    if (body.credential) connection.credential = { ...body.credential };
    if (body.browser_telemetry !== undefined) connection.browser_telemetry = body.browser_telemetry;
    this.connections.set(connection.id, connection);
    this.options.ensureProfile?.(connection.profile_name);
    return ok(connection);
  }

  get(id: string): StoreResult<StoredConnection> {
    const connection = this.connections.get(id);
    return connection ? ok(connection) : notFound("auth connection", id);
  }

  /** Filtered, in creation order; `query` matches id, domain or profile name (substring). */
  matching(filter: { profile_name?: string; domain?: string; query?: string }): StoredConnection[] {
    const q = filter.query?.toLowerCase();
    return [...this.connections.values()].filter(
      (c) =>
        (filter.profile_name === undefined || c.profile_name === filter.profile_name) &&
        (filter.domain === undefined || c.domain === filter.domain.toLowerCase()) &&
        (q === undefined ||
          [c.id, c.domain, c.profile_name].some((v) => v.toLowerCase().includes(q))),
    );
  }

  /** A page of `matching` (kept for callers of the older store). */
  list(filter: { profile_name?: string; domain?: string; limit?: number; offset?: number }) {
    const all = this.matching(filter);
    const offset = filter.offset ?? 0;
    const limit = filter.limit ?? 20;
    const hasMore = offset + limit < all.length;
    return {
      items: all.slice(offset, offset + limit),
      hasMore,
      nextOffset: hasMore ? offset + limit : 0,
    };
  }

  /**
   * Only the fields sent change; `login_url: ""` clears; `allowed_domains` replaces the list;
   * `browser` properties left out are unchanged. Nothing changes when any field is refused.
   */
  update(id: string, body: ManagedAuthUpdateRequest): StoreResult<StoredConnection> {
    const connection = this.connections.get(id);
    if (!connection) return notFound("auth connection", id);
    const problem = this.checkFields(body);
    if (problem) return problem;
    const proxy = this.proxyChoice(body);
    if (!proxy.ok) return proxy;
    if (body.login_url !== undefined) {
      if (body.login_url === "") delete connection.login_url;
      else connection.login_url = body.login_url;
    }
    if (body.credential !== undefined) connection.credential = { ...body.credential };
    if (body.allowed_domains !== undefined) connection.allowed_domains = [...body.allowed_domains];
    if (body.health_check_interval !== undefined) {
      connection.health_check_interval = body.health_check_interval;
    }
    if (body.health_checks !== undefined) connection.health_checks = body.health_checks;
    if (body.auto_reauth !== undefined) connection.auto_reauth = body.auto_reauth;
    if (body.record_session !== undefined) connection.record_session = body.record_session;
    if (body.save_credentials !== undefined) connection.save_credentials = body.save_credentials;
    if (proxy.value) connection.browser.proxy = proxy.value;
    if (body.browser?.stealth !== undefined) connection.browser.stealth = body.browser.stealth;
    if (body.browser?.region !== undefined) connection.browser.region = body.browser.region;
    if (body.browser?.telemetry !== undefined) {
      const telemetry = nextTelemetry(connection.browser.telemetry, body.browser.telemetry);
      if (telemetry) connection.browser.telemetry = telemetry;
      else delete connection.browser.telemetry;
    }
    if (body.browser_telemetry !== undefined) connection.browser_telemetry = body.browser_telemetry;
    return ok(connection);
  }

  remove(id: string): StoreResult<void> {
    return this.connections.delete(id) ? ok(undefined) : notFound("auth connection", id);
  }

  /**
   * A change made outside the provider, as in the Kernel dashboard: any stored field, no
   * validation, `null` removes a field. `proxy_id` sets (or, null, removes) the proxy;
   * `browser` merges its properties (`proxy: null` removes the proxy).
   */
  drift(id: string, changes: Record<string, unknown>): StoreResult<StoredConnection> {
    const connection = this.connections.get(id);
    if (!connection) return notFound("auth connection", id);
    const record = connection as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(changes)) {
      if (key === "id") continue;
      if (key === "proxy_id" || key === "proxy") {
        const id = key === "proxy" ? (value as { id?: string } | null)?.id : value;
        if (id === null || id === undefined) delete connection.browser.proxy;
        else connection.browser.proxy = { id: String(id) };
      } else if (key === "browser" && typeof value === "object" && value !== null) {
        for (const [bk, bv] of Object.entries(value)) {
          const b = connection.browser as Record<string, unknown>;
          if (bv === null) delete b[bk];
          else b[bk] = bk === "proxy" && typeof bv === "object" && "id" in bv ? { id: bv.id } : bv;
        }
      } else if (value === null) delete record[key];
      else record[key] = value;
    }
    return ok(connection);
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

  /** Rules the schema cannot say: the credential's three shapes, the plan minimum, telemetry. */
  private checkFields(body: ManagedAuthUpdateRequest) {
    const otlp = body.browser?.telemetry?.export?.otlp;
    if (otlp?.destination && otlp.enabled === false) {
      return fail(
        400,
        "bad_request",
        "browser.telemetry.export.otlp: enabled false with a destination is rejected",
        [{ code: "invalid_input", message: "browser.telemetry" }],
      );
    }
    if (otlp?.destination && body.browser?.telemetry?.enabled === false) {
      return fail(
        400,
        "bad_request",
        "browser.telemetry.export.otlp.destination requires telemetry capture to be enabled",
        [{ code: "invalid_input", message: "browser.telemetry" }],
      );
    }
    if (body.credential && !isCredentialShape(body.credential)) {
      return fail(
        400,
        "bad_request",
        "credential must be one of {name}, {provider, path}, {provider, auto: true}",
        [{ code: "invalid_input", message: "credential" }],
      );
    }
    const interval = body.health_check_interval;
    const plan = this.plan();
    if (interval !== undefined && interval < plan.minimum) {
      return fail(
        400,
        "bad_request",
        `health_check_interval ${interval} is below ${describePlan(plan)}`,
        [
          {
            code: "plan_minimum",
            message: `health_check_interval must be at least ${plan.minimum} on the ${plan.name} plan`,
          },
        ],
      );
    }
    return undefined;
  }

  /**
   * The proxy the request selects, from `browser.proxy` or the deprecated `proxy` (the same
   * selection when both are sent); undefined when it selects none.
   */
  private proxyChoice(body: ManagedAuthUpdateRequest): StoreResult<StoredProxyChoice | undefined> {
    const fromBrowser = body.browser?.proxy ? this.resolve(body.browser.proxy) : ok(undefined);
    if (!fromBrowser.ok) return fromBrowser;
    const legacy = body.proxy
      ? this.resolve(body.proxy as BrowserProxyRef, "proxy")
      : ok(undefined);
    if (!legacy.ok) return legacy;
    if (fromBrowser.value && legacy.value && !sameChoice(fromBrowser.value, legacy.value)) {
      return fail(400, "bad_request", "proxy and browser.proxy select different proxies", [
        { code: "invalid_input", message: "proxy" },
      ]);
    }
    return ok(fromBrowser.value ?? legacy.value);
  }

  private resolve(ref: BrowserProxyRef, field = "browser.proxy"): StoreResult<StoredProxyChoice> {
    if ("mode" in ref) return ok({ mode: ref.mode });
    const proxies = this.proxies();
    if ("id" in ref && ref.id !== undefined) {
      return proxies.some((p) => p.id === ref.id)
        ? ok({ id: ref.id })
        : fail(400, "bad_request", `${field}: proxy ${ref.id} not found in this project`, [
            { code: "invalid_input", message: field },
          ]);
    }
    const name = (ref as { name: string }).name;
    const matches = proxies.filter((p) => p.name === name);
    if (matches.length === 1) return ok({ id: matches[0].id });
    return fail(
      400,
      "bad_request",
      matches.length === 0
        ? `${field}: no proxy named ${name} in this project`
        : `${field}: ${matches.length} proxies are named ${name}; refer to one by id`,
      [{ code: "invalid_input", message: field }],
    );
  }

  /** The name of a proxy of this project, for responses. */
  proxyName(id: string): string | undefined {
    return this.proxies().find((p) => p.id === id)?.name;
  }
}

/**
 * Telemetry after a request: `null` removes it; `enabled` sets capture; a destination sets the
 * export (and implies it); `export.otlp.enabled: false` stops exporting. Properties left out
 * are unchanged. Undefined when there is none.
 */
export function nextTelemetry(
  current: StoredTelemetry | undefined,
  sent: TelemetryRequest | null | undefined,
): StoredTelemetry | undefined {
  if (sent === undefined) return current;
  if (sent === null) return undefined;
  const next: StoredTelemetry = { enabled: current?.enabled ?? false };
  if (current?.destination) next.destination = { ...current.destination };
  const otlp = sent.export?.otlp;
  if (otlp?.destination) next.destination = { ...otlp.destination };
  else if (otlp?.enabled === false) delete next.destination;
  if (sent.enabled !== undefined) next.enabled = sent.enabled;
  else if (otlp?.destination) next.enabled = true;
  return next;
}

function sameChoice(a: StoredProxyChoice, b: StoredProxyChoice): boolean {
  return "id" in a ? "id" in b && a.id === b.id : "mode" in b && a.mode === b.mode;
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

/**
 * The API's ManagedAuth for a stored connection. `proxy_id` (deprecated) is the id
 * `browser.proxy` selects; `proxyName` names it when the proxy is known.
 */
export function toManagedAuth(
  c: StoredConnection,
  proxyName: (id: string) => string | undefined = () => undefined,
): Record<string, unknown> {
  const canReauth = Boolean(c.credential && c.login_url);
  const browser: Record<string, unknown> = { stealth: c.browser.stealth };
  if (c.browser.region !== undefined) browser.region = c.browser.region;
  const choice = c.browser.proxy;
  if (choice && "id" in choice) {
    const name = proxyName(choice.id);
    browser.proxy = name === undefined ? { id: choice.id } : { id: choice.id, name };
  } else if (choice) {
    browser.proxy = { mode: choice.mode };
  }
  const telemetry = c.browser.telemetry;
  if (telemetry) {
    browser.telemetry = telemetry.destination
      ? {
          enabled: telemetry.enabled,
          export: { otlp: { enabled: true, destination: { ...telemetry.destination } } },
        }
      : { enabled: telemetry.enabled };
  }
  const out: Record<string, unknown> = {
    id: c.id,
    profile_name: c.profile_name,
    domain: c.domain,
    status: c.status,
    save_credentials: c.save_credentials,
    record_session: c.record_session,
    health_checks: c.health_checks,
    auto_reauth: c.auto_reauth,
    health_check_interval: c.health_check_interval,
    allowed_domains: [...c.allowed_domains],
    browser,
    can_reauth: canReauth,
    can_reauth_reason: canReauth
      ? "has_credential"
      : c.credential
        ? "no_prior_successful_login"
        : "no_credential",
    // A runtime value drifted in (a reason this version does not know, say) shows as it is.
    ...pick(c as unknown as Record<string, unknown>, ["can_reauth", "can_reauth_reason"]),
    last_auth_check_at: c.last_auth_check_at,
    last_auth_at: c.last_auth_check_at,
    flow_status: null,
    flow_step: null,
    flow_type: null,
  };
  if (c.login_url) out.login_url = c.login_url;
  if (c.credential) out.credential = { ...c.credential };
  if (choice && "id" in choice) out.proxy_id = choice.id;
  if (c.browser_telemetry !== undefined) out.browser_telemetry = c.browser_telemetry;
  // Fields drifted in that the store does not model (a runtime field, say) show as they are.
  for (const [key, value] of Object.entries(c)) {
    if (!(key in out) && !MODELED.has(key)) out[key] = value;
  }
  return out;
}

function pick(record: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => record[k] !== undefined).map((k) => [k, record[k]]));
}

const MODELED = new Set(["browser", "credential", "login_url", "browser_telemetry"]);
