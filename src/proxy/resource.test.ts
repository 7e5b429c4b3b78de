import * as pulumi from "@pulumi/pulumi";
import { Proxy, type ProxyArgs } from "./resource";

const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

describe("Proxy under pulumi.runtime.setMocks", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];

  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          const hasPassword = args.inputs.password !== undefined;
          return {
            id: args.id || "px_mock",
            state: { ...args.inputs, status: "available", hasPassword },
          };
        },
        call: (args) => args.inputs,
      },
      "proj",
      "stack",
      false,
    );
  });

  it("asks the engine to keep password and caBundle secret, and keeps the caller's marks", async () => {
    let seen: pulumi.CustomResourceOptions | undefined;
    let props: pulumi.Inputs | undefined;
    const proxy = new Proxy(
      "secretive",
      { type: "custom", config: { host: "h.example.com", port: 1 }, password: "plain-in-program" },
      {
        additionalSecretOutputs: ["ipAddress"],
        transformations: [
          (args) => {
            seen = args.opts;
            props = args.props;
            return undefined;
          },
        ],
      },
    );
    expect([...(seen?.additionalSecretOutputs ?? [])].sort()).toEqual([
      "caBundle",
      "ipAddress",
      "password",
    ]);
    // A plain string in the program is registered as a secret input, so the state's inputs
    // keep it encrypted too (not only the outputs).
    const password = props?.password as pulumi.Output<string>;
    expect(pulumi.Output.isInstance(password)).toBe(true);
    expect(await pulumi.isSecret(password)).toBe(true);
    expect(await value(proxy.hasPassword)).toBe(true);
    expect(await value(proxy.status)).toBe("available");
  });

  it("rejects password on a non-custom type at compile time", () => {
    // @ts-expect-error password is only for type custom
    const args: ProxyArgs = { type: "datacenter", password: "x" };
    expect(args.type).toBe("datacenter");
  });
});
