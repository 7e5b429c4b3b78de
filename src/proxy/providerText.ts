/**
 * The `__provider` text every Proxy stores in state: it loads the `proxy` export of
 * `pulumi-kernel/provider` at call time, so state holds no code, no path and no secret.
 */
import { providerText } from "../dynamic/providerText";
import { PROXY_PROVIDER_EXPORT } from "./types";

export const PROXY_PROVIDER_TEXT = providerText(PROXY_PROVIDER_EXPORT);
