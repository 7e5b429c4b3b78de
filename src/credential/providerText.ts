/**
 * The `__provider` text every Credential stores in state: it loads the `credential` export of
 * `pulumi-kernel/provider` at call time, so state holds no code, no path and no secret.
 */
import { providerText } from "../dynamic/providerText";

export const CREDENTIAL_PROVIDER_TEXT = providerText("credential");
