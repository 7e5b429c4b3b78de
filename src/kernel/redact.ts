/**
 * Removes the API key from any text before it reaches a log line or an error. Servers and
 * libraries may echo request details back; nothing that leaves the client is trusted to be clean.
 *
 * The rule (issue 10, findings 5 and 6):
 * - configure refuses keys that could be confused with ordinary text (see `normalizeApiKey` in
 *   ./config: at least 16 characters, one bearer token), so redacting every occurrence of the
 *   whole key never mangles a message (`GET /[redacted]/connections` cannot happen);
 * - every whole occurrence is replaced;
 * - a start of the key (8+ characters) that ends the text, or an end of it that starts the
 *   text, is replaced too: a text someone else cut (a server's excerpt, a truncated log) leaks
 *   no part of the key;
 * - callers redact BEFORE they cut a text to an excerpt.
 */
export const REDACTED = "[redacted]";

/** The shortest fragment of the key that is redacted at a text's ends. */
const MIN_FRAGMENT = 8;

export function redact(text: string, secret: string | undefined): string {
  if (!secret) return text;
  let out = text.split(secret).join(REDACTED);
  for (let n = secret.length - 1; n >= MIN_FRAGMENT; n--) {
    if (out.endsWith(secret.slice(0, n))) {
      out = out.slice(0, out.length - n) + REDACTED;
      break;
    }
  }
  for (let n = secret.length - 1; n >= MIN_FRAGMENT; n--) {
    if (out.startsWith(secret.slice(secret.length - n))) {
      out = REDACTED + out.slice(n);
      break;
    }
  }
  return out;
}

/** Redacts, then cuts to at most `max` characters: never the other way round. */
export function excerpt(text: string, secret: string | undefined, max = 200): string {
  const clean = redact(text.trim(), secret);
  return clean.length <= max ? clean : `${clean.slice(0, max)}…`;
}
