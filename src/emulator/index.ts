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
