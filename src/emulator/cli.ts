#!/usr/bin/env node
/**
 * `pulumi-kernel-emulator`: runs the emulator until stopped. `--help` lists every option with
 * its default. Prints the URL alone on stdout's first line (other processes read it there);
 * everything else goes to stderr.
 */
import { parseArgs } from "node:util";
import { normalizeApiKey } from "../kernel/config";
import { DEFAULT_PROJECT, parseProjectSpec, type Project } from "./projects";
import { exposureWarning } from "./exposure";
import { PROXY_TYPES, type EmulatedProxy, type ProxyType } from "./resources/proxies/store";
import { startEmulator } from "./server";
import {
  DEFAULT_PLAN,
  PLAN_MINIMUMS,
  parseLatency,
  parseMaxAuthConnections,
  parsePlan,
  parseRateLimit,
} from "./settings";

/**
 * Seeded when no `--proxy` is given, so `browser.proxy: {name: "residential"}` works at once;
 * a residential proxy, as its name says.
 */
export const DEFAULT_PROXY_SEED = "proxy_residential=residential:residential";

export const HELP = `usage: pulumi-kernel-emulator [options]

A local, stateful emulator of the Kernel API (auth connections, credentials, credential
providers, proxies, profiles) for tests and demos.

options (default in brackets):
  --port N               port to listen on; 0 picks a free one [0]
  --host HOST            address to listen on [127.0.0.1]
  --api-key KEY          the one bearer token accepted, also by the /_emulator/ controls
                         [env KERNEL_API_KEY; when neither is set, any token is accepted]
  --project ID=NAME      a project besides "${DEFAULT_PROJECT.name}" (id ${DEFAULT_PROJECT.id}); repeatable.
                         Requests pick one with X-Kernel-Project: <id or name> [none]
  --proxy ID=NAME[@PROJECT][:TYPE]
                         a proxy to seed (into the default project unless @PROJECT), of TYPE
                         (${PROXY_TYPES.join(", ")}; datacenter unless given); repeatable
                         [${DEFAULT_PROXY_SEED}, in the default project]
  --plan PLAN            plan whose minimum health_check_interval applies: ${Object.entries(
    PLAN_MINIMUMS,
  )
    .map(([name, min]) => `${name} (${min} s)`)
    .join(", ")}, or a number of seconds [${DEFAULT_PLAN}]
  --plan-minimum SECONDS older form of --plan with a number [none]
  --max-auth-connections N
                         the plan's connection limit, org-wide; past it a create is 403
                         insufficient_plan (GET /org/limits shows it) [no limit]
  --rate-limit N         requests per second before 429 + Retry-After [no limit]
  --rate-burst N         requests allowed at once under --rate-limit [1]
  --latency-ms MS        every API answer waits this long [0]
  --log                  print one line per API request to stderr, secrets masked [off]
  -h, --help             this text

controls: GET /_emulator/ lists them; GET / lists the API routes.
`;

export interface CliConfig {
  port: number;
  host: string;
  apiKey?: string;
  projects: Project[];
  proxies: EmulatedProxy[];
  plan: string | number;
  rateLimit?: number;
  rateBurst?: number;
  latencyMs: number;
  /** Absent: no limit. */
  maxAuthConnections?: number;
  log: boolean;
  help: boolean;
  /** Why the provider would not send the key as given (the key rule); shown at startup. */
  keyWarning?: string;
}

/** The CLI's arguments as start options; throws with a message fit for the user. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "api-key": { type: "string" },
      project: { type: "string", multiple: true },
      proxy: { type: "string", multiple: true },
      plan: { type: "string" },
      "plan-minimum": { type: "string" },
      "max-auth-connections": { type: "string" },
      "latency-ms": { type: "string" },
      "rate-limit": { type: "string" },
      "rate-burst": { type: "string" },
      log: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.plan !== undefined && values["plan-minimum"] !== undefined) {
    throw new Error("give --plan or --plan-minimum, not both");
  }
  const planArg = values.plan ?? values["plan-minimum"] ?? DEFAULT_PLAN;
  parsePlan(planArg, values["plan-minimum"] !== undefined ? "--plan-minimum" : "--plan");
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? "0") || port > 65535) {
    throw new Error(`--port takes a number from 0 to 65535; got ${JSON.stringify(values.port)}`);
  }
  const rate = parseRateLimit(values["rate-limit"], values["rate-burst"]);
  const proxies = (values.proxy ?? [DEFAULT_PROXY_SEED]).map(parseProxySeed);
  const apiKey = values["api-key"] ?? (env.KERNEL_API_KEY || undefined);
  const warning = keyWarning(
    apiKey,
    values["api-key"] === undefined ? "KERNEL_API_KEY" : "--api-key",
  );
  const maxAuthConnections = parseMaxAuthConnections(values["max-auth-connections"]);
  return {
    ...(warning === undefined ? {} : { keyWarning: warning }),
    ...(maxAuthConnections === undefined ? {} : { maxAuthConnections }),
    port,
    host: values.host ?? "127.0.0.1",
    apiKey,
    projects: (values.project ?? []).map(parseProjectSpec),
    proxies,
    plan: /^\d+$/.test(planArg) ? Number(planArg) : planArg,
    rateLimit: rate?.ratePerSecond,
    rateBurst: rate?.burst,
    latencyMs: parseLatency(values["latency-ms"] ?? 0),
    log: values.log ?? false,
    help: values.help ?? false,
  };
}

/** `ID=NAME[@PROJECT][:TYPE]`: a `:` suffix that is not a proxy type belongs to the name. */
function parseProxySeed(spec: string): EmulatedProxy {
  const typed = /^(.*):([a-z]+)$/.exec(spec);
  const type =
    typed && (PROXY_TYPES as readonly string[]).includes(typed[2]) ? typed[2] : undefined;
  const match = /^([^=@]+)=([^@]+)(?:@(.+))?$/.exec(type === undefined ? spec : typed![1]);
  if (!match) {
    throw new Error(`--proxy takes ID=NAME[@PROJECT][:TYPE]; got ${JSON.stringify(spec)}`);
  }
  return {
    id: match[1],
    name: match[2],
    ...(match[3] ? { project: match[3] } : {}),
    ...(type === undefined ? {} : { type: type as ProxyType }),
  };
}

/**
 * Why the provider would not send `apiKey` as it is (the provider's own key rule), so that the
 * emulator would answer every request with a 401 the user cannot explain; undefined when it
 * would. Never quotes the key.
 */
export function keyWarning(apiKey: string | undefined, source: string): string | undefined {
  if (apiKey === undefined) return undefined;
  let sent: string | undefined;
  try {
    sent = normalizeApiKey(apiKey, source);
  } catch (err) {
    return `Warning: the provider refuses this key: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (sent === undefined) {
    return `Warning: ${source} is empty or blank; the provider sends no key, so every request would be refused.`;
  }
  if (sent !== apiKey) {
    return (
      `Warning: ${source} has surrounding spaces or line breaks; the provider trims them from ` +
      `its key, so its requests would not match this key. Give the key without them.`
    );
  }
  return undefined;
}

/**
 * Runs the emulator until SIGINT or SIGTERM. Resolves to an exit code only when it will not
 * run (bad arguments, `--help`); once listening, it exits the process when stopped.
 */
export async function runEmulatorCli(argv: string[]): Promise<number | undefined> {
  let config: CliConfig;
  try {
    config = parseCli(argv);
  } catch (err) {
    process.stderr.write(
      `pulumi-kernel-emulator: ${err instanceof Error ? err.message : String(err)}\n` +
        "(--help lists the options)\n",
    );
    return 2;
  }
  if (config.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const emulator = await startEmulator({
    port: config.port,
    host: config.host,
    apiKey: config.apiKey,
    projects: config.projects,
    proxies: config.proxies,
    plan: config.plan,
    rateLimit: config.rateLimit,
    rateBurst: config.rateBurst,
    latencyMs: config.latencyMs,
    maxAuthConnections: config.maxAuthConnections,
    print: config.log ? (line) => process.stderr.write(`${line}\n`) : undefined,
  });
  process.stdout.write(`${emulator.url}\n`);
  const settings = emulator.settings();
  const lines = [
    `Kernel API emulator listening on ${emulator.url} (GET / lists the API routes; controls under ${emulator.url}/_emulator/).`,
    config.apiKey === undefined
      ? "No --api-key (or KERNEL_API_KEY): any bearer token is accepted, and the controls are open."
      : "Requests and controls need the API key given (not shown).",
    ...(config.keyWarning === undefined ? [] : [config.keyWarning]),
    `Projects: ${emulator
      .projects()
      .map((p) => `${p.id}=${p.name}`)
      .join(", ")} (the first is the default).`,
    `Proxies seeded: ${config.proxies
      .map(
        (p) => `${p.id}=${p.name}${p.project ? `@${p.project}` : ""} (${p.type ?? "datacenter"})`,
      )
      .join(", ")}.`,
    `Plan: ${settings.plan.name} (minimum health_check_interval ${settings.plan.minimum} s).` +
      (settings.rateLimit
        ? ` Rate limit: ${settings.rateLimit.ratePerSecond}/s, burst ${settings.rateLimit.burst}.`
        : ""),
    `Point Pulumi at it with: pulumi config set kernel:baseUrl ${emulator.url}`,
  ];
  const exposed = exposureWarning(config.host, config.apiKey !== undefined);
  if (exposed) lines.push(exposed);
  process.stderr.write(`${lines.join("\n")}\n`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return undefined;
}

if (require.main === module) {
  runEmulatorCli(process.argv.slice(2)).then(
    (code) => {
      if (code !== undefined) process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`pulumi-kernel-emulator: ${err instanceof Error ? err.message : err}\n`);
      process.exit(1);
    },
  );
}
