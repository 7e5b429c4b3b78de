/**
 * flatten: an API answer to CredentialProvider's state. Live fields from the answer; the token
 * and the cache TTL (never returned) from the record of the last apply.
 */
import type { CredentialProviderResponse } from "./api";
import type { CredentialProviderInputs, CredentialProviderOutputs, ProviderType } from "./types";

export interface FlattenContext {
  /** The inputs just sent successfully: they become the record. */
  desired?: CredentialProviderInputs;
  /** The old state: on a read its record is kept; after a send, a cache TTL no longer set. */
  olds?: Partial<CredentialProviderOutputs>;
}

/**
 * Outputs, with no undefined anywhere. Without `desired` or `olds` (a take-over, a `get`)
 * nothing is recorded, so the next plan sends the token (and a set cache TTL) once.
 */
export function toOutputs(
  live: CredentialProviderResponse,
  ctx: FlattenContext = {},
): CredentialProviderOutputs {
  const state: CredentialProviderOutputs = {
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
  return state;
}

/** The managed inputs as they are live, for ReadResult.inputs (`live => desired` previews). */
export function toLiveInputs(state: CredentialProviderOutputs): CredentialProviderInputs {
  const inputs = {
    name: state.name,
    providerType: state.providerType as ProviderType,
    enabled: state.enabled,
    priority: state.priority,
  } as CredentialProviderInputs;
  if (state.token !== undefined) inputs.token = state.token;
  if (state.cacheTtlSeconds !== undefined) inputs.cacheTtlSeconds = state.cacheTtlSeconds;
  return inputs;
}
