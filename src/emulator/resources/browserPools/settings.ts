/**
 * The rules of a browser pool's nested settings, as pure transitions from what is kept and what
 * a request sent to what is kept next: telemetry (create and update read it differently),
 * network, memory against the image, Chrome policies. No store, no HTTP.
 */
import { type StoreResult, ok } from "../../answers";
import { invalidField } from "../objectTable";
import type { NetworkBody, TelemetryBody } from "./wire";

/** Telemetry as kept: capture flags per category, the OTLP destination's id, storage. */
export interface StoredTelemetry {
  categories: Record<string, boolean>;
  destination?: string;
  storage: boolean;
}

/** On by default (opt-out), then the opt-in categories. */
const OPERATIONAL = ["control", "connection", "system", "captcha"] as const;
const OPT_IN = ["console", "network", "page", "interaction", "screenshot", "platform"] as const;

function defaultCategories(): Record<string, boolean> {
  return Object.fromEntries([
    ...OPERATIONAL.map((c) => [c, true] as const),
    ...OPT_IN.map((c) => [c, false] as const),
  ]);
}

/**
 * The telemetry after a request: `null`, `{}` or nothing leaves it (update) or sets none
 * (create); `enabled: false` clears it; `enabled: true` starts afresh from the default set;
 * otherwise the categories and export sent merge onto what is kept. A destination implies
 * capture; `resolveDestination` gives its id.
 */
export function nextTelemetry(
  current: StoredTelemetry | undefined,
  sent: TelemetryBody | null | undefined,
  mode: "create" | "update",
  resolveDestination: (ref: { id?: string; name?: string }) => StoreResult<{ id: string }>,
): StoreResult<StoredTelemetry | undefined> {
  const base = mode === "create" ? undefined : current;
  if (sent === null || sent === undefined || Object.keys(sent).length === 0) return ok(base);
  const otlp = sent.export?.otlp;
  if (sent.enabled === false) {
    if (sent.browser !== undefined) {
      return invalidField("telemetry", "enabled=false cannot be combined with browser categories");
    }
    return ok(undefined);
  }
  if (otlp?.enabled === false && otlp.destination !== undefined) {
    return invalidField("telemetry.export.otlp", "enabled=false with a destination is refused");
  }
  const fresh = sent.enabled === true || base === undefined;
  const next: StoredTelemetry = fresh
    ? { categories: defaultCategories(), storage: true }
    : { ...base, categories: { ...base.categories } };
  for (const [category, flags] of Object.entries(sent.browser ?? {})) {
    if (typeof flags?.enabled === "boolean") next.categories[category] = flags.enabled;
  }
  if (otlp?.destination !== undefined) {
    const resolved = resolveDestination(otlp.destination);
    if (!resolved.ok) return resolved;
    next.destination = resolved.value.id;
  } else if (otlp?.enabled === false) {
    delete next.destination;
  }
  if (typeof sent.storage?.enabled === "boolean") next.storage = sent.storage.enabled;
  if (!next.storage && next.destination === undefined) {
    return invalidField("telemetry.storage", "enabled=false needs an OTLP destination");
  }
  // Capture with every category off is no capture.
  if (!Object.values(next.categories).some(Boolean)) return ok(undefined);
  return ok(next);
}

/** Telemetry as the API answers it. */
export function telemetryView(t: StoredTelemetry): Record<string, unknown> {
  return {
    browser: Object.fromEntries(
      Object.entries(t.categories).map(([c, enabled]) => [c, { enabled }]),
    ),
    export: {
      otlp:
        t.destination !== undefined
          ? { destination: t.destination, enabled: true }
          : { enabled: false },
    },
    storage: { enabled: t.storage },
  };
}

/**
 * A network as kept, its route proxies resolved to ids (answers always name them by id); `{}`
 * is no network. A host pattern may appear in one route only.
 */
export function resolveNetwork(
  sent: NetworkBody,
  resolveProxy: (ref: { id?: string; name?: string }) => StoreResult<{ id: string }>,
): StoreResult<NetworkBody | undefined> {
  if (Object.keys(sent).length === 0) return ok(undefined);
  const out: NetworkBody = {};
  if (sent.allowed_hosts !== undefined) out.allowed_hosts = [...sent.allowed_hosts];
  if (sent.private_hosts !== undefined) out.private_hosts = [...sent.private_hosts];
  if (sent.proxy_routes !== undefined) {
    const seen = new Set<string>();
    out.proxy_routes = [];
    for (const route of sent.proxy_routes) {
      for (const host of route.hosts) {
        if (seen.has(host)) {
          return invalidField("network.proxy_routes", `host ${host} is in more than one route`);
        }
        seen.add(host);
      }
      const proxy = resolveProxy(route.proxy);
      if (!proxy.ok) return proxy;
      out.proxy_routes.push({ hosts: [...route.hosts], proxy: { id: proxy.value.id } });
    }
  }
  return ok(out);
}

/** Memory an image takes: headless 1, 2 or 4 GiB (1 by default), headful 8 or 16 (8). */
const MEMORY = { headless: ["1GiB", "2GiB", "4GiB"], headful: ["8GiB", "16GiB"] } as const;

export function effectiveMemory(headless: boolean, memory: string | undefined): string {
  return memory ?? (headless ? MEMORY.headless[0] : MEMORY.headful[0]);
}

/** Whether `memory` suits the image; a 400 naming `memory` when not. */
export function checkMemory(headless: boolean, memory: string | undefined): StoreResult<void> {
  const allowed: readonly string[] = headless ? MEMORY.headless : MEMORY.headful;
  if (memory === undefined || allowed.includes(memory)) return ok(undefined);
  return invalidField(
    "memory",
    `${memory} does not suit a ${headless ? "headless" : "headful"} pool (${allowed.join(", ")})`,
  );
}

/** Policies Kernel manages itself (extensions, proxy, remote debugging): refused. */
const MANAGED_POLICY = /^(Extension|Proxy|RemoteDebugging)/;

export function checkChromePolicy(policy: Record<string, unknown>): StoreResult<void> {
  const managed = Object.keys(policy).filter((key) => MANAGED_POLICY.test(key));
  if (managed.length === 0) return ok(undefined);
  return invalidField("chrome_policy", `sets policies Kernel manages: ${managed.join(", ")}`);
}

/** The most browsers most organisations may warm per minute, in percent of the pool. */
export const FILL_RATE_CAP = 25;
