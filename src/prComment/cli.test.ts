import {
  AUTH_CONNECTION,
  NEW_DOMAINS,
  connectionInputs,
  connectionOutputs,
  preview,
  rotationPreview,
  step,
} from "../../test/support/previews";
import { type IO, runPrComment } from "./cli";

function io(files: Record<string, string>, stdin = ""): IO & { out: string; err: string } {
  const result = {
    out: "",
    err: "",
    readStdin: async () => stdin,
    readFile: async (path: string) => {
      if (!(path in files)) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
      return files[path];
    },
    stdout: (text: string) => void (result.out += text),
    stderr: (text: string) => void (result.err += text),
  };
  return result;
}

const ROTATION = JSON.stringify(rotationPreview({ named: true }));
const TWENTY = JSON.stringify(
  preview(
    Array.from({ length: 20 }, (_, i) =>
      step("update", AUTH_CONNECTION, `c${i}`, {
        old: { id: `ma_${i}`, inputs: connectionInputs(), outputs: connectionOutputs() },
        new: { inputs: connectionInputs({ allowedDomains: NEW_DOMAINS }) },
      }),
    ),
  ),
);

describe("pulumi-kernel pr-comment", () => {
  it("renders a file, and stdin when given no file or -", async () => {
    const fromFile = io({ "dev.json": ROTATION });
    expect(await runPrComment(["dev.json"], fromFile)).toBe(0);
    expect(fromFile.out).toMatch(/^<!-- pulumi-kernel:pr-comment pulumi-kernel-example\/dev -->\n/);
    expect(fromFile.err).toBe("");
    for (const args of [[], ["-"]]) {
      const fromStdin = io({}, ROTATION);
      expect(await runPrComment(args, fromStdin)).toBe(0);
      expect(fromStdin.out).toBe(fromFile.out);
    }
  });

  it("writes nothing on stdout when one of several files is bad, and names it", async () => {
    const run = io({ "dev.json": ROTATION, "prod.json": "Previewing update (prod):" });
    expect(await runPrComment(["dev.json", "prod.json"], run)).toBe(1);
    expect(run.out).toBe("");
    expect(run.err).toBe(
      "pulumi-kernel pr-comment: prod.json: this is the text output of a Pulumi command, not JSON " +
        "(run it with `--json`); expected the output of `pulumi preview --json` (one JSON document with `steps`)\n",
    );
  });

  it("says a file cannot be read, without a stack trace", async () => {
    const run = io({});
    expect(await runPrComment(["missing.json"], run)).toBe(1);
    expect(run.err).toBe("pulumi-kernel pr-comment: missing.json: cannot be read (ENOENT)\n");
  });

  it("keeps the comment under --max-chars, and --max-chars 0 leaves it whole", async () => {
    const small = io({ "dev.json": TWENTY });
    expect(await runPrComment(["--max-chars", "2000", "dev.json"], small)).toBe(0);
    expect(small.out.length).toBeLessThan(2000);
    expect(small.out).toContain("Left out");
    const whole = io({ "dev.json": TWENTY });
    expect(await runPrComment(["--max-chars", "0", "dev.json"], whole)).toBe(0);
    expect(whole.out).not.toContain("Left out");
    expect(whole.out.length).toBeGreaterThan(2000);
  });

  it("refuses bad options with its usage, exit 2", async () => {
    for (const args of [["--max-chars", "12"], ["--max-chars", "x"], ["--nope"]]) {
      const run = io({});
      expect(await runPrComment(args, run)).toBe(2);
      expect(run.out).toBe("");
      expect(run.err).toMatch(/^pulumi-kernel pr-comment: /);
    }
    const help = io({});
    expect(await runPrComment(["--help"], help)).toBe(0);
    expect(help.out).toMatch(/^usage: pulumi-kernel pr-comment/);
  });
});
