/**
 * expand: desired state to API requests. Field by field, so that the PATCH carries exactly the
 * fields the planner names, each in its API form, with the API's own clears.
 */
import {
  API_DEFAULTS,
  type CredentialReference,
  type ManagedAuthCreateRequest,
  type ManagedAuthUpdateRequest,
  type ProxyRef,
} from "../kernel/api";
import type { CheckedInputs, CredentialInput, ProxyInput, UpdatableField } from "./types";

/** POST body: every managed field the desired state holds. */
export function toCreateRequest(desired: CheckedInputs): ManagedAuthCreateRequest {
  const body: ManagedAuthCreateRequest = {
    profile_name: desired.profileName,
    domain: desired.domain,
  };
  if (desired.loginUrl !== undefined) body.login_url = desired.loginUrl;
  if (desired.credential !== undefined) body.credential = toCredentialReference(desired.credential);
  if (desired.allowedDomains?.length) body.allowed_domains = [...desired.allowedDomains];
  body.health_check_interval = desired.healthCheckInterval ?? API_DEFAULTS.healthCheckInterval;
  body.save_credentials = desired.saveCredentials ?? API_DEFAULTS.saveCredentials;
  if (desired.proxy !== undefined) body.proxy = toProxyRef(desired.proxy);
  return body;
}

/**
 * PATCH body for the named fields. A removed `loginUrl` is sent as `""` and a removed
 * `allowedDomains` as `[]` (the API's clears); removed credential and proxy never get here,
 * since the API cannot detach them and the planner replaces instead.
 */
export function toUpdateRequest(
  fields: readonly UpdatableField[],
  desired: CheckedInputs,
): ManagedAuthUpdateRequest {
  const body: ManagedAuthUpdateRequest = {};
  for (const field of fields) {
    switch (field) {
      case "loginUrl":
        body.login_url = desired.loginUrl ?? "";
        break;
      case "credential":
        if (desired.credential === undefined) throw new Error("credential cannot be cleared");
        body.credential = toCredentialReference(desired.credential);
        break;
      case "allowedDomains":
        body.allowed_domains = [...(desired.allowedDomains ?? [])];
        break;
      case "healthCheckInterval":
        body.health_check_interval =
          desired.healthCheckInterval ?? API_DEFAULTS.healthCheckInterval;
        break;
      case "saveCredentials":
        body.save_credentials = desired.saveCredentials ?? API_DEFAULTS.saveCredentials;
        break;
      case "proxy":
        if (desired.proxy === undefined) throw new Error("proxy cannot be cleared");
        body.proxy = toProxyRef(desired.proxy);
        break;
    }
  }
  return body;
}

export function toCredentialReference(credential: CredentialInput): CredentialReference {
  if ("name" in credential) return { name: credential.name };
  if ("path" in credential) return { provider: credential.provider, path: credential.path };
  return { provider: credential.provider, auto: true };
}

export function toProxyRef(proxy: ProxyInput): ProxyRef {
  return "id" in proxy ? { id: proxy.id } : { name: proxy.name };
}
