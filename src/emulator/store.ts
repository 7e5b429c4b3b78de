/** The auth-connection store under its older path; the resource lives in resources/authConnections. */
export {
  ConnectionStore,
  type ConnectionStoreOptions,
  type StoredConnection,
  toManagedAuth,
} from "./resources/authConnections/store";
export type { EmulatedProxy } from "./resources/proxies/store";
export type { ApiErrorPayload, StoreResult } from "./answers";
