#!/usr/bin/env node
// `npm run pr-comment:fixtures`: makes the pr-comment renderer's input fixtures with the real
// `pulumi` CLI, over the demo's steps, against the Kernel API emulator. Each step writes
// `pulumi preview --json` (or `--refresh --json`, or `destroy --preview-only --json`) to
// test/prComment/fixtures/pulumi-v<version>/NN-step.json, then applies it; the step with drift
// and a rotation also keeps the CLI's text (`--diff`), which is what pulumi/actions would post.
//
// The CLI: PULUMI_KERNEL_CLI_DIR, else the cache folder the CLI build writes
// (${XDG_CACHE_HOME:-~/.cache}/pulumi-kernel/pulumi-cli-v3.276.0, used once it has `.complete`),
// else `pulumi` on PATH. Everything runs offline: a file backend, PULUMI_HOME and the project in
// a temporary folder, a passphrase for the stack's secrets, no update check or plugin download.
const { execFile, spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { promisify } = require("node:util");

const root = path.resolve(__dirname, "..");
const run = promisify(execFile);

const API_KEY = "sk_fixture_emulator_only_51c2a";
const PASSWORDS = ["fixture-OLD-pass-3d9a", "fixture-NEW-pass-77b0", "fixture-NEWER-pass-c41e"];
const PIN = "fixture-pin-2931";
/** Every secret the program is given: no fixture may hold one. */
const SECRETS = [API_KEY, ...PASSWORDS, PIN];

/** A text with every secret the program is given replaced: commands are logged. */
function masked(text) {
  return SECRETS.reduce((out, secret) => out.split(secret).join("[secret]"), text);
}

function cliDir() {
  if (process.env.PULUMI_KERNEL_CLI_DIR) return process.env.PULUMI_KERNEL_CLI_DIR;
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  const dir = path.join(cache, "pulumi-kernel", "pulumi-cli-v3.276.0");
  if (fs.existsSync(path.join(dir, ".complete"))) return dir;
  return undefined;
}

/**
 * The program: the example stack (a copy of examples/managedAuth.ts beside it), with more
 * allowed domains when config asks for them.
 */
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";

const extra = new pulumi.Config().getObject<string[]>("extraAllowedDomains");
if (extra) {
  pulumi.runtime.registerStackTransformation((args) =>
    args.type.endsWith(":AuthConnection")
      ? { props: { ...args.props, allowedDomains: [...args.props.allowedDomains, ...extra] }, opts: args.opts }
      : undefined,
  );
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { managedAuthStack } = require("./managedAuth");
const { netflix } = managedAuthStack();
export const connectionId = netflix.id;
`;

function startEmulator() {
  const child = spawn(
    process.execPath,
    [
      path.join(root, "dist/emulator/cli.js"),
      "--port",
      "0",
      "--api-key",
      API_KEY,
      "--project",
      "proj_team_b=team-b",
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    let buffered = "";
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`the emulator exited (${code})`)));
    child.stdout.on("data", (chunk) => {
      buffered += chunk;
      const newline = buffered.indexOf("\n");
      if (newline >= 0) resolve({ url: buffered.slice(0, newline).trim(), child });
    });
  });
}

/**
 * The example stack as a Pulumi project in a new temporary folder, with the offline settings,
 * its stack `dev` configured for the emulator at `url`. `pulumi(...args)` runs the real CLI there
 * and resolves to its stdout; `close()` removes the folder.
 */
async function exampleProject(url) {
  const dir = cliDir();
  const pulumiPath = dir ? path.join(dir, "pulumi") : "pulumi";
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-kernel-example-"));
  fs.writeFileSync(
    path.join(work, "Pulumi.yaml"),
    "name: pulumi-kernel-example\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n",
  );
  fs.writeFileSync(path.join(work, "package.json"), '{"name":"example","private":true}\n');
  fs.writeFileSync(
    path.join(work, "tsconfig.json"),
    '{"compilerOptions":{"strict":true,"target":"ES2020","module":"commonjs","moduleResolution":"node","esModuleInterop":true}}\n',
  );
  fs.writeFileSync(path.join(work, "index.ts"), PROGRAM);
  fs.copyFileSync(path.join(root, "examples", "managedAuth.ts"), path.join(work, "managedAuth.ts"));
  fs.symlinkSync(path.join(root, "node_modules"), path.join(work, "node_modules"), "dir");
  fs.mkdirSync(path.join(work, "state"));
  const env = {
    ...process.env,
    PATH: [dir, process.env.PATH].filter(Boolean).join(path.delimiter),
    PULUMI_HOME: path.join(work, "home"),
    PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: "example",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    NO_COLOR: "1",
  };
  // `destroy --preview-only` refuses to run with confirmations skipped: --yes is given where needed.
  delete env.PULUMI_SKIP_CONFIRMATIONS;
  delete env.PULUMI_ACCESS_TOKEN;
  delete env.PULUMI_ENABLE_STREAMING_JSON_PREVIEW;
  const pulumi = async (...args) => {
    const started = Date.now();
    try {
      const { stdout } = await run(pulumiPath, [...args, "--non-interactive"], {
        cwd: work,
        env,
        maxBuffer: 64 * 1024 * 1024,
      });
      process.stderr.write(`  pulumi ${masked(args.join(" "))}: ${Date.now() - started} ms\n`);
      return stdout;
    } catch (err) {
      const output = `${err.stdout ?? ""}${err.stderr ?? ""}`;
      throw new Error(masked(`pulumi ${args.join(" ")} failed:\n${output}`));
    }
  };
  const config = (key, value, secret = false) =>
    pulumi("config", "set", ...(secret ? ["--secret"] : []), key, value);
  const control = async (method, control, body) => {
    const answer = await fetch(`${url}/_emulator/${control}`, {
      method,
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!answer.ok) throw new Error(`${method} /_emulator/${control}: ${answer.status}`);
    return answer.status === 204 ? undefined : answer.json();
  };
  await pulumi("stack", "init", "dev");
  await config("kernel:apiKey", API_KEY, true);
  await config("kernel:baseUrl", url);
  await config("netflixUser", "me@example.com");
  await config("netflixPassword", PASSWORDS[0], true);
  return {
    work,
    env,
    pulumi,
    config,
    control,
    close: () => fs.rmSync(work, { recursive: true, force: true }),
  };
}

/** dist/ built and node_modules/pulumi-kernel linked to this checkout, as the program needs. */
async function buildPackage() {
  await run(process.execPath, [path.join(root, "scripts/link-self.js")], { cwd: root });
  await run(process.execPath, [path.join(root, "scripts/transpile.js")], { cwd: root });
}

async function main() {
  const dir = cliDir();
  const { stdout: versionText } = await run(dir ? path.join(dir, "pulumi") : "pulumi", ["version"]);
  const version = versionText.trim().replace(/^v/, "");
  const out = path.join(root, "test", "prComment", "fixtures", `pulumi-v${version}`);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });

  await buildPackage();
  const { url, child: emulator } = await startEmulator();
  let project;
  try {
    project = await exampleProject(url);
    const { pulumi, config, control } = project;
    const save = (name, text) => {
      for (const secret of SECRETS) {
        if (text.includes(secret)) throw new Error(`${name} holds a secret the program was given`);
      }
      const file = path.join(out, name);
      fs.writeFileSync(file, text.endsWith("\n") ? text : `${text}\n`);
      process.stderr.write(`wrote ${path.relative(root, file)}\n`);
    };
    const preview = async (name, ...flags) =>
      save(`${name}.json`, await pulumi("preview", "--json", ...flags));
    const up = () => pulumi("up", "--yes", "--skip-preview");

    await preview("01-create");
    await up();
    await preview("02-no-op");

    await config("netflixPassword", PASSWORDS[1], true);
    await preview("03-rotation");
    await up();

    await config("netflixPin", PIN, true);
    await preview("04-key-added");
    await up();
    await pulumi("config", "rm", "netflixPin");
    await preview("05-key-removed");
    await up();

    // Someone edits the connection in the dashboard (the demo's drift).
    const [connection] = await control("GET", "connections");
    await control("PATCH", `connections/${connection.id}`, {
      health_check_interval: 7200,
      allowed_domains: ["login.netflix.com"],
      record_session: false,
    });
    await preview("06-drift", "--refresh");

    // A PR that rotates the password and allows one more domain, on top of that drift.
    await config("netflixPassword", PASSWORDS[2], true);
    await config("extraAllowedDomains", '["signup.netflix.com"]');
    await preview("07-rotation-and-drift", "--refresh");
    save("07-rotation-and-drift.diff.txt", await pulumi("preview", "--refresh", "--diff"));
    await pulumi("refresh", "--yes", "--skip-preview");
    await up();

    await config("useResidentialProxy", "false");
    await preview("08-proxy-detach");
    await up();

    await config("kernel:project", "proj_team_b");
    await preview("09-project-move");
    await up();

    save("10-destroy.json", await pulumi("destroy", "--preview-only", "--json"));
    await pulumi("destroy", "--yes", "--skip-preview");

    fs.writeFileSync(
      path.join(out, "MADE-BY.md"),
      `Made by \`npm run pr-comment:fixtures\` (scripts/pr-comment-fixtures.js) with Pulumi ` +
        `v${version} against the Kernel API emulator: the example stack (examples/managedAuth.ts) ` +
        `through the demo's steps. Regenerate them with that command; do not edit them by hand.\n`,
    );
  } finally {
    emulator.kill();
    project?.close();
  }
}

module.exports = {
  API_KEY,
  PASSWORDS,
  SECRETS,
  buildPackage,
  cliDir,
  exampleProject,
  startEmulator,
};

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`pr-comment fixtures: ${err.message}\n`);
    process.exit(1);
  });
}
