/**
 * expand: desired state to API requests, field by field, so that the PATCH carries exactly the
 * fields the planner names, each in its API form, with the API's own clears. Server-owned
 * fields are sent only when the program set them (docs/behaviour.md). `proxy`, `stealth`,
 * `telemetryDestination` and `region` travel in one `browser` object.
 */
import type {
  BrowserProxy,
  BrowserTelemetry,
  CredentialReference,
  ManagedAuthCreateRequest,
  ManagedAuthUpdateRequest,
} from "./api";
import type {
  AuthConnectionInputs,
  CredentialInput,
  ProxyInput,
  TelemetryDestinationInput,
  UpdatableField,
} from "./types";

/** POST body: the profile and domain, and every other field the program set. */
export function toCreateRequest(desired: AuthConnectionInputs): ManagedAuthCreateRequest {
  const body: ManagedAuthCreateRequest = {
    profile_name: desired.profileName,
    domain: desired.domain,
  };
  if (desired.loginUrl !== undefined) body.login_url = desired.loginUrl;
  if (desired.credential !== undefined) body.credential = toCredentialReference(desired.credential);
  if (desired.allowedDomains?.length) body.allowed_domains = [...desired.allowedDomains];
  if (desired.healthCheckInterval !== undefined) {
    body.health_check_interval = desired.healthCheckInterval;
  }
  if (desired.healthChecks !== undefined) body.health_checks = desired.healthChecks;
  if (desired.autoReauth !== undefined) body.auto_reauth = desired.autoReauth;
  if (desired.recordSession !== undefined) body.record_session = desired.recordSession;
  if (desired.saveCredentials !== undefined) body.save_credentials = desired.saveCredentials;
  const proxy = desired.proxy === undefined ? undefined : toBrowserProxy(desired.proxy);
  const telemetry = desired.telemetryDestination;
  if (proxy !== undefined || desired.stealth !== undefined || telemetry !== undefined) {
    body.browser = {};
    if (proxy !== undefined) body.browser.proxy = proxy;
    if (desired.stealth !== undefined) body.browser.stealth = desired.stealth;
    if (telemetry !== undefined) body.browser.telemetry = toBrowserTelemetry(telemetry);
  }
  if (desired.region !== undefined) (body.browser ??= {}).region = desired.region;
  return body;
}

/**
 * PATCH body for the named fields. A removed `loginUrl` is sent as `""`, a removed
 * `allowedDomains` as `[]`, a removed proxy as `browser.proxy.mode: "default"` and a removed
 * telemetry destination as `browser.telemetry.export.otlp.enabled: false` (the API's clears). A removed credential never gets here (the API has no detach; the planner replaces),
 * and a removed server-owned field is never named by the planner.
 */
export function toUpdateRequest(
  fields: readonly UpdatableField[],
  desired: AuthConnectionInputs,
): ManagedAuthUpdateRequest {
  const body: ManagedAuthUpdateRequest = {};
  const browser = () => (body.browser ??= {});
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
        // Sorted: the inputs may keep the old order for the preview (dynamic/engineDiff).
        body.allowed_domains = [...(desired.allowedDomains ?? [])].sort();
        break;
      case "healthCheckInterval":
        if (desired.healthCheckInterval !== undefined) {
          body.health_check_interval = desired.healthCheckInterval;
        }
        break;
      case "healthChecks":
        if (desired.healthChecks !== undefined) body.health_checks = desired.healthChecks;
        break;
      case "autoReauth":
        if (desired.autoReauth !== undefined) body.auto_reauth = desired.autoReauth;
        break;
      case "recordSession":
        if (desired.recordSession !== undefined) body.record_session = desired.recordSession;
        break;
      case "saveCredentials":
        if (desired.saveCredentials !== undefined) body.save_credentials = desired.saveCredentials;
        break;
      case "proxy":
        browser().proxy =
          desired.proxy === undefined ? { mode: "default" } : toBrowserProxy(desired.proxy);
        break;
      case "stealth":
        if (desired.stealth !== undefined) browser().stealth = desired.stealth;
        break;
      case "telemetryDestination":
        browser().telemetry =
          desired.telemetryDestination === undefined
            ? { export: { otlp: { enabled: false } } }
            : toBrowserTelemetry(desired.telemetryDestination);
        break;
      case "region":
        if (desired.region !== undefined) browser().region = desired.region;
        break;
    }
  }
  return body;
}

export function toCredentialReference(credential: CredentialInput): CredentialReference {
  if (credential.name !== undefined) return { name: credential.name };
  if (credential.path !== undefined)
    return { provider: credential.provider, path: credential.path };
  return { provider: credential.provider as string, auto: true };
}

/**
 * Export to a destination: the destination implies export, and export needs capture, so
 * capture is turned on with it (the API's default categories).
 */
export function toBrowserTelemetry(destination: TelemetryDestinationInput): BrowserTelemetry {
  const ref = destination.id !== undefined ? { id: destination.id } : { name: destination.name };
  return { enabled: true, export: { otlp: { destination: ref } } };
}

export function toBrowserProxy(proxy: ProxyInput): BrowserProxy {
  if (proxy.id !== undefined) return { id: proxy.id };
  if (proxy.name !== undefined) return { name: proxy.name };
  return { mode: proxy.mode as "direct" | "default" };
}
