/**
 * The value sets of the package's public types. What the API reports is an open union: the
 * values this version knows, plus any other string, so that a value a newer API sends still
 * compiles in a program that compares or stores it (`string & {}` keeps the known values
 * offered by editors). What a program sets is closed: check refuses other values anyway.
 */
import type { ProviderType } from "./credentialProvider/types";
import type { ProxyProtocol, ProxyType, ResidentialOs } from "./proxy/types";

/** Any string besides the known values of an open union. */
export type OtherString = string & {};

/** `AUTHENTICATED` or `NEEDS_AUTH` (an auth connection's `status`), or a newer value. */
export type AuthConnectionStatus = "AUTHENTICATED" | "NEEDS_AUTH" | OtherString;

/** The state of a login flow in progress (an auth connection's `flowStatus`). */
export type AuthFlowStatus =
  "IN_PROGRESS" | "SUCCESS" | "FAILED" | "EXPIRED" | "CANCELED" | OtherString;

/** Why Kernel can or cannot log in again without a person (`canReauthReason`). */
export type CanReauthReason =
  | "external_credential"
  | "cua_has_credential"
  | "has_credential"
  | "viable_plans_found"
  | "no_requirements_recorded"
  | "requirements_satisfiable"
  | "no_prior_successful_login"
  | "no_credential"
  | "no_viable_plans"
  | "viable_plans_require_external_action"
  | "requires_external_action"
  | "requires_totp_without_secret"
  | "requires_sms_code"
  | "requires_email_code"
  | "requires_customer_input"
  | OtherString;

/** How a connection's browser reaches the web without a selected proxy: `direct` or `default`. */
export type ProxyMode = "direct" | "default";

/** A proxy's health as the API reports it (`Proxy.status`). */
export type ProxyStatus = "available" | "unavailable" | OtherString;

/** The kind of external credential store (`CredentialProvider.providerType`). */
export type CredentialProviderType = ProviderType;

export type { ProxyProtocol, ProxyType, ResidentialOs };
