/**
 * AuthConnection's provider: the shared skeleton (../dynamic/provider) with this resource's
 * spec (./spec). The `__provider` text in state (`require("pulumi-kernel/provider")`) loads the
 * package's `provider` subpath, whose top-level functions are this provider's methods.
 */
import { type ProviderOptions, makeProvider } from "../dynamic/provider";
import { authConnectionSpec, badRequestHint } from "./spec";

// Still importable from here, where the provider's callers and tests import them.
export { authConnectionSpec, badRequestHint };

/** A provider with its own settings (tests); the host uses the process-wide one below. */
export function authConnectionProvider(options: ProviderOptions = {}) {
  return makeProvider(authConnectionSpec, options);
}
