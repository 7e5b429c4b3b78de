/** `pulumi-kernel/emulator`: a local, stateful emulator of the Kernel auth-connections API. */
export { startEmulator, CONTROL_PREFIX } from "./server";
export type { Emulator, EmulatorOptions, RequestLogEntry } from "./server";
export type { FaultRule, FaultKind } from "./faults";
export type { EmulatedProxy, StoredConnection } from "./store";
export { validatorFor } from "./openapi";
