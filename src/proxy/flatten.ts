/**
 * flatten: a `/proxies` answer to the Proxy's state, in the form check gives, so that live and
 * desired compare field by field. The API never returns the password or CA bundle: state keeps
 * the values recorded at the last apply, as long as the API still says it holds one.
 */
import type { ProxyResponse } from "./api";
import { normalizeBypassHosts } from "./schema";
import {
  ALL_CONFIG_KEYS,
  type ProxyConfig,
  type ProxyInputs,
  type ProxyProtocol,
  type ProxyOutputs,
  type ProxyType,
} from "./types";

export interface FlattenContext {
  /** The inputs just sent (after a create): their secrets are what the API now holds. */
  desired?: ProxyInputs;
  /** The state before (read, update): the secrets recorded at the last apply. */
  olds?: Partial<ProxyOutputs>;
}

/** Outputs: the inputs as they are live plus what the API reports. No undefined values. */
export function toOutputs(live: ProxyResponse, ctx: FlattenContext = {}): ProxyOutputs {
  const state: ProxyOutputs = { type: live.type as ProxyType };
  if (live.name != null) state.name = live.name;
  if (live.protocol != null) state.protocol = live.protocol as ProxyProtocol;
  const config = toConfig(live.config);
  if (config) state.config = config;
  if (live.bypass_hosts?.length) state.bypassHosts = normalizeBypassHosts(live.bypass_hosts);

  if (live.config?.has_password != null) state.hasPassword = live.config.has_password;
  if (live.config?.has_ca_bundle != null) state.hasCaBundle = live.config.has_ca_bundle;
  if (live.status != null) state.status = live.status;
  if (live.ip_address != null) state.ipAddress = live.ip_address;
  if (live.last_checked != null) state.lastChecked = live.last_checked;

  const serverOwned = ctx.desired ? serverOwnedInputs(ctx.desired) : ctx.olds?.serverOwnedInputs;
  if (serverOwned) state.serverOwnedInputs = [...serverOwned];

  if (ctx.desired) {
    // Just sent: what the program gave is what the API holds.
    if (ctx.desired.password !== undefined) state.password = ctx.desired.password;
    if (ctx.desired.caBundle !== undefined) state.caBundle = ctx.desired.caBundle;
  } else if (ctx.olds) {
    // A secret the API no longer reports holding is gone: the next diff then replaces.
    if (ctx.olds.password !== undefined && state.hasPassword !== false) {
      state.password = ctx.olds.password;
    }
    if (ctx.olds.caBundle !== undefined && state.hasCaBundle !== false) {
      state.caBundle = ctx.olds.caBundle;
    }
  }
  return state;
}

/**
 * The inputs as they are live, for ReadResult.inputs: the engine draws a dynamic resource's
 * preview from old and new inputs, so this is what makes `live => desired` appear.
 */
export function toLiveInputs(state: ProxyOutputs): ProxyInputs {
  const set = state.serverOwnedInputs;
  const shown = (key: string) => set === undefined || set.includes(key);
  const inputs: ProxyInputs = { type: state.type };
  if (state.name !== undefined && shown("name")) inputs.name = state.name;
  if (state.protocol !== undefined && shown("protocol")) inputs.protocol = state.protocol;
  const config = Object.entries(state.config ?? {}).filter(([key]) => shown(`config.${key}`));
  if (config.length > 0) inputs.config = Object.fromEntries(config) as ProxyConfig;
  if (state.password !== undefined) inputs.password = state.password;
  if (state.caBundle !== undefined) inputs.caBundle = state.caBundle;
  if (state.bypassHosts !== undefined) inputs.bypassHosts = [...state.bypassHosts];
  return inputs;
}

/** The server-owned inputs `desired` sets, sorted: `name`, `protocol`, `config.<key>`. */
export function serverOwnedInputs(desired: ProxyInputs): string[] {
  const keys: string[] = [];
  if (desired.name !== undefined) keys.push("name");
  if (desired.protocol !== undefined) keys.push("protocol");
  for (const key of Object.keys(desired.config ?? {})) keys.push(`config.${key}`);
  return keys.sort();
}

/** The known config keys, normalised as check does; `has_*` flags become top-level outputs. */
function toConfig(config: ProxyResponse["config"]): ProxyConfig | undefined {
  if (!config) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of ALL_CONFIG_KEYS) {
    const value = config[key];
    if (value == null) continue;
    out[key] = key === "country" || key === "state" ? String(value).toUpperCase() : value;
  }
  return Object.keys(out).length > 0 ? (out as ProxyConfig) : undefined;
}
