/**
 * The `__provider` text every CredentialProvider stores in state: it loads the implementation
 * by package name at call time (the `credentialProvider` export of `pulumi-kernel/provider`).
 */
export const CREDENTIAL_PROVIDER_PROVIDER_TEXT =
  'exports.handler = () => require("pulumi-kernel/provider").credentialProvider;';
