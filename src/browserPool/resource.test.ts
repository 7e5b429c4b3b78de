import { mockRegistrations, outputValue } from "../../test/support/registrationMocks";
import { providerText } from "../dynamic/providerText";
import { Profile } from "../profile/resource";
import { BrowserPool, type BrowserPoolArgs } from "./resource";

describe("BrowserPool under pulumi.runtime.setMocks", () => {
  const { registered } = mockRegistrations({
    newId: (args) => `${args.name}_mock`,
    state: () => ({ acquiredCount: 0, profileId: "prof_mock" }),
  });

  it("registers the dynamic type token with the args and its own __provider", async () => {
    const pool = new BrowserPool("warm", {
      size: 2,
      name: "warm",
      __provider: "exports.handler = () => ({})",
    } as BrowserPoolArgs);
    expect(await outputValue(pool.id)).toBe("warm_mock");
    const args = registered.find((r) => r.name === "warm")!;
    expect(args.type).toBe("pulumi-nodejs:dynamic/kernel:BrowserPool");
    expect(args.inputs).toMatchObject({ size: 2, name: "warm" });
    expect(args.inputs.__provider).toBe(providerText("browserPool"));
    expect(await outputValue(pool.acquiredCount)).toBe(0);
    expect(await outputValue(pool.stealth)).toBeUndefined();
  });

  it("takes a Profile's outputs as its profile reference", async () => {
    const profile = new Profile("shopper", { name: "shopper" });
    const pool = new BrowserPool("by-profile", { size: 1, profile: { name: profile.name } });
    expect(await outputValue(pool.profile)).toEqual({ name: "shopper" });
    expect(await outputValue(pool.profileId)).toBe("prof_mock");
    const byId = new BrowserPool("by-profile-id", { size: 1, profile: { id: profile.id } });
    expect(await outputValue(byId.profile)).toEqual({ id: "shopper_mock" });
  });

  it("get reads by id, and isInstance knows its own type", async () => {
    const read = BrowserPool.get("existing", "pool_existing");
    expect(await outputValue(read.id)).toBe("pool_existing");
    expect(registered.find((r) => r.name === "existing")!.inputs.__provider).toBe(
      providerText("browserPool"),
    );
    expect(BrowserPool.isInstance(read)).toBe(true);
    expect(BrowserPool.isInstance({ __pulumiType: "pulumi-nodejs:dynamic/kernel:Profile" })).toBe(
      false,
    );
  });
});
