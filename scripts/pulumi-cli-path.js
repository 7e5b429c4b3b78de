// Where the real `pulumi` is, by the rule `npm run pulumi:cli` follows: env PULUMI_KERNEL_CLI_DIR,
// else the folder that script builds into (once its `.complete` marker exists), else a `pulumi`
// on PATH. Plain JavaScript: jest's global setup loads it before any transform, and the demo
// (`npm run demo -- --real-cli`) loads it from dist/.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const CLI_VERSION = "3.276.0";

function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "pulumi-kernel", `pulumi-cli-v${CLI_VERSION}`);
}

/** The path of the `pulumi` binary, or undefined when there is none. */
function findPulumiCli(env = process.env) {
  if (env.PULUMI_KERNEL_CLI_DIR) {
    const bin = path.join(env.PULUMI_KERNEL_CLI_DIR, "pulumi");
    return fs.existsSync(bin) ? bin : undefined;
  }
  const cached = cacheDir();
  if (fs.existsSync(path.join(cached, ".complete")) && fs.existsSync(path.join(cached, "pulumi"))) {
    return path.join(cached, "pulumi");
  }
  for (const dir of (env.PATH || "").split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, "pulumi"))) return path.join(dir, "pulumi");
  }
  return undefined;
}

const MISSING =
  "No Pulumi CLI found (env PULUMI_KERNEL_CLI_DIR, the folder `npm run pulumi:cli` builds, " +
  "or `pulumi` on PATH). Run `npm run pulumi:cli` first (it builds Pulumi " +
  `${CLI_VERSION} with Go once, then reuses it), then \`npm run test:pulumi\` again.`;

module.exports = { findPulumiCli, cacheDir, CLI_VERSION, MISSING };
