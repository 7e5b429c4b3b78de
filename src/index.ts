/**
 * pulumi-kernel: Kernel managed-auth connections as Pulumi resources.
 */
export {
  AuthConnection,
  type AuthConnectionArgs,
  type CredentialArgs,
  type CredentialOutput,
  type ProxyArgs,
  type ProxyOutput,
} from "./authConnection/resource";
export type {
  AuthConnectionOutputs,
  AuthConnectionState,
  CheckedInputs,
  CredentialInput,
  ProxyInput,
} from "./authConnection/types";
export * from "./kernel/errors";
