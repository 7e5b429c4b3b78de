/**
 * GitHub-flavoured Markdown pieces that stay intact whatever text they hold: code spans and
 * fences longer than any run of backticks inside, table cells and HTML with `<`, `&` and `|`
 * escaped.
 */

/** Inline code that no backtick in `text` can close early. */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced block that no line of `text` can close early. */
export function fenced(text: string, info = ""): string {
  const longest = Math.max(2, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${info}\n${text}\n${fence}`;
}

/** Text for HTML (a `<summary>`, a table cell): no tag, entity or cell break can start in it. */
export function html(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "&#124;")
    .replace(/\r?\n/g, " ");
}

/** `<code>` for a table cell or a summary: HTML-escaped, so backticks and pipes are harmless. */
export function htmlCode(text: string): string {
  return `<code>${html(text)}</code>`;
}

/** A collapsed block; the blank lines let Markdown render inside it. */
export function details(summary: string, body: string, open = false): string {
  return `<details${open ? " open" : ""}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
