/**
 * CredentialProvider's provider: the shared skeleton run with its spec. The `__provider` text
 * reaches it as the `credentialProvider` export of `pulumi-kernel/provider`.
 */
import { makeProvider } from "../dynamic/provider";
import { credentialProviderSpec } from "./spec";

export const credentialProvider = makeProvider(credentialProviderSpec);
