/**
 * The emulator's browser pools (`/browser_pools`): one project's pools, with the API's rules.
 * - `size` required; an optional `name`, unique in the project, addressed like an id, never
 *   cleared (a PATCH with `name: ""` changes nothing); `region` fixed at create (us-east by
 *   default; the OpenAPI document refuses it in a PATCH).
 * - PATCH changes only what it carries, with the API's clears: `proxy_id: ""`, `start_url: ""`,
 *   `chrome_policy: {}`, `extensions: []`, `network: {}`, `profile: {id: ""}`,
 *   `telemetry: {enabled: false}`. `discard_all_idle` is an action, never kept;
 *   `expected_network` is a precondition (409 `stale_network`).
 * - Server defaults are answered: headless, stealth and kiosk mode off, 600 s timeout, a fill
 *   rate of 25 %, memory by image, `refresh_on_profile_update` on when a profile is attached.
 * - Profiles, extensions, proxies and telemetry destinations are resolved through `lookups`
 *   (the project's other stores); a lookup that is absent accepts any reference.
 * - Leased browsers (`acquired_count`, set through the drift control) make a DELETE without
 *   `force=true` a 409.
 * No HTTP here.
 */
import { type StoreResult, fail, notFound, ok } from "../../answers";
import {
  type StoredObject,
  type TableOptions,
  TableStore,
  assignDrift,
  conflict,
  invalidField,
  matchesQuery,
} from "../objectTable";
import {
  FILL_RATE_CAP,
  type StoredTelemetry,
  checkChromePolicy,
  checkMemory,
  effectiveMemory,
  nextTelemetry,
  resolveNetwork,
  telemetryView,
} from "./settings";
import type {
  NetworkBody,
  PoolCreateBody,
  PoolSettingsBody,
  PoolUpdateBody,
  PoolView,
  Ref,
  Viewport,
} from "./wire";

export interface StoredBrowserPool extends StoredObject {
  name?: string;
  region: string;
  /** Browsers leased now (runtime; the drift control sets it). */
  acquired_count: number;
  size: number;
  chrome_policy?: Record<string, unknown>;
  /** As sent, and resolved to ids in the same order. */
  extensions?: Ref[];
  extension_ids: string[];
  fill_rate_per_minute: number;
  headless: boolean;
  kiosk_mode: boolean;
  /** As set; the answer shows the image's default while unset. */
  memory?: string;
  network?: NetworkBody;
  /** As sent, and resolved. */
  profile?: Ref;
  profile_id?: string;
  proxy_id?: string;
  refresh_on_profile_update: boolean;
  start_url?: string;
  stealth: boolean;
  telemetry?: StoredTelemetry;
  timeout_seconds: number;
  viewport?: Viewport;
}

/** How references resolve in the pool's project; an absent lookup accepts anything. */
export interface PoolLookups {
  profile?(ref: Ref): StoreResult<{ id: string }>;
  extension?(ref: Ref): StoreResult<{ id: string }>;
  proxy?(ref: Ref): StoreResult<{ id: string }>;
  destination?(ref: Ref): StoreResult<{ id: string }>;
}

export interface BrowserPoolStoreOptions extends TableOptions {
  /** Asked on each use, so stores made later are found. */
  lookups?: () => PoolLookups;
}

export const BROWSER_POOL_ID_PREFIX = "pool";
export const DEFAULT_REGION = "us-east";
export const DEFAULT_TIMEOUT_SECONDS = 600;

/** An id for a reference no store can check: its id, or a stand-in made from its name. */
function lenient(prefix: string) {
  return (ref: Ref): StoreResult<{ id: string }> => ok({ id: ref.id ?? `${prefix}_${ref.name}` });
}

const sameRef = (a: Ref | undefined, b: Ref | undefined) =>
  a?.id === b?.id && a?.name === b?.name && (a === undefined) === (b === undefined);

export class BrowserPoolStore extends TableStore<StoredBrowserPool> {
  private readonly lookups: () => PoolLookups;

  constructor(options: BrowserPoolStoreOptions = {}) {
    super(BROWSER_POOL_ID_PREFIX, options);
    this.lookups = options.lookups ?? (() => ({}));
  }

  create(body: PoolCreateBody): StoreResult<PoolView> {
    if (body.name !== undefined) {
      const existing = this.byName(body.name);
      if (existing)
        return conflict(`a browser pool named ${body.name} already exists`, existing.id);
    }
    const now = this.table.now();
    const row: StoredBrowserPool = {
      id: this.table.newId(),
      created_at: now,
      updated_at: now,
      region: body.region ?? DEFAULT_REGION,
      acquired_count: 0,
      size: body.size,
      extension_ids: [],
      fill_rate_per_minute: FILL_RATE_CAP,
      headless: false,
      kiosk_mode: false,
      refresh_on_profile_update: false,
      stealth: false,
      timeout_seconds: DEFAULT_TIMEOUT_SECONDS,
    };
    if (body.profile?.id === "") return invalidField("profile.id", "must not be empty");
    const applied = this.apply(row, body, "create");
    if (!applied.ok) return applied;
    return ok(view(this.table.insert(row)));
  }

  get(idOrName: string): StoreResult<PoolView> {
    const row = this.find(idOrName);
    return row ? ok(view(row)) : notFound("browser pool", idOrName);
  }

  update(idOrName: string, body: PoolUpdateBody): StoreResult<PoolView> {
    const row = this.find(idOrName);
    if (!row) return notFound("browser pool", idOrName);
    if (body.expected_network !== undefined) {
      const expected = resolveNetwork(body.expected_network, (ref) => ok({ id: ref.id ?? "" }));
      if (!expected.ok) return expected;
      if (canonical(expected.value ?? {}) !== canonical(row.network ?? {})) {
        return fail(409, "stale_network", "the pool's network is not the one expected");
      }
    }
    if (body.name !== undefined && body.name !== "" && body.name !== row.name) {
      const other = this.byName(body.name);
      if (other) return conflict(`a browser pool named ${body.name} already exists`, other.id);
    }
    // Every rule is checked on a copy: a refused PATCH changes nothing.
    const next = structuredClone(row);
    const applied = this.apply(next, body, "update");
    if (!applied.ok) return applied;
    next.updated_at = this.table.now();
    // The same id keeps its place in the table's order.
    return ok(view(this.table.insert(next)));
  }

  /** A delete while browsers are leased needs `force` (which terminates them). */
  remove(idOrName: string, force = false): StoreResult<void> {
    const row = this.find(idOrName);
    if (!row) return notFound("browser pool", idOrName);
    if (row.acquired_count > 0 && !force) {
      return fail(
        409,
        "conflict",
        `browser pool ${row.id} has ${row.acquired_count} leased browser(s); delete it with ` +
          `force=true to terminate them`,
      );
    }
    this.table.delete(row.id);
    return ok(undefined);
  }

  /** `?name=` (exact), `?query=` (name substring in any letter case, or exact id), `?region=`. */
  matching(filter: { name?: string; query?: string; region?: string } = {}): StoredBrowserPool[] {
    return this.table
      .all()
      .filter(
        (row) =>
          (filter.name === undefined || row.name === filter.name) &&
          (filter.region === undefined || row.region === filter.region) &&
          matchesQuery(filter.query, row.id, [row.name]),
      );
  }

  /**
   * A change made outside the provider: any stored field (`null` removes), `acquired_count`
   * for leased browsers.
   */
  drift(id: string, changes: Record<string, unknown>): StoreResult<PoolView> {
    const row = this.table.byId(id);
    if (!row) return notFound("browser pool", id);
    assignDrift(row, changes, this.table.now());
    return ok(view(row));
  }

  /** The settings a create or PATCH carries, applied to `row` (a copy, for a PATCH). */
  private apply(
    row: StoredBrowserPool,
    body: PoolSettingsBody & { size?: number },
    mode: "create" | "update",
  ): StoreResult<void> {
    const lookups = this.lookups();
    if (body.size !== undefined) row.size = body.size;
    if (body.name !== undefined && body.name !== "") row.name = body.name;
    for (const key of ["headless", "kiosk_mode", "stealth"] as const) {
      if (body[key] !== undefined) row[key] = body[key];
    }
    if (body.timeout_seconds !== undefined) row.timeout_seconds = body.timeout_seconds;
    if (body.fill_rate_per_minute !== undefined) {
      if (body.fill_rate_per_minute > FILL_RATE_CAP) {
        return invalidField("fill_rate_per_minute", `must be at most ${FILL_RATE_CAP}`);
      }
      row.fill_rate_per_minute = body.fill_rate_per_minute;
    }
    if (body.memory !== undefined) row.memory = body.memory;
    else if (body.headless !== undefined && !checkMemory(row.headless, row.memory).ok) {
      // A new image without a memory of its own takes the image's default.
      delete row.memory;
    }
    const memory = checkMemory(row.headless, row.memory);
    if (!memory.ok) return memory;
    if (body.viewport !== undefined) row.viewport = { ...body.viewport };
    if (body.start_url !== undefined) setOrClear(row, "start_url", body.start_url || undefined);
    if (body.proxy_id !== undefined) {
      if (body.proxy_id === "") delete row.proxy_id;
      else {
        const proxy = (lookups.proxy ?? lenient("proxy"))({ id: body.proxy_id });
        if (!proxy.ok) return proxy;
        row.proxy_id = proxy.value.id;
      }
    }
    if (body.chrome_policy !== undefined) {
      const policy = checkChromePolicy(body.chrome_policy);
      if (!policy.ok) return policy;
      const empty = Object.keys(body.chrome_policy).length === 0;
      setOrClear(row, "chrome_policy", empty ? undefined : structuredClone(body.chrome_policy));
    }
    if (body.extensions !== undefined) {
      const resolve = lookups.extension ?? lenient("ext");
      const ids: string[] = [];
      for (const ref of body.extensions) {
        const found = resolve(ref);
        if (!found.ok) return found;
        ids.push(found.value.id);
      }
      setOrClear(
        row,
        "extensions",
        ids.length ? body.extensions.map((r) => ({ ...r })) : undefined,
      );
      row.extension_ids = ids;
    }
    if (body.network !== undefined) {
      const network = resolveNetwork(body.network, lookups.proxy ?? lenient("proxy"));
      if (!network.ok) return network;
      setOrClear(row, "network", network.value);
    }
    const profile = this.applyProfile(row, body, mode, lookups);
    if (!profile.ok) return profile;
    const telemetry = nextTelemetry(
      row.telemetry,
      body.telemetry,
      mode,
      lookups.destination ?? lenient("otlp"),
    );
    if (!telemetry.ok) return telemetry;
    setOrClear(row, "telemetry", telemetry.value);
    return ok(undefined);
  }

  /**
   * The profile and `refresh_on_profile_update`: a new (or newly attached) profile turns the
   * refresh on unless the request says otherwise; `{id: ""}` detaches it and turns it off; the
   * refresh needs a profile.
   */
  private applyProfile(
    row: StoredBrowserPool,
    body: PoolSettingsBody,
    mode: "create" | "update",
    lookups: PoolLookups,
  ): StoreResult<void> {
    const sent = body.profile;
    if (sent !== undefined && mode === "update" && sent.id === "") {
      delete row.profile;
      delete row.profile_id;
      row.refresh_on_profile_update = false;
    } else if (sent !== undefined) {
      const found = (lookups.profile ?? lenient("prof"))(sent);
      if (!found.ok) return found;
      const changed = !sameRef(row.profile, sent);
      row.profile = { ...sent };
      row.profile_id = found.value.id;
      if (changed) row.refresh_on_profile_update = true;
    }
    if (body.refresh_on_profile_update !== undefined) {
      if (body.refresh_on_profile_update && row.profile === undefined) {
        return invalidField("refresh_on_profile_update", "needs a profile on the pool");
      }
      row.refresh_on_profile_update = body.refresh_on_profile_update;
    }
    return ok(undefined);
  }

  private find(idOrName: string): StoredBrowserPool | undefined {
    return this.table.byIdOrName(idOrName, (row) => row.name);
  }

  private byName(name: string): StoredBrowserPool | undefined {
    return this.table.all().find((row) => row.name === name);
  }
}

function setOrClear<K extends keyof StoredBrowserPool>(
  row: StoredBrowserPool,
  key: K,
  value: StoredBrowserPool[K] | undefined,
): void {
  if (value === undefined) delete row[key];
  else row[key] = value;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** The API's answer for one pool: the configuration as configured, server defaults included. */
export function view(row: StoredBrowserPool): PoolView {
  const config: Record<string, unknown> = {
    size: row.size,
    fill_rate_per_minute: row.fill_rate_per_minute,
    headless: row.headless,
    kiosk_mode: row.kiosk_mode,
    memory: effectiveMemory(row.headless, row.memory),
    refresh_on_profile_update: row.refresh_on_profile_update,
    stealth: row.stealth,
    timeout_seconds: row.timeout_seconds,
  };
  if (row.name !== undefined) config.name = row.name;
  if (row.chrome_policy !== undefined) config.chrome_policy = structuredClone(row.chrome_policy);
  if (row.extensions !== undefined) config.extensions = row.extensions.map((r) => ({ ...r }));
  if (row.network !== undefined) config.network = structuredClone(row.network);
  if (row.profile !== undefined) config.profile = { ...row.profile };
  if (row.proxy_id !== undefined) config.proxy_id = row.proxy_id;
  if (row.start_url !== undefined) config.start_url = row.start_url;
  if (row.telemetry !== undefined) config.telemetry = telemetryView(row.telemetry);
  if (row.viewport !== undefined) config.viewport = { ...row.viewport };
  const out: PoolView = {
    id: row.id,
    name: row.name ?? null,
    created_at: row.created_at,
    region: row.region,
    acquired_count: row.acquired_count,
    available_count: Math.max(0, row.size - row.acquired_count),
    browser_pool_config: config,
    extension_ids: [...row.extension_ids],
  };
  if (row.profile_id !== undefined) out.profile_id = row.profile_id;
  return out;
}
