/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks` and returns what it registered, inputs
 * included: for a dynamic resource that is the `__provider` text the engine would put in state,
 * with secrets still marked as the engine receives them.
 *
 * Each resource's id is a placeholder naming the resource (`placeholderId`): a reference such
 * as `proxy: {id: residential.id}` reaches the inputs as that placeholder, and the engine
 * stand-in replaces it with the real id once the resource exists (engine.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import { placeholderId } from "./engine";

export interface RegisteredResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /** The placeholder id the mocks gave it. */
  id: string;
  /** The `additionalSecretOutputs` the resource registered with. */
  secretOutputs: string[];
}

/** What a registration request carries that the mocks' arguments leave out. */
export interface RegistrationRequest {
  /** The resource's `additionalSecretOutputs`. */
  secretOutputs: string[];
  /** Its inputs serialized as the engine receives them, secret markers included. */
  wire: Record<string, unknown>;
}

/** The key of `recordRegistrationRequests`' map: `<type>::<name>`. */
export const registrationKey = (type: string, name: string) => `${type}::${name}`;

/**
 * Records every registration request sent to the monitor that `pulumi.runtime.setMocks` has
 * just installed (call it after setMocks), by `registrationKey`.
 */
export function recordRegistrationRequests(): Map<string, RegistrationRequest> {
  const requests = new Map<string, RegistrationRequest>();
  /* eslint-disable @typescript-eslint/no-explicit-any -- the monitor's protobuf request is untyped */
  const monitor: any = pulumi.runtime.getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: unknown) => {
    requests.set(registrationKey(req.getType(), req.getName()), {
      secretOutputs: req.getAdditionalsecretoutputsList(),
      wire: req.getObject()?.toJavaScript() ?? {},
    });
    return register(req, callback);
  };
  /* eslint-enable @typescript-eslint/no-explicit-any */
  return requests;
}

export async function registeredResources(
  program: () => Promise<unknown> | unknown,
  options: {
    project?: string;
    stack?: string;
    config?: Record<string, string>;
    /** Config keys set with `--secret`. */
    secretKeys?: string[];
  } = {},
): Promise<RegisteredResource[]> {
  const project = options.project ?? "pulumi-kernel";
  const stack = options.stack ?? "dev";
  const seen: RegisteredResource[] = [];
  let requests = new Map<string, RegistrationRequest>();
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const id = placeholderId(args.type, args.name);
        seen.push({
          type: args.type,
          name: args.name,
          inputs: args.inputs,
          id,
          secretOutputs: requests.get(registrationKey(args.type, args.name))?.secretOutputs ?? [],
        });
        return { id, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    project,
    stack,
    true,
  );
  // The store setMocks makes: config set here is seen by this run only, not the next one.
  pulumi.runtime.setAllConfig(options.config ?? {}, options.secretKeys ?? []);
  // The mocks' arguments omit `additionalSecretOutputs`; read them off the request itself.
  requests = recordRegistrationRequests();
  const exported = await program();
  void exported;
  // Registration is asynchronous: wait until every registration the program started is done,
  // whatever it exports (a stack's outputs, or nothing).
  await pulumi.runtime.disconnect();
  return seen;
}
