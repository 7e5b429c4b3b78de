// Where a ready `pulumi` is, by the rule `npm run pulumi:cli` follows (it builds when none is
// found; this only looks): env PULUMI_KERNEL_CLI (the binary), else a `pulumi` on PATH of at
// least the release the end-to-end suites run (3.276.0) with both plugins beside it, else the
// cache folder (env PULUMI_KERNEL_CLI_DIR, else ${XDG_CACHE_HOME:-~/.cache}/pulumi-kernel/
// pulumi-cli-v3.276.0) once its `.complete` stamp and all three binaries are there.
// Plain JavaScript: jest's global setup and `npm run test:pulumi` load it before any build, and
// the demo (`npm run demo -- --real-cli`) loads it from dist/.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const CLI_VERSION = "3.276.0";
const BINARIES = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"];

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function cacheDir(env = process.env) {
  if (env.PULUMI_KERNEL_CLI_DIR) return path.resolve(env.PULUMI_KERNEL_CLI_DIR);
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), ".cache");
  return path.join(base, "pulumi-kernel", `pulumi-cli-v${CLI_VERSION}`);
}

/** "v3.276.0" at least CLI_VERSION (a pre-release sorts before its release). */
function newEnough(text) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(-\S+)?/.exec(text.trim());
  if (!match) return false;
  const [have, want] = [match.slice(1, 4).map(Number), CLI_VERSION.split(".").map(Number)];
  for (let i = 0; i < 3; i++) if (have[i] !== want[i]) return have[i] > want[i];
  return !match[4];
}

function onPath(env) {
  for (const dir of (env.PATH || "").split(path.delimiter).filter(Boolean)) {
    const bin = path.join(dir, "pulumi");
    if (!isExecutable(bin)) continue;
    try {
      const version = execFileSync(bin, ["version"], {
        encoding: "utf8",
        env: { ...env, PULUMI_SKIP_UPDATE_CHECK: "true" },
        timeout: 60000,
      });
      if (!newEnough(version)) return undefined;
    } catch {
      return undefined;
    }
    return BINARIES.every((name) => isExecutable(path.join(dir, name))) ? bin : undefined;
  }
  return undefined;
}

/** The path of a ready `pulumi` binary, or undefined when there is none. */
function findPulumiCli(env = process.env) {
  if (env.PULUMI_KERNEL_CLI)
    return isExecutable(env.PULUMI_KERNEL_CLI) ? env.PULUMI_KERNEL_CLI : undefined;
  const found = onPath(env);
  if (found) return found;
  const dir = cacheDir(env);
  const complete =
    fs.existsSync(path.join(dir, ".complete")) &&
    BINARIES.every((name) => isExecutable(path.join(dir, name)));
  return complete ? path.join(dir, "pulumi") : undefined;
}

const MISSING =
  "No ready Pulumi CLI (env PULUMI_KERNEL_CLI, a `pulumi` " +
  `${CLI_VERSION} or newer on PATH with its plugins, or the folder \`npm run pulumi:cli\` ` +
  `builds). Run \`npm run pulumi:cli\` first (it builds Pulumi ${CLI_VERSION} with Go once, ` +
  "then reuses it), then `npm run test:pulumi` again.";

module.exports = { findPulumiCli, cacheDir, CLI_VERSION, MISSING };

// `node scripts/pulumi-cli-path.js`: prints the path, or says what to run and exits 1.
if (require.main === module) {
  const bin = findPulumiCli();
  if (!bin) {
    process.stderr.write(`${MISSING}\n`);
    process.exit(1);
  }
  process.stdout.write(`pulumi: ${bin}\n`);
}
