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
 *
 * The same applies to an operation's secret input values (`secretStrings`), passed beside
 * the key: they may be echoed by a server too.
 */
export const REDACTED = "[redacted]";

/** The shortest fragment of the key that is redacted at a text's ends. */
const MIN_FRAGMENT = 8;

/** One secret, several (the key and an operation's secret inputs), or none. */
export type Secrets = string | readonly (string | undefined)[] | undefined;

/** Secret values shorter than this are not redacted: they would mangle every message. */
export const MIN_SECRET_LENGTH = 4;

export function redact(text: string, secrets: Secrets): string {
  let out = text;
  // Longest first: a secret that contains another is replaced whole.
  const list = (typeof secrets === "string" ? [secrets] : [...(secrets ?? [])])
    .filter((s): s is string => typeof s === "string" && s !== "")
    .sort((a, b) => b.length - a.length);
  for (const secret of list) out = redactOne(out, secret);
  return out;
}

function redactOne(text: string, secret: string): string {
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

/** Every string inside `value` redacted (a parsed error body), its shape kept. */
export function redactDeep<T>(value: T, secrets: Secrets): T {
  if (typeof value === "string") return redact(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, secrets)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, redactDeep(v, secrets)]),
    ) as T;
  }
  return value;
}

/**
 * The texts to redact for secret input values (a credential's values, a token, a proxy
 * password): every string inside them of at least MIN_SECRET_LENGTH characters, as it is and
 * as it reads inside a JSON string (a CA bundle's line breaks as `\n`).
 */
export function secretStrings(values: unknown): string[] {
  const out = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === "string") {
      if (value.length < MIN_SECRET_LENGTH) return;
      out.add(value);
      out.add(JSON.stringify(value).slice(1, -1));
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(values);
  return [...out];
}

/** Redacts, then cuts to at most `max` characters: never the other way round. */
export function excerpt(text: string, secrets: Secrets, max = 200): string {
  const clean = redact(text.trim(), secrets);
  return clean.length <= max ? clean : `${clean.slice(0, max)}…`;
}
