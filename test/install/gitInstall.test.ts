/**
 * The package installed as a team installs it before it is on the registry: from a git URL at a
 * tag (`npm install git+<url>#v0.1.0`, as `github:<owner>/pulumi-kernel#v0.1.0` does), into a
 * fresh project with Pulumi's TypeScript template settings. dist/ is git-ignored, so only the
 * `prepare` script (which npm runs in its own clone, with the development dependencies) can
 * build it. The clone is made from this checkout's HEAD: commit before running this suite.
 */
import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import * as ts from "typescript";
import { REPO_ROOT } from "../../src/host/repoRoot";

const run = promisify(execFile);
const TAG = "v0.1.0-install-test";
const TEMPLATE_TSCONFIG = path.join(
  REPO_ROOT,
  "test",
  "serialization",
  "fixtures",
  "pulumi-typescript-template",
  "tsconfig.json",
);

/** A user program that uses every resource, compiled and then run under Pulumi's mocks. */
const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import * as kernel from "pulumi-kernel";

const profile = new kernel.Profile("team", { name: "team-netflix" });
const creds = new kernel.Credential("creds", {
  name: "netflix-creds",
  domain: "netflix.com",
  values: { username: "me@example.com", password: pulumi.secret("hunter2") },
});
const proxy = new kernel.Proxy("residential", { type: "residential", config: { country: "US" } });
const connection = new kernel.AuthConnection("netflix", {
  profileName: profile.name,
  domain: "netflix.com",
  credential: { name: creds.name },
  proxy: { id: proxy.id },
});
export const status: pulumi.Output<kernel.AuthConnectionStatus> = connection.status;
`;

const MOCKED_RUN = `
const pulumi = require("@pulumi/pulumi");
const types = [];
pulumi.runtime.setMocks({
  newResource: (args) => { types.push(args.type); return { id: args.name + "-id", state: args.inputs }; },
  call: (args) => args.inputs,
}, "proj", "stack", false);
const program = require("./bin/index.js");
program.status.apply(() => process.stdout.write(JSON.stringify(types.sort())));
`;

let work: string;
let project: string;
let clone: string;
let installOutput: string;
let installSeconds: number;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-kernel-git-install-"));
  clone = path.join(work, "pulumi-kernel");
  project = path.join(work, "my-stack");
  // A clean clone of what is committed, tagged as a release would be.
  await run("git", ["clone", "--quiet", "--no-hardlinks", REPO_ROOT, clone]);
  const head = (await run("git", ["-C", REPO_ROOT, "rev-parse", "HEAD"])).stdout.trim();
  await run("git", ["-C", clone, "checkout", "--quiet", head]);
  await run("git", ["-C", clone, "tag", TAG]);
  expect(fs.existsSync(path.join(clone, "dist"))).toBe(false);

  // What `pulumi new typescript` writes, with the versions this checkout pins.
  const version = (name: string) =>
    JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules", name, "package.json"), "utf8"))
      .version as string;
  fs.mkdirSync(project);
  fs.writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify({
      name: "my-stack",
      main: "index.ts",
      dependencies: { "@pulumi/pulumi": version("@pulumi/pulumi") },
      devDependencies: { "@types/node": version("@types/node"), typescript: version("typescript") },
    }),
  );
  fs.copyFileSync(TEMPLATE_TSCONFIG, path.join(project, "tsconfig.json"));
  fs.writeFileSync(path.join(project, "index.ts"), PROGRAM);

  const started = Date.now();
  const installed = await run(
    "npm",
    [
      "install",
      `git+file://${clone}#${TAG}`,
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--foreground-scripts",
    ],
    { cwd: project, maxBuffer: 64 * 1024 * 1024 },
  );
  installSeconds = (Date.now() - started) / 1000;
  installOutput = installed.stdout + installed.stderr;
  process.stdout.write(`git-URL install: ${installSeconds.toFixed(1)} s\n`);
});

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const installedDir = () => path.join(project, "node_modules", "pulumi-kernel");

describe("npm install git+<url>#<tag> into a fresh Pulumi project", () => {
  it("records the git URL and tag in the user's package.json, not a file: path", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8"));
    expect(manifest.dependencies["pulumi-kernel"]).toBe(`git+file://${clone}#${TAG}`);
  });

  it("builds dist/ with prepare, and installs what a packed package holds", () => {
    expect(installOutput).toMatch(/> pulumi-kernel@[\d.]+ prepare\n> tsc -p tsconfig\.build\.json/);
    for (const file of [
      "index.js",
      "index.d.ts",
      "provider.js",
      "emulator/index.js",
      "cli/main.js",
    ]) {
      expect([file, fs.existsSync(path.join(installedDir(), "dist", file))]).toEqual([file, true]);
    }
    // The files list of package.json applies to a git install too: no harness, no maps.
    for (const absent of ["dist/host", "dist/demo", "dist/index.js.map", "src", "test"]) {
      expect([absent, fs.existsSync(path.join(installedDir(), absent))]).toEqual([absent, false]);
    }
  });

  it("compiles a user program under Pulumi's template tsconfig.json", () => {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      path.join(project, "tsconfig.json"),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    )!;
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .concat(program.emit().diagnostics)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(errors).toEqual([]);
    expect(fs.existsSync(path.join(project, "bin", "index.js"))).toBe(true);
  });

  it("requires every entry point, and runs the compiled program", async () => {
    const { stdout: entries } = await run(
      process.execPath,
      [
        "-e",
        'for (const m of ["pulumi-kernel", "pulumi-kernel/provider", "pulumi-kernel/emulator"]) ' +
          "process.stdout.write(typeof require(m) + ' ');",
      ],
      { cwd: project },
    );
    expect(entries.trim()).toBe("object object object");
    fs.writeFileSync(path.join(project, "mocked.js"), MOCKED_RUN);
    const { stdout } = await run(process.execPath, ["mocked.js"], { cwd: project });
    expect(JSON.parse(stdout)).toEqual(
      [
        "pulumi-nodejs:dynamic/kernel:AuthConnection",
        "pulumi-nodejs:dynamic/kernel:Credential",
        "pulumi-nodejs:dynamic/kernel:Profile",
        "pulumi-nodejs:dynamic/kernel:Proxy",
      ].sort(),
    );
  });

  it("runs the README's emulator command from the installed bin", async () => {
    const bin = path.join(project, "node_modules", ".bin", "pulumi-kernel");
    const child = spawn(bin, ["emulator", "--port", "0", "--api-key", "sk_emulator_dev_key"], {
      cwd: project,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes("\n")) resolve(out.split("\n")[0]);
        });
        child.once("exit", (code) => reject(new Error(`the emulator exited with ${code}`)));
      });
      const answer = await fetch(`${url}/proxies`, {
        headers: { authorization: "Bearer sk_emulator_dev_key" },
      });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual([
        expect.objectContaining({ name: "residential", type: "residential" }),
      ]);
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("puts the pulumi-kernel bin on the project's path", async () => {
    const bin = path.join(project, "node_modules", ".bin", "pulumi-kernel");
    const { stdout } = await run(bin, ["--help"], { cwd: project });
    expect(stdout).toMatch(/^usage: pulumi-kernel <command>/);
  });
});
