import * as pulumi from "@pulumi/pulumi";
import { CREDENTIAL_PROVIDER_PROVIDER_TEXT } from "./providerText";
import { CredentialProvider, type CredentialProviderArgs } from "./resource";

const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

describe("CredentialProvider under pulumi.runtime.setMocks", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  const secretOutputs = new Map<string, string[]>();
  const tokens = new Map<string, unknown>();

  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return {
            id: args.id || "cp_mock",
            state: { ...args.inputs, enabled: true, priority: 0 },
          };
        },
        call: (args) => args.inputs,
      },
      "proj",
      "stack",
      false,
    );
    const monitor = pulumi.runtime.getMonitor() as unknown as {
      registerResource(
        req: {
          getName(): string;
          getAdditionalsecretoutputsList(): string[];
          getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
        },
        cb: unknown,
      ): void;
    };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
      secretOutputs.set(req.getName(), req.getAdditionalsecretoutputsList());
      tokens.set(req.getName(), req.getObject()?.toJavaScript().token);
      register(req, cb);
    };
  });

  it("registers the token, the args, its own __provider and the token as a secret output", async () => {
    const cp = new CredentialProvider("1p", {
      name: "my-1p",
      providerType: "onepassword",
      token: "ops_plain",
      __provider: "exports.handler = () => ({})",
    } as CredentialProviderArgs);
    expect(await value(cp.id)).toBe("cp_mock");
    expect(await value(cp.enabled)).toBe(true);
    const args = registered.find((r) => r.name === "1p")!;
    expect(args.type).toBe("pulumi-nodejs:dynamic/kernel:CredentialProvider");
    expect(args.inputs).toMatchObject({ name: "my-1p", providerType: "onepassword" });
    expect(args.inputs.__provider).toBe(CREDENTIAL_PROVIDER_PROVIDER_TEXT);
    expect(secretOutputs.get("1p")).toEqual(["token"]);
    // A plain-string token still travels as a secret, so the state's inputs keep it encrypted.
    expect(tokens.get("1p")).toEqual({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      value: "ops_plain",
    });
  });

  it("get reads by id with the __provider; isInstance knows its own", async () => {
    const cp = CredentialProvider.get("existing", "cp_9");
    expect(await value(cp.id)).toBe("cp_9");
    expect(registered.find((r) => r.name === "existing")!.inputs.__provider).toBe(
      CREDENTIAL_PROVIDER_PROVIDER_TEXT,
    );
    expect(CredentialProvider.isInstance(cp)).toBe(true);
    expect(CredentialProvider.isInstance({ __pulumiType: "other" })).toBe(false);
  });
});
