import { mockRegistrations, outputValue } from "../../test/support/registrationMocks";
import * as pulumi from "@pulumi/pulumi";
import { Proxy, type ProxyArgs } from "./resource";

describe("Proxy under pulumi.runtime.setMocks", () => {
  mockRegistrations({
    newId: () => "px_mock",
    state: (args) => {
      const hasPassword = args.inputs.password !== undefined;
      return { status: "available", hasPassword };
    },
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
    expect(await outputValue(proxy.hasPassword)).toBe(true);
    expect(await outputValue(proxy.status)).toBe("available");
  });

  it("rejects password on a non-custom type at compile time", () => {
    // @ts-expect-error password is only for type custom
    const args: ProxyArgs = { type: "datacenter", password: "x" };
    expect(args.type).toBe("datacenter");
  });
});
