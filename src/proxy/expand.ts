/**
 * expand: a Proxy's desired inputs to API requests. The secret top-level inputs travel inside the
 * API's `config` (as `password` and `ca_bundle`), and only in the POST.
 */
import type { ProxyConfigRequest, ProxyCreateRequest, ProxyUpdateRequest } from "./api";
import type { ProxyInputs, UpdatableField } from "./types";

/** POST body: the fields the program set, nothing filled in (server-owned defaults stay unsent). */
export function toCreateRequest(desired: ProxyInputs): ProxyCreateRequest {
  const body: ProxyCreateRequest = { type: desired.type };
  if (desired.name !== undefined) body.name = desired.name;
  if (desired.protocol !== undefined) body.protocol = desired.protocol;
  const config: ProxyConfigRequest = { ...desired.config };
  if (desired.type === "custom") {
    if (desired.password !== undefined) config.password = desired.password;
    if (desired.caBundle !== undefined) config.ca_bundle = desired.caBundle;
  }
  if (Object.keys(config).length > 0) body.config = config;
  if (desired.bypassHosts?.length) body.bypass_hosts = [...desired.bypassHosts];
  return body;
}

/** PATCH body for the planned fields: the API's PATCH takes the name and nothing else. */
export function toUpdateRequest(
  changed: readonly UpdatableField[],
  desired: ProxyInputs,
): ProxyUpdateRequest {
  const body: ProxyUpdateRequest = {};
  for (const field of changed) {
    // A removed name is server-owned (no change), so the planner never names it unset.
    if (field === "name" && desired.name !== undefined) body.name = desired.name;
  }
  return body;
}
