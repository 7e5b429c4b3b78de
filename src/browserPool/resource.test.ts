import * as pulumi from "@pulumi/pulumi";
import { providerText } from "../dynamic/providerText";
import { Profile } from "../profile/resource";
import { BrowserPool, type BrowserPoolArgs } from "./resource";

const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

describe("BrowserPool under pulumi.runtime.setMocks", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];

  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return {
            id: args.id || `${args.name}_mock`,
            state: { ...args.inputs, acquiredCount: 0, profileId: "prof_mock" },
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
    const pool = new BrowserPool("warm", {
      size: 2,
      name: "warm",
      __provider: "exports.handler = () => ({})",
    } as BrowserPoolArgs);
    expect(await value(pool.id)).toBe("warm_mock");
    const args = registered.find((r) => r.name === "warm")!;
    expect(args.type).toBe("pulumi-nodejs:dynamic/kernel:BrowserPool");
    expect(args.inputs).toMatchObject({ size: 2, name: "warm" });
    expect(args.inputs.__provider).toBe(providerText("browserPool"));
    expect(await value(pool.acquiredCount)).toBe(0);
    expect(await value(pool.stealth)).toBeUndefined();
  });

  it("takes a Profile's outputs as its profile reference", async () => {
    const profile = new Profile("shopper", { name: "shopper" });
    const pool = new BrowserPool("by-profile", { size: 1, profile: { name: profile.name } });
    expect(await value(pool.profile)).toEqual({ name: "shopper" });
    expect(await value(pool.profileId)).toBe("prof_mock");
    const byId = new BrowserPool("by-profile-id", { size: 1, profile: { id: profile.id } });
    expect(await value(byId.profile)).toEqual({ id: "shopper_mock" });
  });

  it("get reads by id, and isInstance knows its own type", async () => {
    const read = BrowserPool.get("existing", "pool_existing");
    expect(await value(read.id)).toBe("pool_existing");
    expect(registered.find((r) => r.name === "existing")!.inputs.__provider).toBe(
      providerText("browserPool"),
    );
    expect(BrowserPool.isInstance(read)).toBe(true);
    expect(BrowserPool.isInstance({ __pulumiType: "pulumi-nodejs:dynamic/kernel:Profile" })).toBe(
      false,
    );
  });
});
