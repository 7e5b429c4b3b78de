/**
 * `npm run demo`: the example stack's whole life through Pulumi's own dynamic-provider host,
 * against the embedded Kernel API emulator. The `__provider` text comes from running the
 * example program (examples/netflix.ts) under `pulumi.runtime.setMocks`, as the engine would
 * receive it. Prints what a user reads in a preview, and every HTTP request with its body.
 */
import { type Emulator, type RequestLogEntry, startEmulator } from "../emulator";
import { MiniEngine, type Step } from "../host/engine";
import { REPO_ROOT as ROOT, exampleInputs } from "../host/example";
import { ProviderHost } from "../host/providerHost";

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string) => (text: string) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);
const bold = paint("1");
const dim = paint("2");
const green = paint("32");
const yellow = paint("33");
const red = paint("31");
const cyan = paint("36");
const magenta = paint("35");

const DEMO_KEY = "sk_demo_emulator_only";
const TYPE = "kernel:AuthConnection";

function heading(n: number, title: string, command: string): void {
  console.log(`\n${bold(`${n}. ${title}`)}  ${dim(`$ ${command}`)}`);
}

function showStep(step: Step): void {
  const symbol = {
    create: green("+"),
    update: yellow("~"),
    replace: magenta("+-"),
    delete: red("-"),
    same: " ",
    refresh: cyan("~"),
    gone: red("-"),
  }[step.kind];
  const label = {
    create: green("create"),
    update: yellow("update"),
    replace: magenta(`replace${step.deleteBeforeReplace ? " (delete before create)" : ""}`),
    delete: red("delete"),
    same: dim("no changes"),
    refresh: cyan("refreshed"),
    gone: red("deleted outside Pulumi: dropped from state"),
  }[step.kind];
  console.log(`  ${symbol} ${TYPE} ${bold(step.name)} ${label}`);
  for (const line of step.changes) {
    const colour = line.startsWith("+") ? green : line.startsWith("-") ? red : yellow;
    console.log(`      ${colour(line)}`);
  }
  if (step.diff?.replaces.length)
    console.log(dim(`      (replaces because of: ${step.diff.replaces.join(", ")})`));
}

function showRequests(emulator: Emulator): RequestLogEntry[] {
  const requests = emulator.requests();
  emulator.clearRequests();
  if (requests.length === 0) console.log(dim("  HTTP: no requests"));
  for (const r of requests) {
    const status =
      typeof r.status === "number" && r.status < 300
        ? green(String(r.status))
        : red(String(r.status));
    const query = Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : "";
    console.log(`  ${cyan("HTTP")} ${bold(r.method)} ${r.path}${query} ${dim("->")} ${status}`);
    if (r.body !== undefined) console.log(dim(`       ${JSON.stringify(r.body)}`));
  }
  return requests;
}

async function main(): Promise<void> {
  const started = Date.now();
  const inputs = await exampleInputs();
  const emulator = await startEmulator({
    apiKey: DEMO_KEY,
    proxies: [
      { id: "px_residential", name: "residential" },
      { id: "px_datacenter", name: "datacenter" },
    ],
  });
  const host = await ProviderHost.start({ cwd: ROOT, env: { PATH: process.env.PATH } });
  const engine = new MiniEngine(host);
  let total = 0;
  try {
    console.log(bold("pulumi-kernel demo"));
    console.log(
      dim(
        `Kernel API emulator at ${emulator.url}; Pulumi's dynamic-provider host (pid ${host.pid}) on port ${host.port}.\n` +
          `__provider in state: ${Buffer.byteLength(String(inputs.__provider))} bytes.`,
      ),
    );
    await host.configure({ "kernel:apiKey": DEMO_KEY, "kernel:baseUrl": emulator.url }, [
      "kernel:apiKey",
    ]);

    heading(1, "Create the connection", "pulumi up");
    (await engine.up([{ name: "netflix", inputs }])).forEach(showStep);
    total += showRequests(emulator).length;
    const created = engine.state.get("netflix")!;
    console.log(
      `  ${dim("outputs:")} id=${created.id} status=${created.outputs.status} proxyId=${created.outputs.proxyId} canReauth=${created.outputs.canReauth}`,
    );

    heading(2, "Nothing changed", "pulumi up");
    (await engine.up([{ name: "netflix", inputs }])).forEach(showStep);
    total += showRequests(emulator).length;

    heading(3, "Someone edits the connection in the Kernel dashboard", "(out of band)");
    const drift = {
      health_check_interval: 7200,
      allowed_domains: ["login.netflix.com"],
      proxy_id: "px_datacenter",
      status: "AUTHENTICATED",
    };
    emulator.drift(created.id, drift);
    console.log(`  ${yellow("dashboard:")} ${JSON.stringify(drift)}`);

    heading(4, "Find the drift", "pulumi refresh && pulumi preview --diff");
    (await engine.refresh()).forEach(showStep);
    total += showRequests(emulator).length;
    showStep(await engine.preview("netflix", inputs));
    console.log(dim("  (status changed too, but runtime fields never make a diff)"));

    heading(5, "Correct it with one PATCH of exactly the drifted fields", "pulumi up");
    (await engine.up([{ name: "netflix", inputs }])).forEach(showStep);
    total += showRequests(emulator).length;

    heading(6, "Move the connection to another domain: a replacement", "pulumi up");
    (
      await engine.up([
        {
          name: "netflix",
          inputs: { ...inputs, domain: "netflix.co.uk", allowedDomains: ["login.netflix.co.uk"] },
        },
      ])
    ).forEach(showStep);
    total += showRequests(emulator).length;

    heading(7, "Tear it down", "pulumi destroy");
    (await engine.destroy()).forEach(showStep);
    total += showRequests(emulator).length;

    const left = emulator.connections().length;
    console.log(
      `\n${green("done")} in ${((Date.now() - started) / 1000).toFixed(1)}s: ${total} HTTP requests, ${left} connections left in the emulator.`,
    );
    console.log(
      dim(
        "To run the example with the real Pulumi CLI against the emulator:\n" +
          "  npx pulumi-kernel-emulator --port 8787 --api-key dev-key   # or: npm run emulator\n" +
          "  pulumi config set kernel:baseUrl http://127.0.0.1:8787 && pulumi config set --secret kernel:apiKey dev-key\n" +
          "  pulumi up",
      ),
    );
    if (host.output.includes(DEMO_KEY))
      throw new Error("the API key appeared in the host's output");
    if (left !== 0) throw new Error("the emulator still holds connections after destroy");
  } finally {
    await host.stop();
    await emulator.close();
  }
}

main().catch((err) => {
  console.error(red(`demo failed: ${err instanceof Error ? err.stack : String(err)}`));
  process.exit(1);
});
