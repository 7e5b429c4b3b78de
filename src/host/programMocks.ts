/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks` and returns what it registered, inputs
 * included: for a dynamic resource that is the `__provider` text the engine would put in state.
 */
import * as pulumi from "@pulumi/pulumi";

export interface RegisteredResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

export async function registeredResources(
  program: () => Promise<unknown> | unknown,
  options: { project?: string; stack?: string; config?: Record<string, string> } = {},
): Promise<RegisteredResource[]> {
  const project = options.project ?? "pulumi-kernel";
  const stack = options.stack ?? "dev";
  const seen: RegisteredResource[] = [];
  if (options.config) {
    process.env.PULUMI_CONFIG = JSON.stringify(options.config);
  }
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        seen.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    project,
    stack,
    true,
  );
  const exported = await program();
  // Registration is asynchronous: wait until every resource's URN (and so its inputs) is done.
  const resources = collectResources(exported);
  await Promise.all(resources.map((r) => new Promise((resolve) => r.urn.apply(resolve))));
  return seen;
}

function collectResources(value: unknown): pulumi.Resource[] {
  if (pulumi.Resource.isInstance(value)) return [value];
  if (Array.isArray(value)) return value.flatMap(collectResources);
  if (value && typeof value === "object") return Object.values(value).flatMap(collectResources);
  return [];
}
