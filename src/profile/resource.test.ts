import { providerText } from "../dynamic/providerText";
import * as pulumi from "@pulumi/pulumi";
import { Profile, type ProfileArgs } from "./resource";

const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

describe("Profile under pulumi.runtime.setMocks", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];

  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return {
            id: args.id || "pf_mock",
            state: { ...args.inputs, createdAt: "2026-11-27T00:00:00Z" },
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
    const profile = new Profile("team", {
      name: "team-netflix",
      __provider: "exports.handler = () => ({})",
    } as ProfileArgs);
    expect(await value(profile.id)).toBe("pf_mock");
    const args = registered.find((r) => r.name === "team")!;
    expect(args.type).toBe("pulumi-nodejs:dynamic/kernel:Profile");
    expect(args.inputs).toMatchObject({ name: "team-netflix" });
    expect(args.inputs.__provider).toBe(providerText("profile"));
    expect(providerText("profile")).toBe(
      'exports.handler = () => require("pulumi-kernel/provider").profile;',
    );
    expect(await value(profile.name)).toBe("team-netflix");
    expect(await value(profile.createdAt)).toBe("2026-11-27T00:00:00Z");
    expect(await value(profile.lastUsedAt)).toBeUndefined();
  });

  it("get reads by id, and isInstance knows its own type", async () => {
    const read = Profile.get("existing", "pf_existing");
    expect(await value(read.id)).toBe("pf_existing");
    expect(registered.find((r) => r.name === "existing")!.inputs.__provider).toBe(
      providerText("profile"),
    );
    expect(Profile.isInstance(read)).toBe(true);
    expect(Profile.isInstance({ __pulumiType: "pulumi-nodejs:dynamic/kernel:Proxy" })).toBe(false);
  });
});
