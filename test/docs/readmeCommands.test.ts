/**
 * Every command the README shows is one a test or CI runs: each shell line of the README is
 * listed here with the file that runs it (or the same command in the form a test can run), and
 * that file must still hold the evidence. A new command in the README fails this suite until
 * something runs it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../src/host/repoRoot";

interface RunBy {
  /** A file of this repository that runs the command. */
  file: string;
  /** What in that file shows it. */
  evidence: string;
}

/** Run with the real Pulumi CLI by the end-to-end suites, which CI runs. */
const PULUMI_CLI: RunBy[] = [
  { file: "test/pulumi/managedAuth.e2e.ts", evidence: '"kernel:baseUrl": emulator.url' },
  { file: ".ci/pulumi-e2e.sh", evidence: "npm run test:pulumi" },
];

const RUN_BY: Record<string, RunBy[]> = {
  "npm ci && npm run demo": [
    { file: ".ci/run", evidence: "npm ci --no-audit --no-fund" },
    { file: "test/host/demo.test.ts", evidence: "runDemo" },
  ],
  "npm test": [{ file: ".ci/run", evidence: "npm test" }],
  "npm install github:kernel/pulumi-kernel#v0.1.0": [
    { file: "test/install/gitInstall.test.ts", evidence: "`git+file://${clone}#${TAG}`" },
  ],
  "npm install git+https://github.com/kernel/pulumi-kernel.git#v0.1.0": [
    { file: "test/install/gitInstall.test.ts", evidence: "`git+file://${clone}#${TAG}`" },
    { file: ".ci/run", evidence: "npm run test:install" },
  ],
  "npx pulumi-kernel emulator --port 8787 --api-key sk_emulator_dev_key": [
    {
      file: "test/install/gitInstall.test.ts",
      evidence: '["emulator", "--port", "0", "--api-key", "sk_emulator_dev_key"]',
    },
  ],
  "pulumi config set --secret kernel:apiKey sk_...": PULUMI_CLI,
  "pulumi config set kernel:baseUrl https://api.onkernel.com": PULUMI_CLI,
  "pulumi config set kernel:project my-project": PULUMI_CLI,
  "pulumi config set kernel:baseUrl http://127.0.0.1:8787": PULUMI_CLI,
  "pulumi config set --secret kernel:apiKey sk_emulator_dev_key": PULUMI_CLI,
  "pulumi up": PULUMI_CLI,
};

/** The README's shell lines: every line of a ```sh block, comments and blanks left out. */
function readmeCommands(): string[] {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap(([, block]) =>
    block
      .split("\n")
      .map((line) => line.replace(/\s+#.*$/, "").trim())
      .filter((line) => line !== "" && !line.startsWith("#")),
  );
}

it("shows only commands that a test or CI runs", () => {
  const commands = readmeCommands();
  expect(commands.length).toBeGreaterThan(0);
  expect(commands.filter((command) => !(command in RUN_BY))).toEqual([]);
});

it.each(Object.entries(RUN_BY))("%s: what runs it is still there", (_command, runners) => {
  for (const { file, evidence } of runners) {
    expect([file, fs.readFileSync(path.join(REPO_ROOT, file), "utf8").includes(evidence)]).toEqual([
      file,
      true,
    ]);
  }
});

it("lists no command the README no longer shows", () => {
  const shown = new Set(readmeCommands());
  expect(Object.keys(RUN_BY).filter((command) => !shown.has(command))).toEqual([]);
});
