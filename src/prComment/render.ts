/**
 * The comment: a hidden marker, then per stack a summary line counted per resource type, each
 * Kernel resource that changes with its fields and its requests, and the other providers'
 * resources in a short list. It stays under the size limit whatever the preview: details fold
 * first, then resources lose their fields and bodies (a body is shown whole or not at all),
 * then whole entries go, and the comment says what it left out and how to see all of it.
 */
import type {
  FieldChange,
  KernelChange,
  KernelRequest,
  OtherChange,
  StackChanges,
} from "./changes";
import { code, details, fenced, html, htmlCode } from "./markdown";

/** GitHub refuses a comment body of this many characters or more. */
export const GITHUB_LIMIT = 65_536;
/** The default limit: GitHub's, with room for a workflow's own words around it. */
export const DEFAULT_MAX_CHARS = 65_000;
/** More Kernel resources than this in one comment are folded from the start. */
const FOLD_FROM = 8;
/** A field value longer than this is abbreviated in the table (the body has it whole). */
const CELL_CHARS = 240;

export interface RenderOptions {
  /** Upper bound on the comment's length in characters; 0 for none. */
  maxChars?: number;
}

const SYMBOL: Record<string, string> = {
  create: "+",
  update: "~",
  replace: "+-",
  "create-replacement": "+-",
  delete: "-",
  read: ">",
  import: "=",
  drift: "!",
};

const VERB: Record<string, string> = {
  create: "to create",
  update: "to update",
  replace: "to replace",
  "create-replacement": "to replace",
  delete: "to delete",
  read: "to read",
  import: "to import",
};

/** The hidden first line a workflow looks for to edit its own comment: one per stack set. */
export function marker(stacks: readonly { project: string; stack: string }[]): string {
  const ids = stacks.map((s) => `${encodeURIComponent(s.project)}/${encodeURIComponent(s.stack)}`);
  return `<!-- pulumi-kernel:pr-comment ${[...new Set(ids)].sort().join(" ")} -->`;
}

/** One piece of the comment, in ways from richest to poorest; the last is left out. */
interface Item {
  variants: string[];
  level: number;
  /** What each level leaves out, for the closing note. */
  kind: "kernel" | "others" | "stack";
  count: number;
}

export function renderComment(stacks: StackChanges[], options: RenderOptions = {}): string {
  const max = options.maxChars ?? DEFAULT_MAX_CHARS;
  const head = `${marker(stacks)}\n## Pulumi preview: the Kernel API requests`;
  const items: Item[] = [];
  for (const stack of stacks) {
    items.push({ variants: [stackHeader(stack), ""], level: 0, kind: "stack", count: 1 });
    for (const change of stack.kernel) {
      items.push({
        variants: [kernelFull(change), kernelFolded(change), kernelBrief(change), ""],
        level: 0,
        kind: "kernel",
        count: 1,
      });
    }
    if (stack.others.length > 0) {
      const list = othersList(stack.others);
      items.push({
        variants: [
          `**Other resources** (${stack.others.length})\n\n${list}`,
          details(`Other resources (${stack.others.length})`, list),
          "",
        ],
        level: 0,
        kind: "others",
        count: stack.others.length,
      });
    }
  }
  const kernelCount = items.filter((i) => i.kind === "kernel").length;
  const compose = () =>
    [head, ...items.map((i) => i.variants[i.level]).filter((v) => v !== ""), footer(items)].join(
      "\n\n",
    );
  if (max <= 0) return `${compose()}\n`;

  // Lengths kept up to date as items degrade, so the search stays linear.
  let size = head.length + items.reduce((n, i) => n + i.variants[0].length + 2, 0);
  const fits = () => size + footer(items).length + 3 < max;
  const degrade = (item: Item, level: number) => {
    const before = item.variants[item.level];
    const after = item.variants[level];
    size += after.length - before.length + (after === "" ? -2 : 0) + (before === "" ? 2 : 0);
    item.level = level;
  };
  const foldAll = () =>
    items.forEach((i) => {
      if (i.kind !== "stack" && i.level === 0) degrade(i, 1);
    });
  if (kernelCount > FOLD_FROM) foldAll();
  if (!fits()) foldAll();
  // Then, from the end: Kernel resources lose fields and bodies, other resources go, Kernel
  // resources go, stacks' headers go; the first stack's header stays.
  const passes: [Item["kind"], number][] = [
    ["kernel", 2],
    ["others", 2],
    ["kernel", 3],
    ["stack", 1],
  ];
  for (const [kind, level] of passes) {
    for (let i = items.length - 1; i > 0 && !fits(); i--) {
      if (items[i].kind === kind && items[i].level < level) degrade(items[i], level);
    }
  }
  const text = compose();
  if (text.length >= max) {
    // Only a preview of thousands of stacks gets here: the marker and the note say so.
    return `${head}\n\n${footer(items.map((i) => ({ ...i, level: i.variants.length - 1 })))}\n`;
  }
  return `${text}\n`;
}

function stackHeader(stack: StackChanges): string {
  const lines = [`### Stack ${code(stack.stack)} of ${code(stack.project)}`, summaryLine(stack)];
  if (stack.errors.length > 0) {
    const errors = stack.errors.map((e) => (e.length > 2000 ? `${e.slice(0, 2000)} …` : e));
    lines.push(`**The preview failed:**\n\n${fenced(errors.join("\n\n"))}`);
  }
  if (!stack.refreshed) {
    lines.push(
      "<sub>Drift is not shown: this preview did not refresh (`pulumi preview --refresh`).</sub>",
    );
  }
  return lines.join("\n\n");
}

/** `**2 to update** (AuthConnection 1, Credential 1) · **1 drifted** (…) · 3 unchanged`. */
export function summaryLine(stack: StackChanges): string {
  const counts = new Map<string, Map<string, number>>();
  const add = (verb: string, type: string) => {
    const perType = counts.get(verb) ?? new Map<string, number>();
    perType.set(type, (perType.get(type) ?? 0) + 1);
    counts.set(verb, perType);
  };
  for (const c of stack.kernel) {
    if (c.op !== "drift") add(VERB[c.op] ?? c.op, c.typeName);
    if (c.drifted) add("drifted", c.typeName);
  }
  for (const o of stack.others) {
    if (VERB[o.op] || !o.drifted) add(VERB[o.op] ?? o.op, shortType(o.type));
    if (o.drifted) add("drifted", shortType(o.type));
  }
  // The CLI's order (create, update, replace, delete, read, import), then drift, then any other.
  const order = [...new Set([...Object.values(VERB), "drifted"])];
  const rank = (verb: string) => (order.includes(verb) ? order.indexOf(verb) : order.length);
  const verbs = [...counts.keys()].sort((a, b) => rank(a) - rank(b));
  const parts = verbs.map((verb) => {
    const perType = [...counts.get(verb)!].sort(([a], [b]) => (a < b ? -1 : 1));
    const total = perType.reduce((n, [, k]) => n + k, 0);
    return `**${total} ${html(verb)}** (${perType.map(([t, k]) => `${html(t)} ${k}`).join(", ")})`;
  });
  if (stack.unchanged > 0) parts.push(`${stack.unchanged} unchanged`);
  return parts.length > 0 ? parts.join(" · ") : "No changes.";
}

function title(change: KernelChange): string {
  const verb = change.op === "drift" ? "drifted" : change.op;
  return `${SYMBOL[change.op] ?? ""} ${verb} ${change.typeName} ${htmlCode(change.name)}`;
}

function kernelBody(change: KernelChange): string {
  const parts: string[] = [];
  const facts: string[] = [];
  if (change.id) facts.push(`id ${code(change.id)}`);
  if (change.drifted) facts.push("**drifted**: changed outside Pulumi since the last deployment");
  if (facts.length) parts.push(facts.join(" · "));
  if (change.op === "replace") {
    const order = change.createFirst
      ? "the new one is created first, then the old one deleted"
      : "the old one is deleted first (the new one would collide with it), then the new one created";
    parts.push(`**Replaced**: ${change.replaceReasons.join("; ")}; ${order}.`);
  }
  if (change.fields.length > 0) parts.push(fieldTable(change.fields));
  if (change.requests.length > 0) {
    const label = change.requests.length > 1 ? "**Requests**, in this order:" : "**Request:**";
    parts.push(`${label}\n\n${change.requests.map(requestBlock).join("\n\n")}`);
  } else if (change.op === "drift") {
    parts.push("The program leaves it as it is live: no request.");
  }
  for (const note of change.notes) parts.push(`> ${note.replace(/\r?\n/g, " ")}`);
  return parts.join("\n\n");
}

function kernelFull(change: KernelChange): string {
  return `#### ${title(change)}\n\n${kernelBody(change)}`;
}

function kernelFolded(change: KernelChange): string {
  const first = change.requests[0];
  const request = first ? `: ${htmlCode(`${first.method} ${first.path}`)}` : "";
  return details(`${title(change)}${request}`, kernelBody(change));
}

function kernelBrief(change: KernelChange): string {
  const requests = change.requests.map((r) => code(`${r.method} ${r.path}`)).join(", then ");
  return `- ${title(change)}${requests ? `: ${requests}` : ""} (fields and body left out)`;
}

function fieldTable(fields: FieldChange[]): string {
  const rows = fields.map((f) => {
    let before = cell(f.before);
    if (f.drift) {
      before = `${cell(f.drift.live)} ⚠️ drift: ${cell(f.drift.deployed)} at the last deployment`;
    }
    let after = f.kept ? "unchanged: the program does not set it" : cell(f.after);
    if (f.detail) after += ` (${html(f.detail).replace(/`([^`]*)`/g, "<code>$1</code>")})`;
    return `| ${htmlCode(f.field)} | ${before} | ${after} |`;
  });
  return ["| field | now | after this PR |", "| --- | --- | --- |", ...rows].join("\n");
}

function cell(value: string | undefined): string {
  if (value === undefined) return "<i>unset</i>";
  if (value.length <= CELL_CHARS) return htmlCode(value);
  return `${htmlCode(`${value.slice(0, CELL_CHARS)}…`)} (${value.length} characters; whole in the request)`;
}

function requestBlock(request: KernelRequest): string {
  const lines = [`${request.method} ${request.path}`];
  if (request.project !== undefined) lines.push(`X-Kernel-Project: ${request.project}`);
  if (request.body !== undefined) lines.push("", JSON.stringify(request.body));
  return fenced(lines.join("\n"), "http");
}

function othersList(others: OtherChange[]): string {
  const lines = others.map(
    (o) =>
      `${(SYMBOL[o.op] ?? " ").padEnd(2)} ${o.type} ${o.name} ${o.op}${o.drifted ? " (drifted)" : ""}`,
  );
  return fenced(lines.join("\n"), "diff");
}

function shortType(type: string): string {
  const parts = type.split(":");
  return parts[parts.length - 1] || type;
}

function footer(items: Item[]): string {
  const left = { kernelBrief: 0, kernel: 0, others: 0, stacks: 0 };
  for (const item of items) {
    const gone = item.level === item.variants.length - 1;
    if (item.kind === "kernel" && item.level === 2) left.kernelBrief++;
    if (item.kind === "kernel" && gone) left.kernel++;
    if (item.kind === "others" && gone) left.others += item.count;
    if (item.kind === "stack" && gone) left.stacks++;
  }
  const parts = [
    left.kernelBrief ? `the fields and request bodies of ${left.kernelBrief} Kernel resources` : "",
    left.kernel ? `${left.kernel} more Kernel resources, not named here` : "",
    left.others ? `${left.others} resources of other providers` : "",
    left.stacks ? `the summaries of ${left.stacks} stacks` : "",
  ].filter(Boolean);
  const lines: string[] = [];
  if (parts.length > 0) {
    lines.push(
      `**Left out** to stay under GitHub's comment size limit: ${parts.join("; ")}. The whole ` +
        "comment: `pulumi-kernel pr-comment --max-chars 0` on the same preview JSON (the " +
        "example workflow writes it to the run's summary), or `pulumi preview --diff`.",
    );
  }
  lines.push(
    "<sub>By `pulumi-kernel pr-comment` from `pulumi preview --json`: each request is what the " +
      "provider's own planner sends for this preview. Secrets show as `[secret]`.</sub>",
  );
  return lines.join("\n\n");
}
