/**
 * Building the CLI folder from tools/pulumi-cli: `pulumi` from the Go module proxy (release
 * PULUMI_RELEASE, every module pinned by go.sum), our Node.js language host, and the
 * dynamic-provider launcher script.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { BINARIES, type BuildInputs } from "./stamp";
import { PULUMI_RELEASE } from "./version";

export const PULUMI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
const VERSION_VARIABLE = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";
const LANGUAGE_HOST_PACKAGE = "./cmd/pulumi-language-nodejs";

/** The Go module of ours that pins the release and holds the language host and launcher. */
export const toolsDir = (repoRoot: string) => path.join(repoRoot, "tools", "pulumi-cli");

function digest(dir: string, files: string[]): string {
  const hash = createHash("sha256");
  for (const file of [...files].sort()) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(dir, file)));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/** The digests the stamp compares: what each artefact is built from. */
export function buildInputs(tools: string): BuildInputs {
  const modules = ["go.mod", "go.sum"];
  const hostDir = LANGUAGE_HOST_PACKAGE.slice(2);
  const hostSources = fs
    .readdirSync(path.join(tools, hostDir))
    .filter((name) => name.endsWith(".go") && !name.endsWith("_test.go"))
    .map((name) => path.join(hostDir, name));
  return {
    pulumi: PULUMI_RELEASE,
    modules: digest(tools, modules),
    languageHost: digest(tools, [...modules, ...hostSources]),
    launcher: digest(tools, [BINARIES.launcher]),
  };
}

/** Why a Go command failed, in words a contributor can act on. */
export function explainGoFailure(output: string, goproxy: string | undefined): string {
  const proxy = goproxy || "https://proxy.golang.org,direct";
  if (/\b(403|404|410)\b|not available|Forbidden|Not Found/.test(output)) {
    return `the Go module proxy refused a module this build needs (GOPROXY=${proxy}); the lines above name it`;
  }
  if (/module lookup disabled by GOPROXY=off|GOFLAGS=-mod=vendor/.test(output)) {
    return `a module this build needs is not in the module cache, and downloads are off (GOPROXY=${proxy})`;
  }
  if (/dial tcp|no such host|i\/o timeout|connection refused|TLS handshake/.test(output)) {
    return `the Go module proxy could not be reached (GOPROXY=${proxy})`;
  }
  if (/go\.mod requires go >=|toolchain not available|GOTOOLCHAIN/.test(output)) {
    return "this Go is older than tools/pulumi-cli/go.mod's go line; install a newer Go";
  }
  if (/missing go\.sum entry|updates to go\.(mod|sum) needed/.test(output)) {
    return "tools/pulumi-cli/go.sum does not cover the build: run `go mod tidy` in tools/pulumi-cli and commit it";
  }
  return "go build failed; its output is above";
}

/** Runs a command, streaming its stderr to ours; resolves to its stdout and stderr. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      process.stderr.write(d);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function goEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // A Go older than go.mod's line fails with a clear message instead of fetching a toolchain.
    GOTOOLCHAIN: "local",
    // go.mod and go.sum are the pins: a build never edits them.
    GOFLAGS: [process.env.GOFLAGS, "-mod=readonly"].filter(Boolean).join(" "),
  };
}

async function goBuild(tools: string, args: string[]): Promise<void> {
  const result = await run("go", ["build", "-trimpath", ...args], { cwd: tools, env: goEnv() });
  if (result.code !== 0) {
    throw new Error(explainGoFailure(result.stderr, process.env.GOPROXY));
  }
}

export function buildPulumi(tools: string, out: string): Promise<void> {
  const ldflags = `-s -w -X ${VERSION_VARIABLE}=v${PULUMI_RELEASE}`;
  return goBuild(tools, ["-ldflags", ldflags, "-o", out, PULUMI_PACKAGE]);
}

export function buildLanguageHost(tools: string, out: string): Promise<void> {
  const ldflags = `-s -w -X main.version=${PULUMI_RELEASE}`;
  return goBuild(tools, ["-ldflags", ldflags, "-o", out, LANGUAGE_HOST_PACKAGE]);
}

export function writeLauncher(tools: string, out: string): void {
  fs.copyFileSync(path.join(tools, BINARIES.launcher), out);
  fs.chmodSync(out, 0o755);
}
