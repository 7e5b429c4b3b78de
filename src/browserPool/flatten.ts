/**
 * flatten: an API answer to BrowserPool's outputs, and the outputs to the live inputs a refresh
 * reports. The configuration is read from `browser_pool_config` (selectors as configured), the
 * resolved ids from `profile_id` and `extension_ids`; a telemetry destination the program named
 * stays named while the live id is the one the name resolved to at the last apply.
 */
import type { BrowserPoolConfigResponse, BrowserPoolResponse } from "./api";
import { hostSet, sortRoutes } from "./schema";
import {
  type BrowserPoolInputs,
  type BrowserPoolOutputs,
  type IdOrName,
  NESTED_SERVER_OWNED,
  type NetworkInput,
  SERVER_OWNED,
  type TelemetryInput,
} from "./types";

export interface FlattenContext {
  /** The inputs just applied (create, update, adoption): their forms become the record. */
  desired?: BrowserPoolInputs;
  /** The outputs before a read: their record is kept. */
  olds?: Partial<BrowserPoolOutputs>;
}

/** Outputs, with no undefined anywhere. */
export function toOutputs(live: BrowserPoolResponse, ctx: FlattenContext = {}): BrowserPoolOutputs {
  const config = live.browser_pool_config;
  const out: BrowserPoolOutputs = { size: config.size };
  const name = live.name ?? config.name;
  if (name) out.name = name;
  if (live.region) out.region = live.region as BrowserPoolOutputs["region"];
  copyServerValues(config, out);
  const profile =
    toIdOrName(config.profile) ?? (live.profile_id ? { id: live.profile_id } : undefined);
  if (profile) out.profile = profile;
  const extensions = (config.extensions ?? []).map(toIdOrName).filter(isDefined);
  if (extensions.length > 0) out.extensions = extensions;
  else if (live.extension_ids?.length) out.extensions = live.extension_ids.map((id) => ({ id }));
  if (config.proxy_id) out.proxyId = config.proxy_id;
  if (config.start_url) out.startUrl = config.start_url;
  if (config.chrome_policy && Object.keys(config.chrome_policy).length > 0) {
    out.chromePolicy = structuredClone(config.chrome_policy);
  }
  const network = toNetwork(config.network);
  if (network) out.network = network;
  if (config.viewport) {
    out.viewport = { width: config.viewport.width, height: config.viewport.height };
    if (typeof config.viewport.refresh_rate === "number") {
      out.viewport.refreshRate = config.viewport.refresh_rate;
    }
  }
  Object.assign(out, telemetryOutputs(config, ctx));
  Object.assign(out, runtime(live));
  const source = ctx.desired ?? ctx.olds;
  if (source?.rebuildIdleBrowsersOnUpdate) out.rebuildIdleBrowsersOnUpdate = true;
  if (source?.forceDestroy) out.forceDestroy = true;
  const set = ctx.desired ? serverOwnedSet(ctx.desired) : ctx.olds?.serverOwnedInputs;
  if (set !== undefined) out.serverOwnedInputs = [...set];
  return out;
}

/**
 * The managed inputs as they are live, for ReadResult.inputs: server-owned settings only where
 * the program set them (so a refresh does not make the others look removed), and a drifted
 * telemetry destination by the id it now has.
 */
export function toLiveInputs(outputs: BrowserPoolOutputs): BrowserPoolInputs {
  const set = new Set(outputs.serverOwnedInputs ?? []);
  const inputs: BrowserPoolInputs = { size: outputs.size };
  for (const key of [
    "name",
    "profile",
    "extensions",
    "proxyId",
    "startUrl",
    "chromePolicy",
    "network",
    "rebuildIdleBrowsersOnUpdate",
    "forceDestroy",
  ] as const) {
    if (outputs[key] !== undefined) Object.assign(inputs, { [key]: outputs[key] });
  }
  for (const key of SERVER_OWNED) {
    if (set.has(key) && outputs[key] !== undefined) Object.assign(inputs, { [key]: outputs[key] });
  }
  if (outputs.viewport !== undefined) {
    const { refreshRate, ...size } = outputs.viewport;
    inputs.viewport =
      set.has("viewport.refreshRate") && refreshRate !== undefined
        ? { ...size, refreshRate }
        : size;
  }
  if (outputs.telemetry !== undefined) {
    const { storage, ...rest } = outputs.telemetry;
    inputs.telemetry =
      set.has("telemetry.storage") && storage !== undefined ? { ...rest, storage } : rest;
  }
  return inputs;
}

/** The server-owned settings (and nested paths) a program sets. */
export function serverOwnedSet(desired: BrowserPoolInputs): string[] {
  const set: string[] = SERVER_OWNED.filter((key) => desired[key] !== undefined);
  if (desired.viewport?.refreshRate !== undefined) set.push(NESTED_SERVER_OWNED[0]);
  if (desired.telemetry?.storage !== undefined) set.push(NESTED_SERVER_OWNED[1]);
  return set;
}

function copyServerValues(config: BrowserPoolConfigResponse, out: BrowserPoolOutputs): void {
  if (typeof config.headless === "boolean") out.headless = config.headless;
  if (typeof config.stealth === "boolean") out.stealth = config.stealth;
  if (typeof config.kiosk_mode === "boolean") out.kioskMode = config.kiosk_mode;
  if (typeof config.timeout_seconds === "number") out.timeoutSeconds = config.timeout_seconds;
  if (typeof config.fill_rate_per_minute === "number") {
    out.fillRatePerMinute = config.fill_rate_per_minute;
  }
  if (config.memory) out.memory = config.memory as BrowserPoolOutputs["memory"];
  if (typeof config.refresh_on_profile_update === "boolean") {
    out.refreshOnProfileUpdate = config.refresh_on_profile_update;
  }
}

/**
 * `telemetry` in the program's form, and the live destination id. A destination named in the
 * program (desired, else the state's) keeps its name while the live id is the one recorded
 * when it was applied; otherwise it shows as the live id.
 */
function telemetryOutputs(
  config: BrowserPoolConfigResponse,
  ctx: FlattenContext,
): Partial<BrowserPoolOutputs> {
  const live = config.telemetry;
  if (!live) return {};
  const telemetry: TelemetryInput = {};
  const out: Partial<BrowserPoolOutputs> = { telemetry };
  const otlp = live.export?.otlp;
  const liveId = otlp?.enabled !== false && otlp?.destination ? otlp.destination : undefined;
  if (typeof live.storage?.enabled === "boolean") telemetry.storage = live.storage.enabled;
  if (liveId === undefined) return out;
  out.telemetryDestinationId = liveId;
  const named = ctx.desired?.telemetry?.destination ?? ctx.olds?.telemetry?.destination;
  const recorded = ctx.desired ? liveId : ctx.olds?.resolvedTelemetryDestinationId;
  if (named?.name !== undefined && recorded === liveId) {
    telemetry.destination = { name: named.name };
    out.resolvedTelemetryDestinationId = liveId;
  } else {
    telemetry.destination = { id: liveId };
  }
  return out;
}

function runtime(live: BrowserPoolResponse): Partial<BrowserPoolOutputs> {
  const out: Partial<BrowserPoolOutputs> = {};
  if (live.created_at) out.createdAt = live.created_at;
  if (typeof live.acquired_count === "number") out.acquiredCount = live.acquired_count;
  if (typeof live.available_count === "number") out.availableCount = live.available_count;
  if (live.profile_id) out.profileId = live.profile_id;
  if (live.extension_ids) out.extensionIds = [...live.extension_ids];
  return out;
}

function toIdOrName(
  ref: { id?: string | null; name?: string | null } | null | undefined,
): IdOrName | undefined {
  if (ref?.id) return { id: ref.id };
  if (ref?.name) return { name: ref.name };
  return undefined;
}

function toNetwork(network: BrowserPoolConfigResponse["network"]): NetworkInput | undefined {
  if (!network) return undefined;
  const out: NetworkInput = {};
  if (network.allowed_hosts) out.allowedHosts = hostSet(network.allowed_hosts);
  if (network.private_hosts) out.privateHosts = hostSet(network.private_hosts);
  if (network.proxy_routes) {
    out.proxyRoutes = sortRoutes(
      network.proxy_routes.map((r) => ({
        hosts: hostSet(r.hosts),
        proxyId: r.proxy.id ?? r.proxy.name ?? "",
      })),
    );
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
