/**
 * flatten: an API answer to CredentialProvider's state. Live fields from the answer; the token
 * and the cache TTL (never returned) from the record of the last apply.
 */
import type { CredentialProviderLive } from "./api";
import type { CredentialProviderInputs, CredentialProviderState, ProviderType } from "./types";

export interface FlattenContext {
  /** The inputs just sent successfully: they become the record. */
  desired?: CredentialProviderInputs;
  /** The old state: on a read its record is kept; after a send, a cache TTL no longer set. */
  olds?: Partial<CredentialProviderState>;
}

/**
 * Outputs, with no undefined anywhere. Without `desired` or `olds` (a take-over, a `get`)
 * nothing is recorded, so the next plan sends the token (and a set cache TTL) once.
 */
export function toState(
  live: CredentialProviderLive,
  ctx: FlattenContext = {},
): CredentialProviderState {
  const state: CredentialProviderState = {
    name: live.name,
    providerType: live.provider_type,
    enabled: live.enabled,
    priority: live.priority,
  };
  const token = ctx.desired ? ctx.desired.token : ctx.olds?.token;
  // An unset cache TTL is no change, so the live value is still the one recorded before.
  const ttl = ctx.desired?.cacheTtlSeconds ?? ctx.olds?.cacheTtlSeconds;
  if (token !== undefined) state.token = token;
  if (ttl !== undefined) state.cacheTtlSeconds = ttl;
  if (live.created_at) state.createdAt = live.created_at;
  if ((ctx.desired ?? ctx.olds)?.adopt) state.adopt = true;
  return state;
}

/** The managed inputs as they are live, for ReadResult.inputs (`live => desired` previews). */
export function toLiveInputs(state: CredentialProviderState): CredentialProviderInputs {
  const inputs = {
    name: state.name,
    providerType: state.providerType as ProviderType,
    enabled: state.enabled,
    priority: state.priority,
  } as CredentialProviderInputs;
  if (state.token !== undefined) inputs.token = state.token;
  if (state.cacheTtlSeconds !== undefined) inputs.cacheTtlSeconds = state.cacheTtlSeconds;
  if (state.adopt) inputs.adopt = true;
  return inputs;
}
