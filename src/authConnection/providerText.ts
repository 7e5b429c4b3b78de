/**
 * AuthConnection's `__provider` text: the one existing stacks already hold, so it never
 * changes (see ../dynamic/providerText).
 */
import { providerText } from "../dynamic/providerText";

export const PROVIDER_TEXT = providerText();
