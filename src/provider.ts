/**
 * The `pulumi-kernel/provider` subpath that every `__provider` text loads. AuthConnection's
 * provider methods stay at the top level (texts already in state require the module itself);
 * every other resource's provider is a named export.
 */
export * from "./authConnection/provider";
export { credential } from "./credential/provider";
export { credentialProvider } from "./credentialProvider/provider";
export { proxyProvider as proxy } from "./proxy/provider";
export { profileProvider as profile } from "./profile/provider";
