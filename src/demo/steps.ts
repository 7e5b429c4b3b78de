/**
 * The demo's steps: the example stack's whole life through Pulumi's own dynamic-provider host,
 * against the embedded Kernel API emulator. The programs (examples/managedAuth.ts,
 * examples/freePlan.ts) run under `pulumi.runtime.setMocks`, so the `__provider` texts and the
 * secret markers are what the engine receives. Prints what a user reads in a preview and every
 * HTTP request with its body, secrets masked; returns the requests of each step unmasked, for
 * the test that keeps the demo honest (test/host/demo.test.ts).
 */
import { typeToken } from "../dynamic/engineKeys";
import * as path from "node:path";
import { type Emulator, type RequestLogEntry, SECRET_KEYS, startEmulator } from "../emulator";
import { type Declared, MiniEngine, type Step } from "../host/engine";
import type { StackConfig } from "../host/example";
import { ProviderHost, withoutSecrets } from "../host/providerHost";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

export const DEMO_KEY = "sk_demo_emulator_only_4f09d1";
export const DEMO_USER = "me@example.com";
export const DEMO_PASSWORD = "hunter2-OLD-7b1c";
export const DEMO_NEW_PASSWORD = "hunter2-NEW-e83a";
export const DEMO_PIN = "4821-pin";
export const DEMO_COLLECTOR_TOKEN = "otlp-token-OLD-5d2e";
export const DEMO_NEW_COLLECTOR_TOKEN = "otlp-token-NEW-a9c4";
/** Every value the printout and the host's output must never hold. */
export const DEMO_SECRETS = [
  DEMO_KEY,
  DEMO_PASSWORD,
  DEMO_NEW_PASSWORD,
  DEMO_PIN,
  DEMO_COLLECTOR_TOKEN,
  DEMO_NEW_COLLECTOR_TOKEN,
];

/** What a request body looks like printed: the value of every secret key masked. */
export const MASKED = "[secret]";

/** The emulator's resource modules, to find anything left behind. */
const MODULES = [
  "authConnections",
  "credentials",
  "proxies",
  "profiles",
  "credentialProviders",
  "browserPools",
  "extensions",
  "telemetryDestinations",
];

export interface DemoOptions {
  /** Receives each printed line; nothing is printed when absent. */
  print?: (line: string) => void;
  color?: boolean;
}

export interface DemoResult {
  /** The requests of each numbered step (index 0 is step 1), bodies unmasked. */
  requests: RequestLogEntry[][];
  /** Every line printed. */
  lines: string[];
  /** Everything the provider hosts wrote. */
  hostOutput: string;
  /** Objects of any kind left in the emulators after the last destroy. */
  leftOver: number;
  /** The connection's outputs after the Free-plan create. */
  freePlanOutputs: Record<string, unknown>;
}

/**
 * A request body as printed: the value of each of the emulator's secret keys (SECRET_KEYS, the
 * list its own log masks) is `[secret]`. `values` and `headers` keep their keys, masking each
 * value: the keys are no secret (the API answers them) and show which value changed.
 */
export function maskBody(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(maskBody);
  if (body === null || typeof body !== "object") return body;
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => {
      if (!SECRET_KEYS.includes(key)) return [key, maskBody(value)];
      if ((key === "values" || key === "headers") && value !== null && typeof value === "object") {
        return [key, Object.fromEntries(Object.keys(value).map((k) => [k, MASKED]))];
      }
      return [key, MASKED];
    }),
  );
}

/** The demo's secrets found in `text`, by position in DEMO_SECRETS (never the values). */
export function leakedSecrets(text: string): string[] {
  const names = [
    "the API key",
    "the password",
    "the rotated password",
    "the PIN",
    "the collector token",
    "the rotated collector token",
  ];
  return DEMO_SECRETS.flatMap((s, i) => (text.includes(s) ? [names[i]] : []));
}

/** Why the demo must fail: a secret in its printout or the hosts' output, objects left over. */
export function demoProblems(result: DemoResult): string[] {
  return [
    ...leakedSecrets(result.lines.join("\n")).map((s) => `${s} appeared in the printout`),
    ...leakedSecrets(result.hostOutput).map((s) => `${s} appeared in the host's output`),
    ...(result.leftOver ? [`${result.leftOver} objects left in the emulators after destroy`] : []),
  ];
}

export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const lines: string[] = [];
  const out = (line = "") => {
    lines.push(line);
    options.print?.(line);
  };
  const paint = (code: string) => (text: string) =>
    options.color ? `\x1b[${code}m${text}\x1b[0m` : text;
  const [bold, dim, green, yellow, red, cyan, magenta] = [
    "1",
    "2",
    "32",
    "33",
    "31",
    "36",
    "35",
  ].map(paint);

  const heading = (n: number, title: string, command: string) =>
    out(`\n${bold(`${n}. ${title}`)}  ${dim(`$ ${command}`)}`);

  const showStep = (step: Step) => {
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
    const type = step.type.replace(/^pulumi-nodejs:dynamic\//, "");
    out(`  ${symbol} ${type} ${bold(step.name)} ${label}`);
    for (const line of step.changes) {
      const colour = line.startsWith("+") ? green : line.startsWith("-") ? red : yellow;
      out(`      ${colour(line)}`);
    }
    if (step.diff?.replaces.length)
      out(dim(`      (replaces because of: ${step.diff.replaces.join(", ")})`));
  };
  const showSteps = (steps: Step[]) => steps.forEach(showStep);

  const requests: RequestLogEntry[][] = [];
  /** Prints the requests since the last call, masked, and files them under the current step. */
  const showRequests = (emulator: Emulator, step: number) => {
    const sent = emulator.requests();
    emulator.clearRequests();
    requests[step - 1] = [...(requests[step - 1] ?? []), ...sent];
    if (sent.length === 0) out(dim("  HTTP: no requests"));
    for (const r of sent) {
      const ok = typeof r.status === "number" && r.status < 300;
      const query = Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : "";
      out(
        `  ${cyan("HTTP")} ${bold(r.method)} ${r.path}${query} ${dim("->")} ${(ok ? green : red)(String(r.status))}`,
      );
      if (r.body !== undefined) out(dim(`       ${JSON.stringify(maskBody(r.body))}`));
    }
  };

  const started = Date.now();
  const config = (values: Record<string, string> = {}): StackConfig => ({
    values: { netflixUser: DEMO_USER, netflixPassword: DEMO_PASSWORD, ...values },
    secrets: ["netflixPassword", "netflixPin"],
  });

  // Two `pulumi up`s against two emulators: two provider hosts, as the engine starts one per
  // run (a host configures each provider once). The first loads @pulumi/pulumi in its own
  // process while this one loads it to run the program; the second starts with step 1, when
  // the processes mostly wait on each other.
  const startHost = () => ProviderHost.start({ cwd: REPO_ROOT, env: { PATH: process.env.PATH } });
  const hosts: Promise<ProviderHost>[] = [startHost()];
  const emulators = [
    startEmulator({ apiKey: DEMO_KEY }),
    startEmulator({ apiKey: DEMO_KEY, plan: "free" }),
  ];
  const stopAll = async () => {
    const started = await Promise.allSettled([...hosts, ...emulators]);
    await Promise.all(
      started.map((s) =>
        s.status === "fulfilled"
          ? "stop" in s.value
            ? s.value.stop()
            : s.value.close()
          : undefined,
      ),
    );
  };
  try {
    const { managedAuthResources, freePlanResources, platformResources, stateKey } =
      await import("../host/example");
    const stack = (values?: Record<string, string>) => managedAuthResources(config(values));
    // The first run of the program (its TypeScript compiled) while the hosts start.
    const desired = await stack();
    const [host] = await Promise.all(hosts);
    const [emulator, free] = await Promise.all(emulators);
    hosts.push(startHost());
    const engine = new MiniEngine(host);
    const state = (type: string, name: string) => engine.state.get(stateKey(type, name))!;
    const connection = () => state(typeToken("AuthConnection"), "netflix");
    out(bold("pulumi-kernel demo"));
    out(
      dim(
        `Kernel API emulator at ${emulator.url}; Pulumi's dynamic-provider host (pid ${host.pid}) on port ${host.port}.`,
      ),
    );
    await host.configure({ "kernel:apiKey": DEMO_KEY, "kernel:baseUrl": emulator.url }, [
      "kernel:apiKey",
    ]);

    heading(
      1,
      "Create the stack: what the connection refers to first",
      "pulumi config set --secret netflixPassword **** && pulumi up",
    );
    out(
      dim(
        `  program (examples/managedAuth.ts): ${desired.map((d) => `${shortType(d)} ${d.name}`).join(", ")}; ` +
          `__provider in state: one line of at most ${Math.max(
            ...desired.map((d) => Buffer.byteLength(String(d.inputs.__provider))),
          )} bytes.`,
      ),
    );
    showSteps(await engine.up(desired));
    showRequests(emulator, 1);
    const created = connection();
    out(
      `  ${dim("outputs:")} id=${created.id} status=${created.outputs.status} proxyId=${created.outputs.proxyId} ` +
        `healthCheckInterval=${created.outputs.healthCheckInterval} credential valueKeys=${JSON.stringify(
          withoutSecrets(state(typeToken("Credential"), "netflix").outputs.valueKeys),
        )}`,
    );

    heading(2, "Nothing changed", "pulumi up");
    showSteps(await engine.up(await stack()));
    showRequests(emulator, 2);

    heading(
      3,
      "Rotate the password: one PATCH of that value",
      "pulumi config set --secret netflixPassword **** && pulumi up",
    );
    const rotated = { netflixPassword: DEMO_NEW_PASSWORD };
    showSteps(await engine.up(await stack(rotated)));
    showRequests(emulator, 3);

    heading(
      4,
      "Add a value key, then remove it from the program",
      "pulumi config set --secret netflixPin **** && pulumi up; pulumi config rm netflixPin && pulumi up",
    );
    showSteps(await engine.up(await stack({ ...rotated, netflixPin: DEMO_PIN })));
    showRequests(emulator, 4);
    showSteps(await engine.up(await stack(rotated)));
    showRequests(emulator, 4);

    heading(5, "Someone edits the connection in the Kernel dashboard", "(out of band)");
    const drift = {
      health_check_interval: 7200,
      allowed_domains: ["login.netflix.com"],
      record_session: false,
    };
    emulator.drift(created.id, drift);
    out(`  ${yellow("dashboard:")} ${JSON.stringify(drift)}`);
    out(dim("  $ pulumi refresh   (live values into the state)"));
    showSteps(await engine.refresh());
    showRequests(emulator, 5);
    out(dim("  $ pulumi preview --diff   (live => desired)"));
    const last = await stack(rotated);
    const lastConnection = last.find((d) => d.type === typeToken("AuthConnection"))!;
    showStep(await engine.preview(lastConnection.name, lastConnection.inputs, lastConnection));
    out(dim("  $ pulumi up   (one PATCH of exactly the drifted fields)"));
    showSteps(await engine.up(last));
    showRequests(emulator, 5);

    heading(
      6,
      "Detach the proxy: one PATCH, no replacement",
      "pulumi config set useResidentialProxy false && pulumi up",
    );
    showSteps(await engine.up(await stack({ ...rotated, useResidentialProxy: "false" })));
    showRequests(emulator, 6);
    out(
      `  ${dim("outputs:")} id=${connection().id} (the same connection) proxyId=${connection().outputs.proxyId ?? "none"}`,
    );

    heading(7, "Tear it down: dependents first", "pulumi destroy");
    showSteps(await engine.destroy());
    showRequests(emulator, 7);

    heading(
      8,
      "On the Free plan: no interval set, the server picks its minimum",
      "pulumi-kernel-emulator --plan free; pulumi up (examples/freePlan.ts)",
    );
    const freeHost = await hosts[1];
    await freeHost.configure({ "kernel:apiKey": DEMO_KEY, "kernel:baseUrl": free.url }, [
      "kernel:apiKey",
    ]);
    const freeEngine = new MiniEngine(freeHost);
    showSteps(await freeEngine.up(await freePlanResources()));
    showRequests(free, 8);
    const freeConnection = freeEngine.state.get(
      stateKey(typeToken("AuthConnection"), "netflix-free"),
    )!;
    const freePlanOutputs = withoutSecrets(freeConnection.outputs);
    out(
      `  ${dim("outputs:")} id=${freeConnection.id} healthCheckInterval=${freePlanOutputs.healthCheckInterval} (the server's)`,
    );
    showSteps(await freeEngine.destroy());
    showRequests(free, 8);

    heading(
      9,
      "A platform: a project, and a browser pool with an extension, a profile, a proxy and telemetry",
      "pulumi config set --secret collectorToken **** && pulumi up (examples/platform.ts)",
    );
    const platformConfig = (values: Record<string, string> = {}): StackConfig => ({
      values: { collectorToken: DEMO_COLLECTOR_TOKEN, ...values },
      secrets: ["collectorToken"],
    });
    const platform = new MiniEngine(host);
    showSteps(await platform.up(await platformResources(platformConfig())));
    showRequests(emulator, 9);

    heading(
      10,
      "Grow the pool and rotate the collector's token: one PATCH each",
      "pulumi config set poolSize 3 && pulumi config set --secret collectorToken **** && pulumi up",
    );
    const grown = platformConfig({ poolSize: "3", collectorToken: DEMO_NEW_COLLECTOR_TOKEN });
    showSteps(await platform.up(await platformResources(grown)));
    showRequests(emulator, 10);

    heading(11, "Tear the platform down: the pool first, the project last", "pulumi destroy");
    showSteps(await platform.destroy());
    showRequests(emulator, 11);

    // The default project is always there; any other project is left over.
    const leftOver = [emulator, free]
      .flatMap((e) => [
        ...MODULES.map((m) => e.objects(m).length),
        e.objects("projects").length - 1,
      ])
      .reduce((a, b) => a + b, 0);
    const total = requests.flat().length;
    out(
      `\n${green("done")} in ${((Date.now() - started) / 1000).toFixed(1)}s: ${total} HTTP requests, ${leftOver} objects left in the emulators.`,
    );
    const hostOutput = host.output + freeHost.output;
    return { requests, lines, hostOutput, leftOver, freePlanOutputs };
  } finally {
    await stopAll();
  }
}

function shortType(d: Declared): string {
  return (d.type ?? typeToken("AuthConnection")).replace(/^pulumi-nodejs:dynamic\//, "");
}
