/**
 * An emulator and Pulumi's dynamic-provider host, wired as `pulumi up` wires them, with the
 * `__provider` text taken from running the example program under `pulumi.runtime.setMocks`.
 */
import { type Emulator, type EmulatorOptions, startEmulator } from "../../src/emulator";
import { MiniEngine } from "../../src/host/engine";
import { REPO_ROOT, authConnectionInputs } from "../../src/host/example";
import { type Props, ProviderHost } from "../../src/host/providerHost";

export { REPO_ROOT };
export const HOST_KEY = "sk_live_host_fixture_never_in_state_93ab";
export const PROXIES = [
  { id: "px_residential", name: "residential" },
  { id: "px_datacenter", name: "datacenter" },
];

let exampleCache: Props | undefined;

/** The example's inputs as the engine receives them from the program, `__provider` included. */
export async function exampleProgramInputs(): Promise<Props> {
  if (!exampleCache) {
    exampleCache = await authConnectionInputs(async () => {
      const { netflixStack } = await import("../../examples/netflix");
      return netflixStack();
    });
  }
  return { ...exampleCache };
}

export interface HostFixture {
  emulator: Emulator;
  host: ProviderHost;
  engine: MiniEngine;
  inputs: Props;
  stop(): Promise<void>;
}

export async function startHostFixture(
  options: { emulator?: EmulatorOptions; env?: NodeJS.ProcessEnv; configure?: boolean } = {},
): Promise<HostFixture> {
  const inputs = await exampleProgramInputs();
  const emulator = await startEmulator({ apiKey: HOST_KEY, proxies: PROXIES, ...options.emulator });
  const host = await ProviderHost.start({
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, ...options.env },
  });
  if (options.configure !== false) {
    await host.configure({ "kernel:apiKey": HOST_KEY, "kernel:baseUrl": emulator.url }, [
      "kernel:apiKey",
    ]);
  }
  return {
    emulator,
    host,
    engine: new MiniEngine(host),
    inputs,
    stop: async () => {
      await host.stop();
      await emulator.close();
    },
  };
}

/** Requests as `METHOD path` with bodies, for exact assertions. */
export function requestLines(emulator: Emulator) {
  return emulator.requests().map((r) => ({
    method: r.method,
    path: r.path,
    ...(r.body === undefined ? {} : { body: r.body }),
  }));
}
