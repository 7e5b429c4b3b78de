/**
 * expand: desired state to request bodies. The POST carries what it accepts; `enabled` and
 * `priority`, which it does not, follow in one PATCH when they differ from the server's.
 */
import type { CredentialProviderCreateRequest, CredentialProviderUpdateRequest } from "./api";
import type { CredentialProviderInputs, UpdatableField } from "./types";

/** POST body: the fields the POST accepts that the program set. */
export function toCreateRequest(
  desired: CredentialProviderInputs,
): CredentialProviderCreateRequest {
  const body: CredentialProviderCreateRequest = {
    name: desired.name,
    provider_type: desired.providerType,
    token: desired.token,
  };
  if (desired.cacheTtlSeconds !== undefined) body.cache_ttl_seconds = desired.cacheTtlSeconds;
  return body;
}

/** PATCH body for the named fields. Only fields the program set are ever named. */
export function toUpdateRequest(
  fields: readonly UpdatableField[],
  desired: CredentialProviderInputs,
): CredentialProviderUpdateRequest {
  const body: CredentialProviderUpdateRequest = {};
  for (const field of fields) {
    switch (field) {
      case "name":
        body.name = desired.name;
        break;
      case "token":
        body.token = desired.token;
        break;
      case "cacheTtlSeconds":
        if (desired.cacheTtlSeconds !== undefined) body.cache_ttl_seconds = desired.cacheTtlSeconds;
        break;
      case "enabled":
        if (desired.enabled !== undefined) body.enabled = desired.enabled;
        break;
      case "priority":
        if (desired.priority !== undefined) body.priority = desired.priority;
        break;
    }
  }
  return body;
}
