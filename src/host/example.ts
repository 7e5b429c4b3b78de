/**
 * The example programs as the engine receives them: run under `pulumi.runtime.setMocks`, with
 * their `__provider` texts, secret markers and `additionalSecretOutputs`. Used by the demo, the
 * tests and the benchmarks, which run from this repository (ts-node compiles the TypeScript
 * examples).
 */
import { typeToken } from "../dynamic/engineKeys";
import * as path from "node:path";
import type { Declared } from "./engine";
import { type RegisteredResource, registeredResources } from "./programMocks";
import type { Props } from "./providerHost";
import { REPO_ROOT } from "./repoRoot";

/** The project of the engine stand-in's URNs, so config keys are `pulumi-kernel:<key>`. */
export const PROJECT = "pulumi-kernel";

function registerTypeScript(): void {
  require("ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs" } });
}

/** examples/netflix.ts: its one AuthConnection's inputs. */
export async function exampleInputs(): Promise<Props> {
  registerTypeScript();
  return authConnectionInputs(() => {
    const { netflixStack } = require(path.join(REPO_ROOT, "examples", "netflix.ts"));
    return netflixStack();
  });
}

/** The inputs of the AuthConnection a program declares, as the engine receives them. */
export async function authConnectionInputs(program: () => unknown): Promise<Props> {
  const resources = await registeredResources(program);
  const connection = resources.find((r) => r.type === typeToken("AuthConnection"));
  if (!connection) throw new Error("the program declared no AuthConnection");
  return definedInputs(connection);
}

/** Stack config, by key without the project prefix; `secrets` were set with `--secret`. */
export interface StackConfig {
  values: Record<string, string>;
  secrets?: string[];
}

/**
 * A program's resources in the order it registered them (a resource registers once the
 * outputs it uses are known, so after what it refers to), for `MiniEngine.up`. Each is keyed
 * by type and name in the state.
 */
export async function programResources(
  program: () => unknown,
  config: StackConfig = { values: {} },
): Promise<Declared[]> {
  const qualified = (key: string) => `${PROJECT}:${key}`;
  const resources = await registeredResources(program, {
    project: PROJECT,
    config: Object.fromEntries(Object.entries(config.values).map(([k, v]) => [qualified(k), v])),
    secretKeys: (config.secrets ?? []).map(qualified),
  });
  return resources.map((r) => ({
    name: r.name,
    key: stateKey(r.type, r.name),
    type: r.type,
    inputs: definedInputs(r),
    ...(r.secretOutputs.length ? { secretOutputs: r.secretOutputs } : {}),
  }));
}

/** The state key `programResources` gives: `kernel:Credential::netflix`. */
export function stateKey(type: string, name: string): string {
  return `${type.replace(/^pulumi-nodejs:dynamic\//, "")}::${name}`;
}

/** examples/managedAuth.ts, the whole managed-auth stack, under `config`. */
export async function managedAuthResources(config: StackConfig): Promise<Declared[]> {
  registerTypeScript();
  return programResources(() => {
    const { managedAuthStack } = require(path.join(REPO_ROOT, "examples", "managedAuth.ts"));
    return managedAuthStack();
  }, config);
}

/** A program's exports leave unset inputs `undefined`; the engine never receives them. */
function definedInputs(resource: RegisteredResource): Props {
  return Object.fromEntries(Object.entries(resource.inputs).filter(([, v]) => v !== undefined));
}

/** examples/freePlan.ts, a connection with every optional setting left to the server. */
export async function freePlanResources(): Promise<Declared[]> {
  registerTypeScript();
  return programResources(() => {
    const { freePlanStack } = require(path.join(REPO_ROOT, "examples", "freePlan.ts"));
    return freePlanStack();
  });
}

/** examples/platform.ts, a project and the browser pool that runs in it, under `config`. */
export async function platformResources(config: StackConfig): Promise<Declared[]> {
  registerTypeScript();
  return programResources(() => {
    const { platformStack } = require(path.join(REPO_ROOT, "examples", "platform.ts"));
    return platformStack();
  }, config);
}
