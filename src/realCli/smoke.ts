/**
 * The smoke test a CLI folder passes before it is stamped complete: a TypeScript program with one
 * dynamic resource, previewed and deployed with a file backend, then destroyed. It proves the
 * three binaries work together: the engine starts our language host, which runs the program with
 * ts-node, and the engine starts the dynamic-provider launcher for the resource.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { offlineEnv } from "./offlineEnv";

/** The program's output is the length of a text; the provider computes it on create. */
export const SMOKE_TEXT = "smoke test";

export const SMOKE_FILES: Record<string, string> = {
  "Pulumi.yaml": [
    "name: smoke",
    "runtime:",
    "  name: nodejs",
    "  options:",
    "    typescript: true",
    "main: index.ts",
    "",
  ].join("\n"),
  "package.json": `${JSON.stringify({ name: "smoke", private: true, main: "index.ts" })}\n`,
  "tsconfig.json": `${JSON.stringify({
    compilerOptions: {
      strict: true,
      target: "ES2020",
      module: "commonjs",
      moduleResolution: "node",
    },
  })}\n`,
  "index.ts": `import * as pulumi from "@pulumi/pulumi";

const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: { text: string }) {
    return { id: "smoke", outs: { text: inputs.text, length: inputs.text.length } };
  },
};

class Measured extends pulumi.dynamic.Resource {
  declare readonly length: pulumi.Output<number>;
  constructor(name: string, text: string) {
    super(provider, name, { text, length: undefined }, {});
  }
}

export const length = new Measured("measured", ${JSON.stringify(SMOKE_TEXT)}).length;
`,
};

export interface SmokeStep {
  command: string;
  seconds: number;
}

/**
 * Runs the smoke test with the `pulumi` in cliDir. nodeModules is a node_modules folder holding
 * @pulumi/pulumi, ts-node and typescript (this checkout's); the program's folder links to it.
 * Throws with the failing command's output.
 */
export async function runSmokeTest(cliDir: string, nodeModules: string): Promise<SmokeStep[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-kernel-smoke-"));
  try {
    for (const [name, text] of Object.entries(SMOKE_FILES)) {
      fs.writeFileSync(path.join(dir, name), text);
    }
    fs.symlinkSync(nodeModules, path.join(dir, "node_modules"), "dir");
    fs.mkdirSync(path.join(dir, "state"));
    const env = {
      ...offlineEnv({
        cliDir,
        home: path.join(dir, "home"),
        stateDir: path.join(dir, "state"),
        passphrase: "smoke",
      }),
      // Type-checking the program is ts-node's slowest part and proves nothing here.
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    };
    const steps: SmokeStep[] = [];
    const pulumi = async (...args: string[]) => {
      const started = Date.now();
      const command = `pulumi ${args.join(" ")}`;
      try {
        const { stdout } = await promisify(execFile)(path.join(cliDir, "pulumi"), args, {
          cwd: dir,
          env,
          maxBuffer: 16 * 1024 * 1024,
        });
        steps.push({ command, seconds: (Date.now() - started) / 1000 });
        return stdout;
      } catch (err) {
        const { stdout = "", stderr = "" } = err as { stdout?: string; stderr?: string };
        throw new Error(`smoke test: \`${command}\` failed\n${stdout}${stderr}`.trimEnd());
      }
    };
    await pulumi("stack", "init", "smoke", "--non-interactive");
    await pulumi("preview", "--non-interactive");
    await pulumi("up", "--yes", "--non-interactive");
    const output = (await pulumi("stack", "output", "length", "--json")).trim();
    if (output !== String(SMOKE_TEXT.length)) {
      throw new Error(
        `smoke test: the stack output is ${output}, expected ${SMOKE_TEXT.length}: the provider's create did not run`,
      );
    }
    await pulumi("destroy", "--yes", "--non-interactive");
    return steps;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
