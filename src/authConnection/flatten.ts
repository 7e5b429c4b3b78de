/**
 * flatten: an API answer to the resource's state. The managed part comes out in the same
 * normalised form check gives, so live and desired compare field by field. Server-owned
 * fields carry their live values (docs/behaviour.md).
 */
import type { CredentialReference, ManagedAuth } from "./api";
import { normalizeDomainSet, parsedUrl, toAsciiDomainPattern, toAsciiHost } from "./schema";
import {
  type AuthConnectionOutputs,
  type BrowserRegion,
  type AuthConnectionInputs,
  type CredentialInput,
  type ProxyInput,
  type RuntimeOutputs,
  SERVER_OWNED,
  type TelemetryDestinationInput,
} from "./types";

export interface FlattenContext {
  /** The telemetry destination as the program named it (by id or by name). */
  telemetryDestination?: TelemetryDestinationInput;
  /** The proxy as the program named it at the last apply (or now, right after an apply). */
  proxy?: ProxyInput;
  /** What `proxy.name` resolved to at the last apply, when no apply just happened. */
  resolvedProxyId?: string;
  /** True right after a request that sent a proxy: the answer's proxy id is the resolution. */
  proxyJustSent?: boolean;
  /** The server-owned inputs the program set (see RuntimeOutputs.serverOwnedInputs). */
  serverOwnedInputs?: readonly string[];
}

/** What states written before v2 held as inputs: check filled these two in. */
const LEGACY_SERVER_OWNED_INPUTS = ["healthCheckInterval", "saveCredentials"];

/** The live proxy: `browser.proxy` when the answer has it, else the deprecated `proxy_id`. */
export function liveProxy(live: ManagedAuth): { id?: string; name?: string; mode?: string } {
  const proxy = live.browser?.proxy;
  if (proxy) {
    const out: { id?: string; name?: string; mode?: string } = {};
    if (proxy.id) out.id = proxy.id;
    if (proxy.name) out.name = proxy.name;
    if (proxy.mode) out.mode = proxy.mode;
    // `{}` or only nulls: fall back to proxy_id, which older servers keep in step.
    if (out.id || out.name || out.mode) return out;
  }
  return live.proxy_id ? { id: live.proxy_id } : {};
}

/** Outputs: the managed fields as they are live, plus the runtime fields. No undefined values. */
export function toOutputs(live: ManagedAuth, ctx: FlattenContext = {}): AuthConnectionOutputs {
  const state: AuthConnectionOutputs = {
    profileName: live.profile_name,
    domain: toAsciiHost(live.domain) ?? live.domain.toLowerCase(),
  };
  if (live.login_url) state.loginUrl = canonicalUrl(live.login_url);
  const credential = toCredentialInput(live.credential ?? undefined);
  if (credential) state.credential = credential;
  if (live.allowed_domains?.length) {
    state.allowedDomains = normalizeDomainSet(
      live.allowed_domains.map((d) => toAsciiDomainPattern(d) ?? d),
    );
  }
  if (live.health_check_interval != null) state.healthCheckInterval = live.health_check_interval;
  if (live.health_checks != null) state.healthChecks = live.health_checks;
  if (live.auto_reauth != null) state.autoReauth = live.auto_reauth;
  if (live.record_session != null) state.recordSession = live.record_session;
  if (live.save_credentials != null) state.saveCredentials = live.save_credentials;
  if (live.browser?.stealth != null) state.stealth = live.browser.stealth;
  const destination = liveTelemetryDestination(live, ctx.telemetryDestination);
  if (destination) state.telemetryDestination = destination;
  // Kept as live even when this version does not know the region (a server-owned output).
  if (live.browser?.region != null) state.region = live.browser.region as BrowserRegion;
  if (ctx.serverOwnedInputs) state.serverOwnedInputs = [...ctx.serverOwnedInputs];

  const runtime: RuntimeOutputs = {};
  if (live.status != null) runtime.status = live.status;
  if (live.can_reauth != null) runtime.canReauth = live.can_reauth;
  if (live.can_reauth_reason != null) runtime.canReauthReason = live.can_reauth_reason;
  if (live.post_login_url != null) runtime.postLoginUrl = live.post_login_url;
  if (live.last_auth_check_at != null) runtime.lastAuthCheckAt = live.last_auth_check_at;
  if (live.flow_status != null) runtime.flowStatus = live.flow_status;
  if (live.health_check_unavailable_reason != null) {
    runtime.healthCheckUnavailableReason = live.health_check_unavailable_reason;
  }
  Object.assign(state, runtime);

  const proxy = liveProxy(live);
  if (proxy.mode === "direct") {
    state.proxy = { mode: "direct" };
  } else if (proxy.id) {
    state.proxyId = proxy.id;
    const named = ctx.proxy?.name;
    if (named !== undefined && (proxy.name === undefined || proxy.name === named)) {
      state.proxy = { name: named };
      const resolved = ctx.proxyJustSent ? proxy.id : ctx.resolvedProxyId;
      if (resolved) state.resolvedProxyId = resolved;
    } else {
      state.proxy = { id: proxy.id };
    }
  } else if (proxy.name) {
    // A name without an id: nothing to resolve against; the name is what is live.
    state.proxy = { name: proxy.name };
  }
  // Any other mode ("default", or one this version does not know) selects no proxy.
  return state;
}

/**
 * The live OTLP destination, in the form the program names it: by name when the program names
 * it so and the answer carries that name, else by id (or by name when the answer has no id).
 * An export switched off (`otlp.enabled: false`) exports nowhere.
 */
export function liveTelemetryDestination(
  live: ManagedAuth,
  named: TelemetryDestinationInput | undefined,
): TelemetryDestinationInput | undefined {
  const otlp = live.browser?.telemetry?.export?.otlp;
  if (!otlp || otlp.enabled === false || !otlp.destination) return undefined;
  const { id, name } = otlp.destination;
  if (named?.name !== undefined && name === named.name) return { name };
  if (id) return { id };
  return name ? { name } : undefined;
}

/**
 * The managed inputs as they are live, for ReadResult.inputs: the engine draws a dynamic
 * resource's preview from old and new inputs, so this is what makes `live => desired` appear.
 * A proxy named in the program but drifted to another id shows as that id.
 */
export function toLiveInputs(state: AuthConnectionOutputs): AuthConnectionInputs {
  const inputs: AuthConnectionInputs = { profileName: state.profileName, domain: state.domain };
  const serverOwned = state.serverOwnedInputs ?? LEGACY_SERVER_OWNED_INPUTS;
  for (const key of ["loginUrl", "credential", "allowedDomains", ...SERVER_OWNED] as const) {
    const shown = !(SERVER_OWNED as readonly string[]).includes(key) || serverOwned.includes(key);
    if (shown && state[key] !== undefined) Object.assign(inputs, { [key]: state[key] });
  }
  if (state.proxy !== undefined) {
    const drifted =
      state.proxy.name !== undefined &&
      state.proxyId !== undefined &&
      state.proxyId !== state.resolvedProxyId;
    inputs.proxy = drifted ? { id: state.proxyId as string } : state.proxy;
  }
  if (state.telemetryDestination !== undefined) {
    inputs.telemetryDestination = state.telemetryDestination;
  }
  return inputs;
}

export function toCredentialInput(
  ref: { [K in keyof CredentialReference]?: CredentialReference[K] | null } | undefined | null,
): CredentialInput | undefined {
  if (!ref) return undefined;
  if (ref.name) return { name: ref.name };
  if (ref.provider && ref.path) return { provider: ref.provider, path: ref.path };
  if (ref.provider && ref.auto) return { provider: ref.provider, auto: true };
  return undefined;
}

function canonicalUrl(url: string): string {
  return parsedUrl(url)?.href ?? url;
}
