#!/usr/bin/env node
// `npm run pr-comment:picture`: the picture of a pull-request comment in docs/pr-comment.png.
// Renders the comment for the real preview of a PR that rotates a password and allows one more
// domain on top of drift (test/prComment/fixtures/pulumi-v<version>/07-rotation-and-drift.json)
// with `pulumi-kernel pr-comment`, turns its Markdown into HTML with `marked` (GitHub-flavoured
// Markdown, fetched into a temporary folder by npm, not a dependency of the package), styles it
// like a comment on GitHub, and takes a screenshot with headless Chromium (`chromium` on PATH,
// or CHROMIUM).
const { execFile } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { promisify } = require("node:util");

const root = path.resolve(__dirname, "..");
const run = promisify(execFile);
const MARKED = "marked@18.3.0";
const FIXTURE = "test/prComment/fixtures/pulumi-v3.276.0/07-rotation-and-drift.json";
const OUT = path.join(root, "docs", "pr-comment.png");
const WIDTH = 980;

/** Enough of GitHub's comment style that the picture reads like the comment. */
const STYLE = `
body { margin: 0; background: #fff; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans",
  Helvetica, Arial, sans-serif; color: #1f2328; }
.comment { margin: 16px; border: 1px solid #d1d9e0; border-radius: 6px; }
.header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px;
  border-radius: 6px 6px 0 0; color: #59636e; }
.header b { color: #1f2328; }
.body { padding: 4px 16px 8px; }
h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; }
h3 { font-size: 1.25em; } h4 { font-size: 1em; margin: 20px 0 8px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: #eff1f3; padding: .2em .4em; border-radius: 6px; }
pre { background: #f6f8fa; padding: 12px 16px; border-radius: 6px; overflow: auto;
  white-space: pre-wrap; word-break: break-all; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; margin: 8px 0; }
td + td code { word-break: break-word; }
td:first-child { white-space: nowrap; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; text-align: left; vertical-align: top; }
tr:nth-child(2n) td { background: #f6f8fa; }
blockquote { margin: 0; padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
sub { color: #59636e; }
`;

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "pr-comment-picture-"));
  try {
    await run(process.execPath, [path.join(root, "scripts/transpile.js")], { cwd: root });
    const { stdout: markdown } = await run(
      process.execPath,
      [path.join(root, "dist/cli/main.js"), "pr-comment", path.join(root, FIXTURE)],
      { cwd: root },
    );
    await run("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", work, MARKED]);
    const { marked } = require(path.join(work, "node_modules", "marked"));
    const html = marked.parse(markdown, { gfm: true });
    const page = path.join(work, "comment.html");
    fs.writeFileSync(
      page,
      `<!doctype html><meta charset="utf-8"><style>${STYLE}</style>` +
        `<div class="comment"><div class="header"><b>github-actions</b> bot commented</div>` +
        `<div class="body">${html}</div></div>`,
    );
    // The page's height, measured by Chromium itself, so the picture holds the whole comment.
    const chromium = process.env.CHROMIUM || "chromium";
    const flags = [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--no-first-run",
      "--disable-sync",
      "--disable-component-update",
      "--hide-scrollbars",
    ];
    const measure = path.join(work, "measure.html");
    fs.writeFileSync(
      measure,
      fs.readFileSync(page, "utf8") +
        "<script>document.title = String(document.documentElement.scrollHeight)</script>",
    );
    const { stdout: dom } = await run(chromium, [
      ...flags,
      `--user-data-dir=${path.join(work, "profile-measure")}`,
      `--window-size=${WIDTH},1000`,
      "--dump-dom",
      `file://${measure}`,
    ]);
    const height = Number(/<title>(\d+)<\/title>/.exec(dom)?.[1] ?? 1800) + 8;
    await run(chromium, [
      ...flags,
      `--user-data-dir=${path.join(work, "profile")}`,
      `--window-size=${WIDTH},${height}`,
      `--screenshot=${OUT}`,
      `file://${page}`,
    ]);
    process.stderr.write(`wrote ${path.relative(root, OUT)} (${WIDTH}x${height})\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`pr-comment picture: ${err.message}\n`);
  process.exit(1);
});
