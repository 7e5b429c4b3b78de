/** `pulumi-kernel/emulator`: a local, stateful emulator of the Kernel API. */
export { startEmulator, CONTROL_PREFIX } from "./server";
export type { Emulator, EmulatorOptions, StartOptions, RequestLogEntry } from "./server";
export type { ApiRequest, RouteModule, StoreEnv } from "./core";
export type { FaultRule, FaultKind } from "./faults";
export type { EmulatedProxy } from "./resources/proxies/store";
export type { StoredConnection } from "./resources/authConnections/store";
export { DEFAULT_PROJECT, type Project } from "./projects";
export { PLAN_MINIMUMS, type PlanName, type Plan, type Settings, SettingsError } from "./settings";
export { maskSecrets, SECRET_KEYS } from "./mask";
export { validatorFor } from "./openapi";
// The stores of the newer resources, for `storeOf<CredentialStore>("credentials")`: tests can
// check what the API keeps but never answers (values, tokens, a proxy's secrets).
export type {
  CredentialStore,
  CredentialView,
  StoredCredential,
} from "./resources/credentials/store";
export type {
  CredentialProviderStore,
  CredentialProviderView,
  StoredCredentialProvider,
} from "./resources/credentialProviders/store";
export type { ProxyStore, ProxyType, ProxyView, StoredProxy } from "./resources/proxies/store";
export type { ProfileStore, ProfileView, StoredProfile } from "./resources/profiles/store";
export type { ExtensionStore, ExtensionView, StoredExtension } from "./resources/extensions/store";
export type { ProjectStore, ProjectView, ProjectLimitsView } from "./resources/projects/store";
export type {
  DestinationStore,
  DestinationView,
  StoredDestination,
} from "./resources/telemetryDestinations/store";
export type {
  BrowserPoolStore,
  PoolLookups,
  StoredBrowserPool,
} from "./resources/browserPools/store";
export type { PoolView as BrowserPoolView } from "./resources/browserPools/wire";
