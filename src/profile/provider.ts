/**
 * The Profile's provider: the shared skeleton with the Profile's spec (./spec). The `__provider`
 * text reaches it as the `profile` export of `pulumi-kernel/provider`.
 */
import {
  type KernelResourceProvider,
  type ProviderOptions,
  makeProvider,
} from "../dynamic/provider";
import { profileSpec } from "./spec";

// Still importable from here, where the provider's callers and tests import them.
export { profileSpec };

/** A provider with its own settings (tests); the host uses the process-wide one below. */
export function makeProfileProvider(options: ProviderOptions = {}): KernelResourceProvider {
  return makeProvider(profileSpec, options);
}

/** The provider `pulumi-kernel/provider` exports as `profile`. */
export const profileProvider = makeProfileProvider();
