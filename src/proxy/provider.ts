/**
 * The Proxy's provider: the shared skeleton with the Proxy's spec (./spec). The `__provider`
 * text reaches it as the `proxy` export of `pulumi-kernel/provider`.
 */
import {
  type KernelResourceProvider,
  type ProviderOptions,
  makeProvider,
} from "../dynamic/provider";
import { ProxyOutcomeUnknownError } from "./errors";
import { proxyBadRequestHint, proxySpec } from "./spec";

// Still importable from here, where the provider's callers and tests import them.
export { ProxyOutcomeUnknownError, proxyBadRequestHint, proxySpec };

/** A provider with its own settings (tests); the host uses the process-wide one below. */
export function makeProxyProvider(options: ProviderOptions = {}): KernelResourceProvider {
  return makeProvider(proxySpec, options);
}

/** The provider `pulumi-kernel/provider` exports as `proxy`. */
export const proxyProvider = makeProxyProvider();
