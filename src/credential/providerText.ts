/**
 * The `__provider` text every Credential stores in state: it loads the implementation by
 * package name at call time (the `credential` export of `pulumi-kernel/provider`), so state
 * holds no code, no path and no secret, and an upgrade of the package reaches existing stacks.
 */
export const CREDENTIAL_PROVIDER_TEXT =
  'exports.handler = () => require("pulumi-kernel/provider").credential;';
