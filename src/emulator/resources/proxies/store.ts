/**
 * The emulator's proxies (`/proxies`), with the API's rules: a config per type with its
 * defaults, names trimmed and not unique, addressed by id or by a name only one proxy has,
 * PATCH of the name only, a custom proxy's password and CA bundle kept but never answered. Auth connections resolve `proxy: {id}` / `{name}` against
 * this same store. One store holds one project's proxies. No HTTP here.
 */
import { createHash } from "node:crypto";
import { type StoreResult, fail, notFound, ok } from "../../answers";
import {
  type StoredObject,
  type TableOptions,
  assignDrift,
  invalidField,
  TableStore,
  rowsMatching,
} from "../objectTable";

export const PROXY_TYPES = ["datacenter", "isp", "residential", "mobile", "custom"] as const;
export type ProxyType = (typeof PROXY_TYPES)[number];
export type ProxyProtocol = "http" | "https";

/** `POST /proxies` (ProxyCreateParams in @onkernel/sdk 0.84, plus `ca_bundle` for custom). */
export interface ProxyCreateBody {
  type: ProxyType;
  name?: string;
  protocol?: ProxyProtocol;
  config?: Record<string, unknown>;
  bypass_hosts?: string[];
}

/** `PATCH /proxies/{id_or_name}`: the name is all it changes. */
export interface ProxyUpdateBody {
  name: string;
}

/** The API's proxy: the config without secrets, plus status fields. */
export interface ProxyView {
  id: string;
  type: ProxyType;
  name?: string;
  protocol: ProxyProtocol;
  config: Record<string, unknown>;
  bypass_hosts?: string[];
  status: "available" | "unavailable";
  ip_address?: string;
  last_checked: string;
}

export interface StoredProxy extends StoredObject {
  type: ProxyType;
  name?: string;
  protocol: ProxyProtocol;
  /** Without `password` and `ca_bundle`, which are kept apart. */
  config: Record<string, unknown>;
  password?: string;
  ca_bundle?: string;
  bypass_hosts?: string[];
  status: "available" | "unavailable";
  ip_address?: string;
  last_checked: string;
}

/**
 * A proxy as the emulator's `proxies` option seeds it (a datacenter proxy unless told), and as
 * auth connections select it: every stored proxy is one.
 */
export interface EmulatedProxy {
  id: string;
  name?: string;
  /** The project (id or name) it is seeded into; the default project when absent. */
  project?: string;
  type?: ProxyType;
  config?: Record<string, unknown>;
}

export const PROXY_ID_PREFIX = "proxy";
export const DEFAULT_PROTOCOL: ProxyProtocol = "https";

/** The config keys each type accepts (custom's secrets included). */
const CONFIG_KEYS: Record<ProxyType, readonly string[]> = {
  datacenter: ["country"],
  isp: ["country"],
  residential: ["asn", "city", "country", "os", "state", "zip"],
  mobile: ["city", "country", "state"],
  custom: ["host", "port", "username", "password", "ca_bundle"],
};
const RESIDENTIAL_OS = ["windows", "macos", "android"];

export interface ProxyStoreOptions extends TableOptions {
  /**
   * The ids of the auth connections of this project that use a proxy: a proxy in use cannot be
   * deleted (400 `resource_in_use`, docs changelog 2026-08-07).
   */
  usedBy?: (proxyId: string) => string[];
}

export class ProxyStore extends TableStore<StoredProxy> {
  private readonly usedBy: (proxyId: string) => string[];

  constructor(seeds: readonly EmulatedProxy[] = [], options: ProxyStoreOptions = {}) {
    super(PROXY_ID_PREFIX, options);
    this.usedBy = options.usedBy ?? (() => []);
    for (const seed of seeds) this.seed(seed);
  }

  /** Adds a proxy with a chosen id (a datacenter proxy unless told), without validation. */
  seed(seed: EmulatedProxy): StoredProxy {
    const type = seed.type ?? "datacenter";
    const now = this.table.now();
    const row: StoredProxy = {
      id: seed.id,
      type,
      protocol: DEFAULT_PROTOCOL,
      config: { ...(seed.config ?? defaultConfig(type)) },
      status: "available",
      last_checked: now,
      created_at: now,
      updated_at: now,
    };
    if (seed.name !== undefined) row.name = seed.name;
    if (type !== "custom") row.ip_address = fakeIp(seed.id);
    return this.table.insert(row);
  }

  create(body: ProxyCreateBody): StoreResult<ProxyView> {
    const problem = checkConfig(body.type, body.config);
    if (problem) return problem;
    const id = this.table.newId();
    const now = this.table.now();
    const { password, ca_bundle, ...config } = body.config ?? {};
    const row: StoredProxy = {
      id,
      type: body.type,
      protocol: body.protocol ?? DEFAULT_PROTOCOL,
      config: { ...defaultConfig(body.type), ...config },
      status: "available",
      last_checked: now,
      created_at: now,
      updated_at: now,
    };
    const name = body.name?.trim();
    if (name) row.name = name;
    if (typeof password === "string" && password !== "") row.password = password;
    if (typeof ca_bundle === "string" && ca_bundle !== "") row.ca_bundle = ca_bundle;
    if (body.bypass_hosts !== undefined) row.bypass_hosts = [...body.bypass_hosts];
    if (body.type !== "custom") row.ip_address = fakeIp(id);
    this.table.insert(row);
    return ok(view(row));
  }

  get(idOrName: string): StoreResult<ProxyView> {
    const found = this.find(idOrName);
    return found.ok ? ok(view(found.value)) : found;
  }

  /** A rename, trimmed; duplicates are allowed. */
  update(idOrName: string, body: ProxyUpdateBody): StoreResult<ProxyView> {
    const found = this.find(idOrName);
    if (!found.ok) return found;
    const row = found.value;
    const name = body.name.trim();
    if (name === "") return invalidField("name", "must not be empty");
    row.name = name;
    row.updated_at = this.table.now();
    return ok(view(row));
  }

  remove(idOrName: string): StoreResult<void> {
    const found = this.find(idOrName);
    if (!found.ok) return found;
    const id = found.value.id;
    // The API's answer does not say which connection holds it; the provider finds out.
    if (this.usedBy(id).length > 0) {
      return fail(
        400,
        "resource_in_use",
        `proxy ${id} is in use by a managed auth connection; point the connection at another ` +
          `proxy or delete it first`,
      );
    }
    this.table.delete(id);
    return ok(undefined);
  }

  /**
   * The proxy a path segment names: an id first, else the one proxy with exactly that name.
   * Names are not unique, so a name several proxies share is a 400 `ambiguous_proxy_name`.
   */
  find(idOrName: string): StoreResult<StoredProxy> {
    const byId = this.table.byId(idOrName);
    if (byId) return ok(byId);
    const named = this.table.all().filter((p) => p.name === idOrName);
    if (named.length === 1) return ok(named[0]);
    if (named.length === 0) return notFound("proxy", idOrName);
    return fail(
      400,
      "ambiguous_proxy_name",
      `${named.length} proxies are named ${idOrName}; refer to one by id`,
      named.map((p) => ({ code: "proxy_id", message: p.id })),
    );
  }

  /** `?name=` (exact), `?query=` (name substring in any letter case, or exact id). */
  matching(filter: { name?: string; query?: string } = {}): StoredProxy[] {
    return rowsMatching(this.table, filter);
  }

  /**
   * What an auth connection's `proxy: {id}` or `{name}` selects in this project: the id must
   * exist, the name must match exactly one proxy; else a 400.
   */
  resolve(ref: { id?: string; name?: string }): StoreResult<ProxyView> {
    if (ref.id !== undefined) {
      const row = this.table.byId(ref.id);
      return row
        ? ok(view(row))
        : fail(400, "bad_request", `proxy ${ref.id} not found in your org`);
    }
    const matches = this.table.all().filter((p) => p.name === ref.name);
    if (matches.length === 1) return ok(view(matches[0]));
    return fail(
      400,
      "bad_request",
      matches.length === 0
        ? `no proxy named ${ref.name} in your org`
        : `${matches.length} proxies are named ${ref.name}; refer to one by id`,
    );
  }

  /**
   * A change made outside the provider: plain fields (`null` removes); `config` is merged key by
   * key (`null` removes a key), and `password` / `ca_bundle` set or remove the secrets.
   */
  drift(id: string, changes: Record<string, unknown>): StoreResult<ProxyView> {
    const row = this.table.byId(id);
    if (!row) return notFound("proxy", id);
    assignDrift(row, changes, this.table.now(), ["config"]);
    if (changes.config !== undefined && changes.config !== null) {
      const { password, ca_bundle, has_password, has_ca_bundle, ...rest } =
        changes.config as Record<string, unknown>;
      for (const [key, value] of Object.entries(rest)) {
        if (value === null) delete row.config[key];
        else row.config[key] = value;
      }
      if (password !== undefined || has_password !== undefined) {
        if (password === null || has_password === false) delete row.password;
        else if (typeof password === "string") row.password = password;
        else if (has_password === true) row.password ??= "drifted-password";
      }
      if (ca_bundle !== undefined || has_ca_bundle !== undefined) {
        if (ca_bundle === null || has_ca_bundle === false) delete row.ca_bundle;
        else if (typeof ca_bundle === "string") row.ca_bundle = ca_bundle;
        else if (has_ca_bundle === true) row.ca_bundle ??= "drifted-bundle";
      }
    }
    return ok(view(row));
  }
}

/** The rules the types carry: keys per type, custom's host and port, residential's city. */
export function checkConfig(type: ProxyType, config: Record<string, unknown> | undefined) {
  const given = config ?? {};
  for (const key of Object.keys(given)) {
    if (!CONFIG_KEYS[type].includes(key)) {
      return invalidField(`config.${key}`, `is not a setting of a ${type} proxy`);
    }
  }
  if (type === "custom") {
    if (typeof given.host !== "string" || given.host.trim() === "") {
      return invalidField("config.host", "is required for a custom proxy");
    }
    const port = given.port;
    if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) {
      return invalidField("config.port", "must be an integer from 1 to 65535");
    }
  }
  if (type === "residential") {
    if (given.city !== undefined && given.country === undefined) {
      return invalidField("config.city", "requires config.country");
    }
    if (given.os !== undefined && !RESIDENTIAL_OS.includes(String(given.os))) {
      return invalidField("config.os", `must be one of ${RESIDENTIAL_OS.join(", ")}`);
    }
  }
  return undefined;
}

function defaultConfig(type: ProxyType): Record<string, unknown> {
  return type === "datacenter" || type === "isp" ? { country: "US" } : {};
}

/** The API's answer: a custom proxy's secrets only as `has_password` / `has_ca_bundle`. */
export function view(row: StoredProxy): ProxyView {
  const config: Record<string, unknown> = { ...row.config };
  if (row.type === "custom") {
    config.has_password = row.password !== undefined;
    config.has_ca_bundle = row.ca_bundle !== undefined;
  }
  const out: ProxyView = {
    id: row.id,
    type: row.type,
    protocol: row.protocol,
    config,
    status: row.status,
    last_checked: row.last_checked,
  };
  if (row.name !== undefined) out.name = row.name;
  if (row.bypass_hosts !== undefined) out.bypass_hosts = [...row.bypass_hosts];
  if (row.ip_address !== undefined) out.ip_address = row.ip_address;
  return out;
}

/** A stable address from the documentation range (RFC 5737), so answers repeat across runs. */
function fakeIp(id: string): string {
  const digest = createHash("sha256").update(id).digest();
  return `203.0.113.${(digest[0] % 254) + 1}`;
}
