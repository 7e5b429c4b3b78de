/**
 * An emulator and Pulumi's dynamic-provider host, wired as `pulumi up` wires them, with the
 * inputs, `__provider` text included, that examples/netflix.ts registers (EXAMPLE_INPUTS, which
 * exampleProgram.test.ts holds to what the program registers under `pulumi.runtime.setMocks`).
 *
 * Start one per test file (beforeAll) and call `reset()` before each test: starting the host
 * costs a Node process that loads `@pulumi/pulumi`, which is most of a host test's time.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  CONTROL_PREFIX,
  type Emulator,
  type EmulatorOptions,
  startEmulator,
} from "../../src/emulator";
import { compileRequestSchemas } from "../../src/emulator/openapi";
import { MiniEngine } from "../../src/host/engine";
import { type Props, ProviderHost } from "../../src/host/providerHost";
import { REPO_ROOT } from "../../src/host/repoRoot";
import { EXAMPLE_INPUTS } from "./example";

export { REPO_ROOT };
export const HOST_KEY = "sk_live_host_fixture_never_in_state_93ab";
export const PROXIES = [
  { id: "px_residential", name: "residential" },
  { id: "px_datacenter", name: "datacenter" },
];

export interface HostFixture {
  emulator: Emulator;
  host: ProviderHost;
  /** A fresh engine (empty state) after each `reset()`. */
  engine: MiniEngine;
  /** examples/netflix.ts's AuthConnection inputs; `{}` when started with `example: false`. */
  inputs: Props;
  /**
   * Between tests: the emulator drops every object, fault and logged request (its seeded
   * proxies stay), and the engine starts again with no state. The host process keeps running,
   * configured as before.
   */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHostFixture(
  options: {
    emulator?: EmulatorOptions;
    env?: NodeJS.ProcessEnv;
    configure?: boolean;
    /** More stack config for the host, beside the key and the base URL. */
    config?: Record<string, string>;
    /** false: the suite declares other resources and needs no example inputs. */
    example?: boolean;
  } = {},
): Promise<HostFixture> {
  const inputs = options.example === false ? {} : structuredClone(EXAMPLE_INPUTS);
  const apiKey = options.emulator?.apiKey ?? HOST_KEY;
  const emulator = await startEmulator({ apiKey: HOST_KEY, proxies: PROXIES, ...options.emulator });
  // With requests cut after a few hundred ms, no operation's first request may meet the
  // compile of its request schema.
  if (options.env?.KERNEL_REQUEST_TIMEOUT_MS) compileRequestSchemas();
  const host = await ProviderHost.start({
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, ...options.env },
  });
  checkHostVersions(host);
  if (options.configure !== false) {
    await host.configure(
      { "kernel:apiKey": HOST_KEY, "kernel:baseUrl": emulator.url, ...options.config },
      ["kernel:apiKey"],
    );
  }
  const fixture: HostFixture = {
    emulator,
    host,
    engine: new MiniEngine(host),
    inputs,
    reset: async () => {
      // The emulator's own control, as a CI would call it over HTTP.
      const res = await fetch(`${emulator.url}${CONTROL_PREFIX}/reset`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}` },
      });
      if (!res.ok) throw new Error(`emulator reset answered ${res.status}`);
      fixture.engine = new MiniEngine(host);
    },
    stop: async () => {
      await host.stop();
      await emulator.close();
    },
  };
  return fixture;
}

/**
 * CI runs the host suites under more than one Node and @pulumi/pulumi: with
 * PULUMI_KERNEL_EXPECT_PULUMI set, print what the host process runs (its node, and the
 * @pulumi/pulumi its dynamic-provider script belongs to, read from the process's own command
 * line) and fail when that is not the version expected.
 */
function checkHostVersions(host: ProviderHost): void {
  const expected = process.env.PULUMI_KERNEL_EXPECT_PULUMI;
  if (!expected) return;
  const argv = fs.readFileSync(`/proc/${host.pid}/cmdline`, "utf8").split("\0");
  let dir = path.dirname(argv[1]);
  while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  const pulumiVersion = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version;
  const node = fs.realpathSync(`/proc/${host.pid}/exe`);
  console.log(
    `host process: node ${process.version} (${node}), @pulumi/pulumi ${pulumiVersion} (${fs.realpathSync(dir)})`,
  );
  if (pulumiVersion !== expected) {
    throw new Error(`the host runs @pulumi/pulumi ${pulumiVersion}, expected ${expected}`);
  }
}

/** Requests as `METHOD path` with bodies, for exact assertions. */
export function requestLines(emulator: Emulator) {
  return emulator.requests().map((r) => ({
    method: r.method,
    path: r.path,
    ...(r.body === undefined ? {} : { body: r.body }),
  }));
}
