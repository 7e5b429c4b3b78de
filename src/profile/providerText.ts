/**
 * The `__provider` text every Profile stores in state: it loads the `profile` export of
 * `pulumi-kernel/provider` at call time, so state holds no code, no path and no secret.
 */
import { providerText } from "../dynamic/providerText";
import { PROFILE_PROVIDER_EXPORT } from "./types";

export const PROFILE_PROVIDER_TEXT = providerText(PROFILE_PROVIDER_EXPORT);
