/**
 * The Proxy's own error, apart from its provider so that the package root can export it without
 * reaching zod or undici types.
 */
import { KernelError } from "../kernel/errors";

/**
 * A create whose POST may or may not have made a proxy (a reset, a timeout, a 5xx, a malformed
 * answer). Proxy names are not unique, so the proxy cannot be found again safely and the POST is
 * not retried; the message says what to look for.
 */
export class ProxyOutcomeUnknownError extends KernelError {
  override name = "ProxyOutcomeUnknownError";
}
