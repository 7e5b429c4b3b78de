/**
 * pulumi-kernel: Kernel managed auth as Pulumi resources.
 */
export {
  AuthConnection,
  type AuthConnectionArgs,
  type AuthConnectionState,
  type CredentialArgs,
  type CredentialOutput,
  type ProxyArgs,
  type ProxyOutput,
} from "./authConnection/resource";
export type {
  AuthConnectionState as AuthConnectionOutputs,
  CheckedInputs,
  CredentialInput,
  ProxyInput,
} from "./authConnection/types";
export { AlreadyExistsError, PartialFailureError } from "./dynamic/errors";
export * from "./kernel/errors";
