/**
 * Proxy types the API has deprecated but still accepts and reports: a program that declares one
 * is told so during preview and up, and existing proxies of that type keep being read and kept.
 */
import type { ProxyType } from "./types";

const DEPRECATED: Partial<Record<ProxyType, string>> = {
  datacenter:
    'Proxy type "datacenter" is deprecated by the Kernel API (its clients stopped offering it ' +
    "in version 0.121). This proxy keeps working and is still managed, but the API may stop " +
    'creating new ones: consider "isp" (static addresses) or another type. Changing the type ' +
    "replaces the proxy.",
};

/** The warning for a declared proxy type, or undefined when the type is current or unknown. */
export function typeDeprecation(type: unknown): string | undefined {
  return typeof type === "string" && Object.hasOwn(DEPRECATED, type)
    ? DEPRECATED[type as ProxyType]
    : undefined;
}
