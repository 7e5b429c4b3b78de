/**
 * flatten: an API response to the resource's state. The managed part comes out in the same
 * normalised form check gives, so live and desired compare field by field.
 */
import { API_DEFAULTS, type CredentialReference, type ManagedAuth } from "../kernel/api";
import { normalizeDomainSet } from "./schema";
import type {
  AuthConnectionState,
  CheckedInputs,
  CredentialInput,
  ProxyInput,
  RuntimeOutputs,
} from "./types";

export interface FlattenContext {
  /** The proxy as the program named it at the last apply (or now, right after an apply). */
  proxy?: ProxyInput;
  /** What `proxy.name` resolved to at the last apply, when no apply just happened. */
  resolvedProxyId?: string;
  /** True right after a request that sent `proxy`: the response's proxy_id is the resolution. */
  proxyJustSent?: boolean;
  adopt?: boolean;
}

/** Outputs: the managed fields as they are live, plus the runtime fields. No undefined values. */
export function toState(live: ManagedAuth, ctx: FlattenContext = {}): AuthConnectionState {
  const state: AuthConnectionState = {
    profileName: live.profile_name,
    domain: live.domain.toLowerCase(),
    healthCheckInterval: live.health_check_interval ?? API_DEFAULTS.healthCheckInterval,
    saveCredentials: live.save_credentials,
    status: live.status,
  };
  if (live.login_url) state.loginUrl = canonicalUrl(live.login_url);
  const credential = toCredentialInput(live.credential ?? undefined);
  if (credential) state.credential = credential;
  if (live.allowed_domains?.length) state.allowedDomains = normalizeDomainSet(live.allowed_domains);
  if (ctx.adopt) state.adopt = true;

  const runtime: RuntimeOutputs = { status: live.status };
  if (live.can_reauth != null) runtime.canReauth = live.can_reauth;
  if (live.can_reauth_reason != null) runtime.canReauthReason = live.can_reauth_reason;
  if (live.proxy_id) runtime.proxyId = live.proxy_id;
  if (live.post_login_url != null) runtime.postLoginUrl = live.post_login_url;
  if (live.last_auth_check_at != null) runtime.lastAuthCheckAt = live.last_auth_check_at;
  if (live.flow_status != null) runtime.flowStatus = live.flow_status;
  Object.assign(state, runtime);

  if (live.proxy_id) {
    if (ctx.proxy && "name" in ctx.proxy) {
      state.proxy = { name: ctx.proxy.name };
      const resolved = ctx.proxyJustSent ? live.proxy_id : ctx.resolvedProxyId;
      if (resolved) state.resolvedProxyId = resolved;
    } else {
      state.proxy = { id: live.proxy_id };
    }
  }
  return state;
}

/**
 * The managed inputs as they are live, for ReadResult.inputs: the engine draws a dynamic
 * resource's preview from old and new inputs, so this is what makes `live => desired` appear.
 * A proxy named in the program but drifted to another id shows as that id.
 */
export function toLiveInputs(state: AuthConnectionState): CheckedInputs {
  const inputs: CheckedInputs = {
    profileName: state.profileName,
    domain: state.domain,
    healthCheckInterval: state.healthCheckInterval,
    saveCredentials: state.saveCredentials,
  };
  if (state.loginUrl !== undefined) inputs.loginUrl = state.loginUrl;
  if (state.credential !== undefined) inputs.credential = state.credential;
  if (state.allowedDomains !== undefined) inputs.allowedDomains = state.allowedDomains;
  if (state.proxy !== undefined) {
    const drifted =
      "name" in state.proxy &&
      state.proxyId !== undefined &&
      state.proxyId !== state.resolvedProxyId;
    inputs.proxy = drifted ? { id: state.proxyId as string } : state.proxy;
  }
  if (state.adopt) inputs.adopt = true;
  return inputs;
}

export function toCredentialInput(
  ref: CredentialReference | undefined,
): CredentialInput | undefined {
  if (!ref) return undefined;
  if (ref.name) return { name: ref.name };
  if (ref.provider && ref.path) return { provider: ref.provider, path: ref.path };
  if (ref.provider && ref.auto) return { provider: ref.provider, auto: true };
  return undefined;
}

function canonicalUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}
