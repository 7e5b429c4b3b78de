import { mockRegistrations, outputValue } from "../../test/support/registrationMocks";
import * as path from "node:path";
import { providerText } from "../dynamic/providerText";
import { Extension } from "./resource";

const SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

describe("Extension under pulumi.runtime.setMocks", () => {
  const { registered } = mockRegistrations({
    newId: () => "ext_mock",
    state: () => ({ sourceSha256: SHA, checksum: SHA, sizeBytes: 1234 }),
  });

  it("registers the dynamic type token with the args and its own __provider; no output is secret", async () => {
    const extension = new Extension("blocker", { source: "./ad-blocker", name: "ad-blocker" });
    expect(await outputValue(extension.id)).toBe("ext_mock");
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
    expect(await outputValue(extension.sourceSha256)).toBe(SHA);
    expect(await outputValue(extension.checksum)).toBe(SHA);
    expect(await outputValue(extension.sizeBytes)).toBe(1234);
    expect(await outputValue(extension.lastUsedAt)).toBeUndefined();
  });

  it("get reads by id, and isInstance knows its own type", async () => {
    const read = Extension.get("existing", "ext_existing");
    expect(await outputValue(read.id)).toBe("ext_existing");
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
