/**
 * The `__provider` text every CredentialProvider stores in state: it loads the
 * `credentialProvider` export of `pulumi-kernel/provider` at call time.
 */
import { providerText } from "../dynamic/providerText";

export const CREDENTIAL_PROVIDER_PROVIDER_TEXT = providerText("credentialProvider");
