import * as path from "node:path";
import { providerText } from "../dynamic/providerText";
import * as pulumi from "@pulumi/pulumi";
import { Extension } from "./resource";

const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

const SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

describe("Extension under pulumi.runtime.setMocks", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];

  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return {
            id: args.id || "ext_mock",
            state: { ...args.inputs, sourceSha256: SHA, checksum: SHA, sizeBytes: 1234 },
          };
        },
        call: (args) => args.inputs,
      },
      "proj",
      "stack",
      false,
    );
  });

  it("registers the dynamic type token with the args and its own __provider; no output is secret", async () => {
    const extension = new Extension("blocker", { source: "./ad-blocker", name: "ad-blocker" });
    expect(await value(extension.id)).toBe("ext_mock");
    const args = registered.find((r) => r.name === "blocker")!;
    expect(args.type).toBe("pulumi-nodejs:dynamic/kernel:Extension");
    // A relative source is made absolute in the program's working directory.
    expect(args.inputs).toMatchObject({
      source: path.join(process.cwd(), "ad-blocker"),
      name: "ad-blocker",
    });
    expect(args.inputs.__provider).toBe(providerText("extension"));
    expect(providerText("extension")).toBe(
      'exports.handler = () => require("pulumi-kernel/provider").extension;',
    );
    expect(args.custom).toBe(true);
    expect(await value(extension.sourceSha256)).toBe(SHA);
    expect(await value(extension.checksum)).toBe(SHA);
    expect(await value(extension.sizeBytes)).toBe(1234);
    expect(await value(extension.lastUsedAt)).toBeUndefined();
  });

  it("get reads by id, and isInstance knows its own type", async () => {
    const read = Extension.get("existing", "ext_existing");
    expect(await value(read.id)).toBe("ext_existing");
    expect(registered.find((r) => r.name === "existing")!.inputs.__provider).toBe(
      providerText("extension"),
    );
    expect(Extension.isInstance(read)).toBe(true);
    expect(registered.find((r) => r.name === "existing")!.inputs).not.toHaveProperty("source");
    expect(Extension.isInstance({ __pulumiType: "pulumi-nodejs:dynamic/kernel:Profile" })).toBe(
      false,
    );
  });
});
