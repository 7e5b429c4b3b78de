/**
 * `pulumi-kernel pr-comment [FILE ...]`: reads the output of `pulumi preview --json`, one file
 * per stack (`-` or none for stdin), and writes the Markdown of one pull-request comment to
 * stdout. The whole comment is rendered before anything is written: bad input gives a message
 * on stderr, exit 1, and nothing on stdout.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { stackChanges } from "./changes";
import { PreviewInputError, parsePreview } from "./preview";
import { DEFAULT_MAX_CHARS, GITHUB_LIMIT, renderComment } from "./render";

export const HELP = `usage: pulumi-kernel pr-comment [options] [FILE ...]

Writes a GitHub pull-request comment (Markdown) for the output of \`pulumi preview --json\`
(or \`pulumi preview --refresh --json\`, which also shows drift): per stack a summary line,
and per Kernel resource that changes its fields and the exact API request the provider will
send, secrets masked. One FILE per stack; \`-\` or none reads stdin.

The first line is a hidden marker naming the project/stack pairs, for a workflow to find and
edit its own earlier comment.

options:
  --max-chars N   keep the comment under N characters [${DEFAULT_MAX_CHARS}; GitHub refuses ${GITHUB_LIMIT}];
                  0 for no limit (a run's summary, a local look)
  -h, --help      this text
`;

export interface IO {
  readStdin(): Promise<string>;
  readFile(path: string): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIO: IO = {
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
  readFile: (path) => readFile(path, "utf8"),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export async function runPrComment(args: string[], io: IO = processIO): Promise<number> {
  let values: { "max-chars"?: string; help?: boolean };
  let files: string[];
  try {
    ({ values, positionals: files } = parseArgs({
      args,
      allowPositionals: true,
      options: { "max-chars": { type: "string" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (err) {
    io.stderr(`pulumi-kernel pr-comment: ${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const maxChars =
    values["max-chars"] === undefined ? DEFAULT_MAX_CHARS : Number(values["max-chars"]);
  if (!Number.isInteger(maxChars) || maxChars < 0 || (maxChars > 0 && maxChars < 2000)) {
    io.stderr("pulumi-kernel pr-comment: --max-chars takes 0 or a whole number from 2000 on\n");
    return 2;
  }
  try {
    const sources = files.length === 0 ? ["-"] : files;
    const stacks = [];
    for (const source of sources) {
      const name = source === "-" ? "stdin" : source;
      let text: string;
      try {
        text = source === "-" ? await io.readStdin() : await io.readFile(source);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new PreviewInputError(`${name}: cannot be read (${code ?? "error"})`);
      }
      stacks.push(stackChanges(parsePreview(text, name)));
    }
    io.stdout(renderComment(stacks, { maxChars }));
    return 0;
  } catch (err) {
    if (err instanceof PreviewInputError) {
      io.stderr(`pulumi-kernel pr-comment: ${err.message}\n`);
      return 1;
    }
    // A fault of the renderer, not of the input: one line, never a stack trace or a value.
    io.stderr(
      `pulumi-kernel pr-comment: could not render the comment (${(err as Error).name ?? "error"}); ` +
        "please report it with the Pulumi version\n",
    );
    return 1;
  }
}
