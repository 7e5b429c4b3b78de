import * as pulumi from "@pulumi/pulumi";
import {
  type RegistrationRequest,
  recordRegistrationRequests,
  registrationKey,
} from "../../src/host/programMocks";

/** An output's value, in a test under mocks. */
export const outputValue = <T>(output: pulumi.Output<T>) =>
  new Promise<T>((resolve) => output.apply(resolve));

/**
 * Pulumi's mocks for one test file, installed in `beforeAll`: every registration is recorded
 * (`registered`, and the wire requests by `requestFor(type, name)`) and answered with the id
 * `newId` gives (a `get` keeps its own) and its inputs plus what `state` adds, as the provider
 * would after a create.
 */
export function mockRegistrations(options: {
  newId: (args: pulumi.runtime.MockResourceArgs) => string;
  state?: (args: pulumi.runtime.MockResourceArgs) => Record<string, unknown>;
}): {
  registered: pulumi.runtime.MockResourceArgs[];
  requestFor(type: string, name: string): RegistrationRequest;
} {
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  let requests = new Map<string, RegistrationRequest>();
  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return {
            id: args.id || options.newId(args),
            state: { ...args.inputs, ...options.state?.(args) },
          };
        },
        call: (args) => args.inputs,
      },
      "proj",
      "stack",
      false,
    );
    requests = recordRegistrationRequests();
  });
  return {
    registered,
    requestFor: (type, name) => requests.get(registrationKey(type, name))!,
  };
}
