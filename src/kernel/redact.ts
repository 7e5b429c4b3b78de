/**
 * Removes the API key and an operation's secret input values from any text before it reaches a
 * log line or an error. Servers and libraries may echo request details back, in any form;
 * nothing that leaves the client is trusted to be clean.
 *
 * The rule:
 * - configure refuses keys that could be confused with ordinary text (see `normalizeApiKey` in
 *   ./config: at least 16 characters, one bearer token), so redacting the key never mangles a
 *   message (`GET /[redacted]/connections` cannot happen);
 * - a secret is found in any letter case (a TOTP secret echoed in lower case), as it is, and as
 *   a JSON string, a Python repr and HTML show it (`\n`, `\'`, `&amp;`);
 * - every whole occurrence is replaced, and so is every run of MIN_FRAGMENT or more characters
 *   of one, anywhere: a secret cut short by a server, one line of a multi-line CA bundle, the
 *   ten characters `JSON.parse` quotes from a body;
 * - callers redact BEFORE they cut a text to an excerpt (`excerpt` does both, in that order).
 * Redacting a little too much (an ordinary word that is also eight characters of a secret) is
 * the price of never showing a part of one.
 */
export const REDACTED = "[redacted]";

/** The shortest run of a secret's characters that is redacted wherever it occurs. */
export const MIN_FRAGMENT = 8;

/** One secret, several (the key and an operation's secret inputs), or none. */
export type Secrets = string | readonly (string | undefined)[] | undefined;

/** Secret values shorter than this are not redacted: they would mangle every message. */
export const MIN_SECRET_LENGTH = 4;

/** Lower case without changing the length (a few characters grow when lowered). */
function lower(text: string): string {
  const out = text.toLowerCase();
  if (out.length === text.length) return out;
  let same = "";
  for (const c of text) {
    const l = c.toLowerCase();
    same += l.length === c.length ? l : c;
  }
  return same;
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

const PEM_ARMOUR = /-----(begin|end) [a-z0-9 ]+-----/g;

/** The forms a server may echo a secret in: as it is, JSON, a Python repr, HTML. */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const repr = secret
    .replace(/\\/g, "\\\\")
    .replace(/'/g, "\\'")
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t")
    .replace(CONTROL_CHARS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  const html = secret
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
  return [
    ...new Set([secret, json, repr, html.replace(/'/g, "&#39;"), html.replace(/'/g, "&#x27;")]),
  ];
}

export function redact(text: string, secrets: Secrets): string {
  const list = (typeof secrets === "string" ? [secrets] : [...(secrets ?? [])]).filter(
    (s): s is string => typeof s === "string" && s !== "",
  );
  if (list.length === 0 || text === "") return text;
  const haystack = lower(text);
  // covered[i]: the text's character i is part of a secret.
  const covered = new Uint8Array(text.length);
  let any = false;
  const cover = (from: number, length: number) => {
    covered.fill(1, from, from + length);
    any = true;
  };
  const fragments = new Set<string>();
  for (const secret of list) {
    for (const form of secretForms(secret).map(lower)) {
      for (let at = haystack.indexOf(form); at >= 0; at = haystack.indexOf(form, at + 1)) {
        cover(at, form.length);
      }
      // A PEM armour line (`-----BEGIN CERTIFICATE-----`) is public, and its words are common.
      const runs = form.replace(PEM_ARMOUR, "\u0000");
      for (let i = 0; i + MIN_FRAGMENT <= runs.length; i++) {
        const run = runs.slice(i, i + MIN_FRAGMENT);
        if (!run.includes("\u0000")) fragments.add(run);
      }
    }
  }
  if (fragments.size > 0) {
    for (let i = 0; i + MIN_FRAGMENT <= haystack.length; i++) {
      if (fragments.has(haystack.slice(i, i + MIN_FRAGMENT))) cover(i, MIN_FRAGMENT);
    }
  }
  if (!any) return text;
  let out = "";
  for (let i = 0; i < text.length;) {
    if (covered[i]) {
      while (i < text.length && covered[i]) i++;
      out += REDACTED;
    } else {
      const from = i;
      while (i < text.length && !covered[i]) i++;
      out += text.slice(from, i);
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

/**
 * Redacts, then cuts to at most `max` characters: never the other way round. A huge text is
 * first shortened to what the cut can keep plus the longest form of a secret on either side, so
 * redacting a megabyte-long message costs no more than a short one; a secret across that first
 * cut lies wholly beyond the final one.
 */
export function excerpt(text: string, secrets: Secrets, max = 200): string {
  const list = typeof secrets === "string" ? [secrets] : [...(secrets ?? [])];
  const longest = Math.max(0, ...list.map((s) => (s ? s.length * 6 : 0)));
  const trimmed = text.trim();
  const head = trimmed.length > max + longest + 64 ? trimmed.slice(0, max + longest + 64) : trimmed;
  const clean = redact(head, secrets);
  return clean.length <= max && head === trimmed ? clean : `${clean.slice(0, max)}…`;
}

/**
 * An error with every secret taken out of its message and stack, in place (a thrown error's
 * identity and class are kept); anything else as it is.
 */
export function redactError<T>(err: T, secrets: Secrets): T {
  if (err instanceof Error) {
    err.message = redact(err.message, secrets);
    if (err.stack !== undefined) err.stack = redact(err.stack, secrets);
  }
  return err;
}
