/**
 * expand: desired inputs to request bodies. The POST carries what the program set; the PATCH
 * exactly the fields the planner names, a removed one as the API's own clear (`proxy_id: ""`,
 * `start_url: ""`, `chrome_policy: {}`, `extensions: []`, `network: {}`, `profile: {id: ""}`,
 * `telemetry: {enabled: false}`), and `discard_all_idle: true` beside them when the program
 * asks for idle browsers to be rebuilt.
 */
import type {
  BrowserPoolCreateRequest,
  BrowserPoolUpdateRequest,
  WireNetwork,
  WireRef,
  WireTelemetry,
  WireViewport,
} from "./api";
import type {
  BrowserPoolInputs,
  BrowserPoolOutputs,
  BrowserPoolUpdatableField,
  IdOrName,
  NetworkInput,
  TelemetryInput,
  ViewportInput,
} from "./types";

/** The settings whose value goes out as it is, under the API's name. */
const PLAIN = {
  size: "size",
  name: "name",
  headless: "headless",
  stealth: "stealth",
  kioskMode: "kiosk_mode",
  timeoutSeconds: "timeout_seconds",
  fillRatePerMinute: "fill_rate_per_minute",
  memory: "memory",
  refreshOnProfileUpdate: "refresh_on_profile_update",
  proxyId: "proxy_id",
  startUrl: "start_url",
} as const satisfies Partial<Record<BrowserPoolUpdatableField, string>>;

/** The API's clear for each input it can clear. */
const CLEARS: Partial<Record<BrowserPoolUpdatableField, [string, unknown]>> = {
  proxyId: ["proxy_id", ""],
  startUrl: ["start_url", ""],
  chromePolicy: ["chrome_policy", {}],
  extensions: ["extensions", []],
  network: ["network", {}],
  profile: ["profile", { id: "" }],
  telemetry: ["telemetry", { enabled: false }],
};

/** POST body: every setting the program set. */
export function toCreateRequest(desired: BrowserPoolInputs): BrowserPoolCreateRequest {
  const body: Record<string, unknown> = { size: desired.size };
  if (desired.region !== undefined) body.region = desired.region;
  for (const field of Object.keys(PLAIN) as (keyof typeof PLAIN)[]) {
    if (desired[field] !== undefined) body[PLAIN[field]] = desired[field];
  }
  Object.assign(body, structured(desired, "create"));
  return body as unknown as BrowserPoolCreateRequest;
}

/** PATCH body for the named fields, in API form; `{}` when nothing is to be sent. */
export function toUpdateRequest(
  fields: readonly BrowserPoolUpdatableField[],
  _olds: Partial<BrowserPoolOutputs>,
  desired: BrowserPoolInputs,
): BrowserPoolUpdateRequest {
  const body: Record<string, unknown> = {};
  const shaped = structured(desired, "update");
  for (const field of fields) {
    const value = desired[field as keyof BrowserPoolInputs];
    const clear = CLEARS[field];
    if (value === undefined) {
      if (clear) body[clear[0]] = structuredClone(clear[1]);
    } else if (field in PLAIN) {
      body[PLAIN[field as keyof typeof PLAIN]] = value;
    } else if (field in STRUCTURED) {
      Object.assign(body, pick(shaped, STRUCTURED[field as keyof typeof STRUCTURED]));
    }
  }
  if (desired.rebuildIdleBrowsersOnUpdate === true && Object.keys(body).length > 0) {
    body.discard_all_idle = true;
  }
  return body as BrowserPoolUpdateRequest;
}

/** Inputs whose API form is built, not copied: the input to its API field. */
const STRUCTURED = {
  profile: "profile",
  extensions: "extensions",
  chromePolicy: "chrome_policy",
  network: "network",
  telemetry: "telemetry",
  viewport: "viewport",
} as const;

function structured(desired: BrowserPoolInputs, mode: "create" | "update") {
  const out: Record<string, unknown> = {};
  if (desired.profile !== undefined) out.profile = toRef(desired.profile);
  if (desired.extensions !== undefined) out.extensions = desired.extensions.map(toRef);
  if (desired.chromePolicy !== undefined) out.chrome_policy = structuredClone(desired.chromePolicy);
  if (desired.network !== undefined) out.network = toWireNetwork(desired.network);
  if (desired.telemetry !== undefined) {
    out.telemetry = toWireTelemetry(desired.telemetry, mode);
  }
  if (desired.viewport !== undefined) out.viewport = toWireViewport(desired.viewport);
  return out;
}

function pick(values: Record<string, unknown>, key: string): Record<string, unknown> {
  return values[key] === undefined ? {} : { [key]: values[key] };
}

export function toRef(ref: IdOrName): WireRef {
  return ref.id !== undefined ? { id: ref.id } : { name: ref.name };
}

export function toWireNetwork(network: NetworkInput): WireNetwork {
  const out: WireNetwork = {};
  if (network.allowedHosts !== undefined) out.allowed_hosts = [...network.allowedHosts];
  if (network.privateHosts !== undefined) out.private_hosts = [...network.privateHosts];
  if (network.proxyRoutes !== undefined) {
    out.proxy_routes = network.proxyRoutes.map((r) => ({
      hosts: [...r.hosts],
      proxy: { id: r.proxyId },
    }));
  }
  return out;
}

/**
 * Capture on, with the export and storage the program set. An update states the export even
 * when there is none (`otlp.enabled: false`), since it replaces the pool's telemetry.
 */
export function toWireTelemetry(
  telemetry: TelemetryInput,
  mode: "create" | "update",
): WireTelemetry {
  const out: WireTelemetry = { enabled: true };
  if (telemetry.destination !== undefined) {
    out.export = { otlp: { destination: toRef(telemetry.destination) } };
  } else if (mode === "update") {
    out.export = { otlp: { enabled: false } };
  }
  if (telemetry.storage !== undefined) out.storage = { enabled: telemetry.storage };
  return out;
}

export function toWireViewport(viewport: ViewportInput): WireViewport {
  const out: WireViewport = { width: viewport.width, height: viewport.height };
  if (viewport.refreshRate !== undefined) out.refresh_rate = viewport.refreshRate;
  return out;
}
