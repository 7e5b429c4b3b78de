import { providerText } from "../dynamic/providerText";
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

  it("registers the dynamic type token with the args and its own __provider", async () => {
    const proxy = new Proxy("office", {
      type: "custom",
      name: "office",
      config: { host: "proxy.example.com", port: 3128 },
      password: "s3cret",
      __provider: "exports.handler = () => ({})",
    } as ProxyArgs);
    await value(proxy.urn);
    const args = registered.find((r) => r.name === "office")!;
    expect(args.type).toBe("pulumi-nodejs:dynamic/kernel:Proxy");
    expect(args.inputs).toMatchObject({
      type: "custom",
      name: "office",
      // Pulumi's wire form of a secret: the plain string was registered as a secret input.
      password: {
        "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
        value: "s3cret",
      },
    });
    expect(args.inputs.caBundle).toBeUndefined();
    expect(args.inputs.__provider).toBe(providerText("proxy"));
    expect(providerText("proxy")).toBe(
      'exports.handler = () => require("pulumi-kernel/provider").proxy;',
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

  it("get reads by id, and isInstance knows its own type", async () => {
    const read = Proxy.get("existing", "px_existing");
    expect(await value(read.id)).toBe("px_existing");
    const args = registered.find((r) => r.name === "existing")!;
    expect(args.inputs.__provider).toBe(providerText("proxy"));
    expect(Proxy.isInstance(read)).toBe(true);
    expect(Proxy.isInstance({})).toBe(false);
    expect(Proxy.isInstance(undefined)).toBe(false);
  });

  it("rejects password on a non-custom type at compile time", () => {
    // @ts-expect-error password is only for type custom
    const args: ProxyArgs = { type: "datacenter", password: "x" };
    expect(args.type).toBe("datacenter");
  });
});
