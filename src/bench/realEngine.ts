/**
 * The bench's `realEngine` part: what the real `pulumi` costs on a stack of many AuthConnections
 * (one Credential and one Proxy, which every connection refers to) against the emulator, beside
 * the same stack shape on a dynamic provider that does nothing (the floor). Runs only when a
 * ready `pulumi` is found (`npm run pulumi:cli` builds one); otherwise says why.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../host/repoRoot";
import { offlineEnv } from "../realCli/offlineEnv";
import { readyPulumi } from "../realCli/locate";
import type { EmulatorProcess } from "./emulatorProcess";

const SHAPES = ["kernel", "floor"] as const;
type Shape = (typeof SHAPES)[number];
const OPERATIONS = ["up", "preview", "destroy"] as const;
type Operation = (typeof OPERATIONS)[number];
type Timings = Record<Operation, number>;

/** No command of the bench may take longer: a hung engine fails the bench instead of stalling it. */
const COMMAND_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * The program of both stacks, in JavaScript: ts-node's start-up is the same for both shapes and
 * would only add noise. `shape` picks this package's resources or the do-nothing provider; both
 * take the same inputs and the same references (every connection needs the credential's name
 * and the proxy's id, so the engine orders them the same way).
 */
export const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");

const config = new pulumi.Config();
const connections = config.requireNumber("connections");
const password = config.requireSecret("password");

const connectionArgs = (i, credentialName, proxyId) => ({
  profileName: "bench-" + i,
  domain: "netflix.com",
  loginUrl: "https://www.netflix.com/login",
  credential: { name: credentialName },
  allowedDomains: ["auth.netflix.com", "login.netflix.com"],
  healthCheckInterval: 1800,
  proxy: { id: proxyId },
});
const credentialArgs = {
  name: "bench-creds",
  domain: "netflix.com",
  values: { username: "bench@example.com", password },
};
const proxyArgs = { type: "residential", name: "bench-residential", config: { country: "US" } };

if (config.require("shape") === "kernel") {
  const kernel = require("pulumi-kernel");
  const creds = new kernel.Credential("creds", credentialArgs);
  const proxy = new kernel.Proxy("proxy", proxyArgs);
  for (let i = 0; i < connections; i++) {
    new kernel.AuthConnection("c" + i, connectionArgs(i, creds.name, proxy.id));
  }
} else {
  // Answers at once: no HTTP, no validation. The engine diffs the inputs itself (no diff method).
  const nothing = {
    async create(inputs) {
      return { id: inputs.name || inputs.profileName, outs: inputs };
    },
    async delete() {},
  };
  class Nothing extends pulumi.dynamic.Resource {
    constructor(name, props) {
      super(nothing, name, props, {});
    }
  }
  const creds = new Nothing("creds", credentialArgs);
  const proxy = new Nothing("proxy", proxyArgs);
  for (let i = 0; i < connections; i++) {
    // The do-nothing credential's id is its name.
    new Nothing("c" + i, connectionArgs(i, creds.id, proxy.id));
  }
}
`;

export interface RealEngineResults {
  pulumi: string;
  connections: number;
  /** Custom resources per stack: the connections, the credential and the proxy. */
  resources: number;
  rounds: number;
  commands: Record<Operation, string>;
  /** Best round, seconds. */
  kernel: Timings;
  floor: Timings;
  /**
   * kernel over floor: the best times' ratio, and the median of the ratios within each round
   * (the least ratio of a round would pick the noise of a loaded machine, not the stack).
   */
  floorRatio: Timings;
  floorRatioMedian: Timings;
  /** What this provider adds per resource over the floor, best rounds, milliseconds. */
  overheadMsPerResource: Timings;
  /** Every round's times, in order. */
  perRound: Record<Shape, Timings>[];
  /** Requests the emulator saw for each operation of the kernel stack (the last round). */
  requests: Record<Operation, number>;
  /**
   * The machine's 1-minute load average before and after: above its core count, other work
   * shared the cores and the times say more about the machine than about the stack.
   */
  loadAverage: { before: number; after: number; cpus: number };
  totalSeconds: number;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The args of each timed command; `up` skips its preview, which `preview` measures alone. */
function commandArgs(operation: Operation, stack: Shape): string[] {
  const common = ["--stack", stack, "--non-interactive", "--color", "never"];
  switch (operation) {
    case "up":
      return ["up", "--yes", "--skip-preview", ...common];
    case "preview":
      return ["preview", ...common];
    case "destroy":
      return ["destroy", "--yes", "--skip-preview", ...common];
  }
}

export async function realEngineBench(
  emulator: EmulatorProcess,
  apiKey: string,
  progress: (line: string) => void,
  options: { connections?: number; rounds?: number } = {},
): Promise<RealEngineResults | string> {
  const ready = await readyPulumi();
  if ("missing" in ready) return `Not measured: no real pulumi CLI (${ready.missing}).`;
  const connections = options.connections ?? 50;
  const rounds = options.rounds ?? 5;
  const started = performance.now();
  const loadBefore = os.loadavg()[0];

  // Under the checkout, so that the program's require() finds this checkout's node_modules.
  const dir = path.join(REPO_ROOT, "bench", "tmp", `real-engine-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "state"), { recursive: true });
  fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    "name: bench-real-engine\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n",
  );
  fs.writeFileSync(
    path.join(dir, "package.json"),
    `${JSON.stringify({ name: "bench-real-engine", private: true, main: "index.js" })}\n`,
  );
  const env = offlineEnv({
    cliDir: path.dirname(ready.pulumi),
    home: path.join(dir, "home"),
    stateDir: path.join(dir, "state"),
    passphrase: "bench",
  });
  const pulumi = async (args: string[]) => {
    try {
      await promisify(execFile)(ready.pulumi, args, {
        cwd: dir,
        env,
        timeout: COMMAND_TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (err) {
      const { stdout = "", stderr = "" } = err as { stdout?: string; stderr?: string };
      throw new Error(`pulumi ${args.join(" ")} failed\n${stdout}${stderr}`.trimEnd());
    }
  };

  try {
    const { stdout: version } = await promisify(execFile)(ready.pulumi, ["version"], { env });
    progress(`  ${version.trim()} at ${ready.pulumi}`);
    for (const shape of SHAPES) {
      await pulumi(["stack", "init", shape, "--non-interactive"]);
      const set = (key: string, value: string, secret = false) =>
        pulumi(["config", "set", "--stack", shape, ...(secret ? ["--secret"] : []), key, value]);
      await set("shape", shape);
      await set("connections", String(connections));
      await set("password", "bench-password-value", true);
      await set("kernel:baseUrl", emulator.url);
      await set("kernel:apiKey", apiKey, true);
    }

    const perRound: Record<Shape, Timings>[] = [];
    const requests = { up: 0, preview: 0, destroy: 0 };
    for (let round = 0; round < rounds; round++) {
      const timings = { kernel: {}, floor: {} } as Record<Shape, Timings>;
      await emulator.reset();
      // Each operation on both stacks back to back, the first alternating between rounds, so a
      // slow spell of the shared machine falls on both sides of a ratio. The floor sends nothing
      // to the emulator, so the two stacks do not disturb each other.
      const order = round % 2 === 0 ? SHAPES : ([...SHAPES].reverse() as Shape[]);
      for (const operation of OPERATIONS) {
        for (const shape of order) {
          await emulator.clearRequests();
          const t0 = performance.now();
          await pulumi(commandArgs(operation, shape));
          timings[shape][operation] = round3((performance.now() - t0) / 1000);
          if (shape === "kernel") requests[operation] = (await emulator.requests()).length;
        }
      }
      if ((await emulator.connections()).length !== 0) {
        throw new Error("pulumi destroy left auth connections in the emulator");
      }
      perRound.push(timings);
      progress(
        `  round ${round + 1}: ` +
          SHAPES.map(
            (shape) =>
              `${shape} ${OPERATIONS.map((op) => `${op} ${timings[shape][op].toFixed(1)}s`).join(", ")}`,
          ).join("; "),
      );
    }

    const best = (shape: Shape) =>
      Object.fromEntries(
        OPERATIONS.map((op) => [op, Math.min(...perRound.map((r) => r[shape][op]))]),
      ) as Timings;
    const ratios = (op: Operation) => perRound.map((r) => r.kernel[op] / r.floor[op]);
    const kernel = best("kernel");
    const floor = best("floor");
    const resources = connections + 2;
    const perOp = <T>(f: (op: Operation) => T) =>
      Object.fromEntries(OPERATIONS.map((op) => [op, f(op)])) as Record<Operation, T>;
    return {
      pulumi: version.trim(),
      connections,
      resources,
      rounds,
      commands: perOp((op) => `pulumi ${commandArgs(op, "kernel").join(" ")}`),
      kernel,
      floor,
      floorRatio: perOp((op) => round3(kernel[op] / floor[op])),
      floorRatioMedian: perOp((op) => round3(median(ratios(op)))),
      overheadMsPerResource: perOp((op) => round3(((kernel[op] - floor[op]) * 1000) / resources)),
      perRound,
      requests,
      loadAverage: {
        before: round3(loadBefore),
        after: round3(os.loadavg()[0]),
        cpus: os.cpus().length,
      },
      totalSeconds: round3((performance.now() - started) / 1000),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
