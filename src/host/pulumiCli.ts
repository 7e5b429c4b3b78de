/**
 * The real Pulumi CLI against the emulator, the way a user runs them, for the end-to-end
 * suites (test/pulumi) and `npm run demo -- --real-cli`: the emulator as its own process
 * (`pulumi-kernel emulator`, what `npx pulumi-kernel emulator` runs), and a Pulumi project in a
 * scratch folder whose program is this repository's (linked, so that it loads `pulumi-kernel`
 * and `@pulumi/pulumi` from this checkout), with a local file backend, a passphrase and no
 * network (docs/with-the-pulumi-cli.md).
 *
 * Every command runs asynchronously: the calling process stays free while `pulumi` runs.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { readyPulumi } from "../realCli/locate";
import { REPO_ROOT } from "./repoRoot";

let found: Promise<string> | undefined;

/**
 * The `pulumi` binary, looked up once per process by the rule `npm run pulumi:cli` follows
 * (../realCli/locate); rejects saying what to run when there is none.
 */
export function pulumiBinary(): Promise<string> {
  found ??= readyPulumi().then((ready) => {
    if ("missing" in ready) throw new Error(`No ready Pulumi CLI: ${ready.missing}`);
    return ready.pulumi;
  });
  return found;
}

export interface LoggedRequest {
  method: string;
  path: string;
  body?: unknown;
  /** The project the request named (X-Kernel-Project), as an id. */
  project?: string;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The emulator, started as `pulumi-kernel emulator` is; steered through `/_emulator/`. */
export class EmulatorProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly apiKey: string,
  ) {}

  static async start(apiKey: string, args: string[] = []): Promise<EmulatorProcess> {
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, "dist", "cli", "main.js"), "emulator", "--api-key", apiKey, ...args],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stderr?.resume();
    const url = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.once("line", (line) => resolve(line.trim()));
      child.once("exit", (code) => reject(new Error(`the emulator exited (${code})`)));
    });
    return new EmulatorProcess(child, url, apiKey);
  }

  async control(method: string, route: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.url}/_emulator/${route}`, {
      method,
      headers: {
        authorization: `Bearer ${this.apiKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok)
      throw new Error(`${method} /_emulator/${route}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : res.json();
  }

  /** The API requests since the last `clearRequests`, as `METHOD path` with bodies. */
  async requests(): Promise<LoggedRequest[]> {
    const log = (await this.control("GET", "requests")) as LoggedRequest[];
    return log.map((r) => ({
      method: r.method,
      path: r.path,
      ...(r.body === undefined ? {} : { body: r.body }),
      ...(r.project === undefined ? {} : { project: r.project }),
    }));
  }

  async clearRequests(): Promise<void> {
    await this.control("DELETE", "requests");
  }

  /** Every object of a resource collection (`authConnections`, `proxies`, ...). */
  async objects(resource: string): Promise<Record<string, unknown>[]> {
    return (await this.control("GET", resource)) as Record<string, unknown>[];
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill();
    await exited;
  }
}

/** What a Pulumi project folder links to: the example's, or a test program's. */
export interface ProgramSpec {
  /** Pulumi.yaml's `name`. */
  name: string;
  /** The program's entry, relative to the repository root. */
  main: string;
}

export const EXAMPLE_PROGRAM: ProgramSpec = {
  name: "pulumi-kernel-example",
  main: "examples/index.ts",
};

/** One Pulumi project and stack in a scratch folder, with its own backend and PULUMI_HOME. */
export class PulumiStack {
  readonly dir: string;
  /** The project folder: Pulumi.yaml, and links to the program and node_modules. */
  readonly project: string;
  private readonly env: NodeJS.ProcessEnv;
  /** Every command run, with its output, for `__output__/`. */
  readonly transcript: string[] = [];

  constructor(
    readonly label: string,
    program: ProgramSpec,
    readonly passphrase = "e2e-passphrase-not-a-secret",
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `pulumi-kernel-e2e-${label}-`));
    const project = path.join(this.dir, "project");
    const state = path.join(this.dir, "state");
    fs.mkdirSync(project);
    fs.mkdirSync(state);
    const top = program.main.split("/")[0];
    fs.symlinkSync(path.join(REPO_ROOT, top), path.join(project, top), "dir");
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(project, "node_modules"), "dir");
    fs.copyFileSync(path.join(REPO_ROOT, "tsconfig.json"), path.join(project, "tsconfig.json"));
    fs.writeFileSync(
      path.join(project, "Pulumi.yaml"),
      `name: ${program.name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: ${program.main}\n`,
    );
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(KERNEL_|PULUMI_)/.test(k)),
    );
    this.env = {
      ...inherited,
      PULUMI_HOME: path.join(this.dir, "home"),
      PULUMI_BACKEND_URL: `file://${state}`,
      PULUMI_CONFIG_PASSPHRASE: passphrase,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      // The program is type-checked by `npm test` (tsc over examples/); here ts-node only
      // transpiles, so dist/ needs no declarations.
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      NO_COLOR: "1",
    };
    this.project = project;
  }

  /** `pulumi <args>` in the project; resolves with its exit code and output. */
  async run(args: string[], options: { input?: string } = {}): Promise<RunResult> {
    const bin = await pulumiBinary();
    // The CLI's folder first: the language host and the dynamic-provider plugin are beside it.
    const PATH = [path.dirname(bin), path.dirname(process.execPath), process.env.PATH].join(
      path.delimiter,
    );
    const started = Date.now();
    return new Promise((resolve) => {
      const child = execFile(
        bin,
        [...args, "--color", "never"],
        { cwd: this.project, env: { ...this.env, PATH }, maxBuffer: 64 * 1024 * 1024 },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          this.transcript.push(
            `$ pulumi ${args.join(" ")}   # exit ${code}, ${seconds} s\n${stdout}${stderr ? `--- stderr\n${stderr}` : ""}`,
          );
          resolve({ code, stdout, stderr });
        },
      );
      if (options.input !== undefined) child.stdin?.end(options.input);
      else child.stdin?.end();
    });
  }

  /** `pulumi <args>` that must succeed. */
  async ok(args: string[]): Promise<RunResult> {
    const result = await this.run(args);
    if (result.code !== 0) {
      throw new Error(
        `pulumi ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`,
      );
    }
    return result;
  }

  async init(config: Record<string, string>, secrets: Record<string, string> = {}) {
    await this.ok(["stack", "init", "dev"]);
    for (const [key, value] of Object.entries(config)) await this.config(key, value);
    for (const [key, value] of Object.entries(secrets)) await this.config(key, value, true);
  }

  /** `pulumi config set [--secret] key` with the value on stdin, as a user pastes a secret. */
  async config(key: string, value: string, secret = false): Promise<void> {
    const result = await this.run(["config", "set", ...(secret ? ["--secret"] : []), key], {
      input: value,
    });
    if (result.code !== 0) throw new Error(`config set ${key}: ${result.stderr}`);
  }

  async configRm(key: string): Promise<void> {
    await this.ok(["config", "rm", key]);
  }

  /** `pulumi stack export`: the state as the backend holds it (secrets encrypted). */
  async exportState(): Promise<{ text: string; resources: StateResource[] }> {
    const { stdout } = await this.ok(["stack", "export"]);
    const parsed = JSON.parse(stdout) as { deployment: { resources?: StateResource[] } };
    return { text: stdout, resources: parsed.deployment.resources ?? [] };
  }

  /** `pulumi preview --json`, parsed. */
  async previewJson(extra: string[] = []): Promise<PreviewJson> {
    const result = await this.run(["preview", "--json", ...extra]);
    return JSON.parse(result.stdout) as PreviewJson;
  }

  /** Writes the transcript to `<dir>/<label>.txt`. */
  saveTranscript(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${this.label}.txt`), this.transcript.join("\n"));
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  custom?: boolean;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  protect?: boolean;
}

export interface PreviewStep {
  op: string;
  urn: string;
  diffReasons?: string[];
  replaceReasons?: string[];
  detailedDiff?: Record<string, { kind: string; inputDiff: boolean }> | null;
  oldState?: { inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
  newState?: { inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
}

export interface PreviewJson {
  steps: PreviewStep[];
  diagnostics?: { message: string; severity: string; urn?: string }[];
  changeSummary?: Record<string, number>;
}
