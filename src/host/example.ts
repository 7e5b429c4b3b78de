/**
 * The example program's AuthConnection inputs as the engine receives them: examples/netflix.ts
 * run under `pulumi.runtime.setMocks`, `__provider` text included. Used by the demo and the
 * benchmarks, which run from this repository (ts-node compiles the TypeScript example).
 */
import * as path from "node:path";
import { AUTH_CONNECTION_TOKEN } from "../authConnection/types";
import { registeredResources } from "./programMocks";
import type { Props } from "./providerHost";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export async function exampleInputs(): Promise<Props> {
  require("ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs" } });
  return authConnectionInputs(() => {
    const { netflixStack } = require(path.join(REPO_ROOT, "examples", "netflix.ts"));
    return netflixStack();
  });
}

/** The inputs of the AuthConnection a program declares, as the engine receives them. */
export async function authConnectionInputs(program: () => unknown): Promise<Props> {
  const resources = await registeredResources(program);
  const connection = resources.find((r) => r.type === AUTH_CONNECTION_TOKEN);
  if (!connection) throw new Error("the program declared no AuthConnection");
  return Object.fromEntries(Object.entries(connection.inputs).filter(([, v]) => v !== undefined));
}
