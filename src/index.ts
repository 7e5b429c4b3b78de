/**
 * pulumi-kernel: Kernel managed auth as Pulumi resources. A stack declares the auth connection
 * and everything it points at: the credential Kernel logs in with (or a 1Password credential
 * provider), the proxy, and the browser profile.
 */
export {
  AuthConnection,
  type AuthConnectionArgs,
  type AuthConnectionState,
  type CredentialReferenceArgs,
  type CredentialReferenceOutput,
  type ProxyReferenceArgs,
  type ProxyReferenceOutput,
  // The class TelemetryDestination's arguments take the plain name; a connection's reference
  // to a destination is named as the references to credentials and proxies are.
  type TelemetryDestinationArgs as TelemetryDestinationReferenceArgs,
  type TelemetryDestinationOutput,
} from "./authConnection/resource";
export { Credential, type CredentialArgs, type CredentialState } from "./credential/resource";
export {
  CredentialProvider,
  type CredentialProviderArgs,
  type CredentialProviderState,
} from "./credentialProvider/resource";
export {
  Proxy,
  type ProxyArgs,
  type ProxyState,
  type DatacenterProxyArgs,
  type ResidentialProxyArgs,
  type MobileProxyArgs,
  type CustomProxyArgs,
  type ProxyConfigOutput,
} from "./proxy/resource";
export { Profile, type ProfileArgs, type ProfileState } from "./profile/resource";
export { Extension, type ExtensionArgs, type ExtensionState } from "./extension/resource";
export {
  Project,
  type ProjectArgs,
  type ProjectLimitsArgs,
  type ProjectState,
} from "./project/resource";
export {
  TelemetryDestination,
  type TelemetryDestinationArgs,
  type TelemetryDestinationState,
} from "./telemetryDestination/resource";
export {
  BrowserPool,
  type BrowserPoolArgs,
  type BrowserPoolState,
  type BrowserPoolNetworkArgs,
  type BrowserPoolProxyRouteArgs,
  type BrowserPoolTelemetryArgs,
  type BrowserPoolViewportArgs,
  type BrowserPoolReferenceArgs,
  type BrowserPoolReferenceOutput,
} from "./browserPool/resource";
export type {
  AuthConnectionStatus,
  AuthFlowStatus,
  CanReauthReason,
  CredentialProviderType,
  OtherString,
  ProxyMode,
  ProxyProtocol,
  ProxyStatus,
  ProxyType,
  ResidentialOs,
} from "./enums";
export * from "./lookups";
export { AlreadyExistsError, PartialFailureError } from "./dynamic/errors";
export { ProxyOutcomeUnknownError } from "./proxy/errors";
export * from "./kernel/errors";
