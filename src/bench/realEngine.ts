/**
 * `npm run bench:real-engine`: wall times of the real `pulumi` on a stack of 50
 * AuthConnections (each with its Credential, sharing a Profile and a Proxy: 102 resources)
 * against the emulator process, beside the same number of resources of a do-nothing dynamic
 * provider (the floor: the engine, the program and the dynamic-provider host alone). Measures
 * `pulumi up` from nothing, a no-op `pulumi preview` and `pulumi destroy`; writes them, with
 * the ratios to the floor, to bench/results.json under `realEngine`.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { EmulatorProcess, PulumiStack, findPulumi } from "../host/pulumiCli";
import { REPO_ROOT } from "../host/repoRoot";

const KEY = "sk_bench_real_engine_key_77c1";
const COUNT = Number(process.env.BENCH_REAL_COUNT ?? 50);
const PROGRAM = { name: "pulumi-kernel-bench", main: "test/pulumi/programs/scale.ts" };
const RESULTS = path.join(REPO_ROOT, "bench", "results.json");

type Timings = { upSeconds: number; noopPreviewSeconds: number; destroySeconds: number };

async function measure(label: string, floor: boolean, emulator: EmulatorProcess): Promise<Timings> {
  const stack = new PulumiStack(label, PROGRAM);
  try {
    await stack.init(
      { "kernel:baseUrl": emulator.url, count: String(COUNT), floor: String(floor) },
      { "kernel:apiKey": KEY },
    );
    const timed = async (args: string[]) => {
      const started = process.hrtime.bigint();
      await stack.ok(args);
      return Number(process.hrtime.bigint() - started) / 1e9;
    };
    const upSeconds = await timed(["up", "--yes", "--skip-preview"]);
    const noopPreviewSeconds = await timed(["preview"]);
    const destroySeconds = await timed(["destroy", "--yes", "--skip-preview"]);
    return { upSeconds, noopPreviewSeconds, destroySeconds };
  } finally {
    stack.remove();
  }
}

async function main(): Promise<void> {
  const bin = findPulumi();
  if (!bin) throw new Error("no Pulumi CLI: run `npm run pulumi:cli` first");
  const emulator = await EmulatorProcess.start(KEY);
  try {
    const version = execFileSync(bin, ["version"], { encoding: "utf8" }).trim();
    const kernel = await measure("bench-kernel", false, emulator);
    const floor = await measure("bench-floor", true, emulator);
    const round = (n: number) => Math.round(n * 100) / 100;
    const ratio = (k: keyof Timings) => round(kernel[k] / floor[k]);
    const realEngine = {
      pulumi: version,
      connections: COUNT,
      resources: 2 * COUNT + 2,
      kernel: Object.fromEntries(Object.entries(kernel).map(([k, v]) => [k, round(v)])),
      floor: Object.fromEntries(Object.entries(floor).map(([k, v]) => [k, round(v)])),
      ratio: {
        up: ratio("upSeconds"),
        noopPreview: ratio("noopPreviewSeconds"),
        destroy: ratio("destroySeconds"),
      },
    };
    const results = JSON.parse(fs.readFileSync(RESULTS, "utf8"));
    results.realEngine = realEngine;
    fs.writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    console.log(JSON.stringify(realEngine, null, 2));
  } finally {
    await emulator.stop();
  }
}

main().catch((err) => {
  console.error(`bench:real-engine failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
