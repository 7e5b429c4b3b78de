/**
 * `npm run pulumi:cli`: gives this project a real `pulumi`, and prints its path as the last line
 * of stdout (progress goes to stderr, so `$(npm run -s pulumi:cli)` is the path alone).
 *
 * 1. A `pulumi` on PATH is used when it is at least MINIMUM_PULUMI and has both plugins beside it.
 *    `--build` (or PULUMI_KERNEL_CLI_BUILD=1) skips this.
 * 2. Otherwise the cache folder (see cacheDir) is used when its stamp matches the sources.
 * 3. Otherwise what is missing or stale is built into a staging folder, smoke-tested there, and
 *    moved into the cache folder; the stamp is written last.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../host/repoRoot";
import { buildInputs, buildLanguageHost, buildPulumi, run, toolsDir, writeLauncher } from "./build";
import { isExecutable, pulumiOnPath } from "./locate";
import { acquireLock } from "./lock";
import { runSmokeTest } from "./smoke";
import {
  BINARIES,
  STAMP_FILE,
  cacheDir,
  formatStamp,
  parseStamp,
  planBuild,
  type Present,
} from "./stamp";
import {
  MINIMUM_PULUMI,
  PULUMI_RELEASE,
  compareVersions,
  formatVersion,
  goDirective,
  isNewEnough,
  parseGoVersion,
  parseVersion,
} from "./version";

const log = (line: string) => process.stderr.write(`pulumi:cli: ${line}\n`);
const seconds = (started: number) => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const megabytes = (file: string) => `${(fs.statSync(file).size / 1e6).toFixed(1)} MB`;

async function step<T>(what: string, work: () => Promise<T> | T): Promise<T> {
  const started = Date.now();
  log(`${what} ...`);
  const result = await work();
  log(`${what}: done in ${seconds(started)}`);
  return result;
}

async function checkGo(tools: string): Promise<void> {
  let output: string;
  try {
    ({ stdout: output } = await promisify(execFile)("go", ["version"]));
  } catch {
    throw new Error(
      `Go is not on PATH. Building pulumi ${PULUMI_RELEASE} needs Go (see tools/pulumi-cli/go.mod's go line); ` +
        `or put a pulumi ${MINIMUM_PULUMI} or newer, with its plugins, on PATH.`,
    );
  }
  const found = parseGoVersion(output);
  const wanted = goDirective(fs.readFileSync(path.join(tools, "go.mod"), "utf8"));
  if (found && wanted && compareVersions(found, wanted) < 0) {
    throw new Error(
      `${output.trim()} is older than Go ${formatVersion(wanted)}, which tools/pulumi-cli/go.mod needs`,
    );
  }
  log(output.trim());
}

function readStampText(dir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(dir, STAMP_FILE), "utf8");
  } catch {
    return undefined;
  }
}

async function buildCache(dir: string, tools: string): Promise<void> {
  const wanted = buildInputs(tools);
  const present = Object.fromEntries(
    Object.entries(BINARIES).map(([key, name]) => [key, isExecutable(path.join(dir, name))]),
  ) as Present;
  const plan = planBuild(parseStamp(readStampText(dir)), wanted, present);
  if (plan.reuse) {
    log(`reusing ${dir} (pulumi ${PULUMI_RELEASE}; the stamp matches the sources)`);
    return;
  }
  log(
    `building into ${dir}: ` +
      [
        plan.buildPulumi && `pulumi ${PULUMI_RELEASE}`,
        plan.buildLanguageHost && BINARIES.languageHost,
        plan.writeLauncher && BINARIES.launcher,
      ]
        .filter(Boolean)
        .join(", "),
  );
  await checkGo(tools);
  const nodeModules = path.join(REPO_ROOT, "node_modules");
  if (!fs.existsSync(path.join(nodeModules, "@pulumi", "pulumi", "cmd", "run"))) {
    throw new Error(`${nodeModules} has no @pulumi/pulumi for the smoke test: run npm ci first`);
  }

  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const staging = fs.mkdtempSync(`${dir}.staging-`);
  try {
    const staged = (name: string) => path.join(staging, name);
    for (const [key, name] of Object.entries(BINARIES)) {
      const rebuilt = {
        pulumi: plan.buildPulumi,
        languageHost: plan.buildLanguageHost,
        launcher: plan.writeLauncher,
      }[key as keyof typeof BINARIES];
      if (!rebuilt) fs.copyFileSync(path.join(dir, name), staged(name));
    }
    if (plan.buildPulumi) {
      await step(`go build ${BINARIES.pulumi} ${PULUMI_RELEASE}`, () =>
        buildPulumi(tools, staged(BINARIES.pulumi)),
      );
    }
    if (plan.buildLanguageHost) {
      await step(`go build ${BINARIES.languageHost} (ours)`, () =>
        buildLanguageHost(tools, staged(BINARIES.languageHost)),
      );
    }
    if (plan.writeLauncher) writeLauncher(tools, staged(BINARIES.launcher));
    const version = await run(staged(BINARIES.pulumi), ["version"], { cwd: staging });
    if (!isNewEnough(version.stdout, PULUMI_RELEASE)) {
      throw new Error(`the built pulumi reports ${version.stdout.trim() || "no version"}`);
    }
    const smoke = await step("smoke test (preview, up, destroy of one dynamic resource)", () =>
      runSmokeTest(staging, nodeModules),
    );
    for (const { command, seconds: s } of smoke) log(`  ${command}: ${s.toFixed(1)} s`);

    // Readers wait for the stamp: drop it, move the binaries in (a rename each, so a run that
    // already started keeps its files), then write it.
    fs.mkdirSync(dir, { recursive: true });
    fs.rmSync(path.join(dir, STAMP_FILE), { force: true });
    for (const name of Object.values(BINARIES)) {
      fs.renameSync(staged(name), path.join(dir, name));
    }
    fs.writeFileSync(
      path.join(dir, STAMP_FILE),
      formatStamp({ ...wanted, completedAt: new Date().toISOString() }),
    );
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  for (const name of Object.values(BINARIES)) {
    log(`  ${name}: ${megabytes(path.join(dir, name))}`);
  }
}

async function main(argv: string[]): Promise<string> {
  const forceBuild = argv.includes("--build") || process.env.PULUMI_KERNEL_CLI_BUILD === "1";
  if (!forceBuild) {
    const onPath = await pulumiOnPath(log);
    if (onPath) return onPath;
  }
  const dir = cacheDir(process.env);
  const tools = toolsDir(REPO_ROOT);
  const release = await acquireLock(`${dir}.lock`, log);
  try {
    await buildCache(dir, tools);
  } finally {
    release();
  }
  const pulumi = path.join(dir, BINARIES.pulumi);
  const version = parseVersion(
    (
      await promisify(execFile)(pulumi, ["version"], {
        env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
      })
    ).stdout,
  );
  log(`pulumi ${version ? formatVersion(version) : "?"} at ${pulumi}`);
  return pulumi;
}

const started = Date.now();
main(process.argv.slice(2)).then(
  (pulumi) => {
    log(`ready in ${seconds(started)}`);
    process.stdout.write(`${pulumi}\n`);
  },
  (err: Error) => {
    log(`FAILED after ${seconds(started)}: ${err.message}`);
    process.exitCode = 1;
  },
);
