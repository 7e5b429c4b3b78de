#!/usr/bin/env node
/**
 * `pulumi-kernel-emulator --port 8787 --api-key KEY [--proxy id=name ...] [--plan-minimum 300]
 * [--latency-ms 25] [--rate-limit 50]`: runs the emulator until stopped.
 */
import { parseArgs } from "node:util";
import { startEmulator } from "./server";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "api-key": { type: "string" },
      proxy: { type: "string", multiple: true },
      "plan-minimum": { type: "string" },
      "latency-ms": { type: "string" },
      "rate-limit": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(
      "usage: pulumi-kernel-emulator [--port N] [--api-key KEY] [--proxy ID=NAME]... " +
        "[--plan-minimum SECONDS] [--latency-ms MS] [--rate-limit PER_SECOND]\n",
    );
    return;
  }
  const proxies = (values.proxy ?? ["proxy_residential=residential"]).map((spec) => {
    const [id, name] = spec.split("=");
    if (!id || !name) throw new Error(`--proxy takes ID=NAME, got ${spec}`);
    return { id, name };
  });
  const emulator = await startEmulator({
    port: values.port ? Number(values.port) : undefined,
    host: values.host,
    apiKey: values["api-key"] ?? process.env.KERNEL_API_KEY,
    proxies,
    planMinimum: values["plan-minimum"] ? Number(values["plan-minimum"]) : undefined,
    latencyMs: values["latency-ms"] ? Number(values["latency-ms"]) : undefined,
    rateLimit: values["rate-limit"] ? { ratePerSecond: Number(values["rate-limit"]) } : undefined,
  });
  process.stdout.write(`${emulator.url}\n`);
  process.stderr.write(
    `Kernel API emulator listening on ${emulator.url} (controls under ${emulator.url}/_emulator/). ` +
      `Point Pulumi at it with: pulumi config set kernel:baseUrl ${emulator.url}\n`,
  );
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err) => {
  process.stderr.write(`pulumi-kernel-emulator: ${err instanceof Error ? err.message : err}\n`);
  process.exit(1);
});
