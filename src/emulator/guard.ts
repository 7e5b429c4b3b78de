/**
 * What the emulator refuses before it reads a request's body, so that a stranger can neither
 * fill its memory nor reach its request log (which holds every body in clear, secrets
 * included):
 * - a `Host` that is a DNS name other than `localhost`: a page that rebinds its own name to
 *   127.0.0.1 sends its name as `Host`, while every honest client names the emulator by
 *   `localhost` or by an IP address;
 * - a control request (other than GET) from a browser page of another site: an `Origin` of
 *   another host, a `Sec-Fetch-Site` of another site, or a body type a page may send across
 *   sites without asking first (`text/plain`, forms);
 * - a body larger than its cap (answered 413, read no further): MAX_BODY_BYTES, or for a form
 *   upload (`multipart/form-data`, an extension's archive) MAX_UPLOAD_BODY_BYTES.
 * Pure functions of the request's headers; core.ts applies them.
 */
import { isIP } from "node:net";
import { MAX_EXTENSION_ARCHIVE_BYTES } from "../kernel/limits";

/** No Kernel request body comes near this; a larger one is refused unread. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A form upload's cap: the largest archive the API takes plus room for the form's framing and
 * small fields, so that an archive just over the limit is read and refused by name (a 413 that
 * says so), and anything larger is refused unread.
 */
export const MAX_UPLOAD_BODY_BYTES = MAX_EXTENSION_ARCHIVE_BYTES + 1024 * 1024;

/** Requests the log keeps; older ones are dropped first. */
export const MAX_LOG_ENTRIES = 10_000;

type Headers = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The host name of a `Host` header (`[::1]:8080` → `::1`), lower case; undefined when absent. */
function hostName(host: string | undefined): string | undefined {
  if (host === undefined) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed) return bracketed[1].toLowerCase();
  return host.replace(/:\d+$/, "").toLowerCase();
}

/** Why the `Host` header is refused, or undefined when it names the emulator honestly. */
export function hostProblem(headers: Headers): string | undefined {
  const name = hostName(one(headers.host));
  // HTTP/1.0 clients may send none: nothing to rebind.
  if (name === undefined || name === "localhost" || isIP(name) !== 0) return undefined;
  return (
    `the Host header names ${JSON.stringify(name.slice(0, 80))}; the emulator answers only ` +
    "requests addressed to localhost or an IP address (a DNS name may be a rebinding page)"
  );
}

/** Body types a browser page may send to another site without a preflight. */
const SIMPLE_TYPES = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"];

/** Why a control request is refused as coming from another site's page, or undefined. */
export function crossSiteProblem(method: string, headers: Headers): string | undefined {
  if (method === "GET" || method === "HEAD") return undefined;
  const origin = one(headers.origin);
  if (origin !== undefined) {
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      originHost = undefined;
    }
    if (originHost !== one(headers.host)?.toLowerCase()) {
      return `a control request from the page of another origin (${origin.slice(0, 80)})`;
    }
  }
  const site = one(headers["sec-fetch-site"]);
  if (site === "cross-site" || site === "same-site") {
    return "a control request from the page of another site";
  }
  const type = one(headers["content-type"])?.split(";")[0].trim().toLowerCase();
  if (type !== undefined && SIMPLE_TYPES.includes(type)) {
    return `a control request with a ${type} body (controls take application/json)`;
  }
  return undefined;
}

/** Whether the body is a form (`multipart/form-data`) rather than JSON. */
export function isForm(headers: Headers): boolean {
  return /^multipart\/form-data\s*(;|$)/i.test(one(headers["content-type"])?.trim() ?? "");
}

/** The most bytes of body read for a request with these headers. */
export function bodyCap(headers: Headers): number {
  return isForm(headers) ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES;
}

/** A declared body length over the cap (the body is then not read at all). */
export function declaredTooLarge(headers: Headers): boolean {
  const length = Number(one(headers["content-length"]));
  return Number.isFinite(length) && length > bodyCap(headers);
}
