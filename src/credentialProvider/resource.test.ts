import { mockRegistrations, outputValue } from "../../test/support/registrationMocks";
import { typeToken } from "../dynamic/engineKeys";
import { providerText } from "../dynamic/providerText";
import { CredentialProvider, type CredentialProviderArgs } from "./resource";

describe("CredentialProvider under pulumi.runtime.setMocks", () => {
  const { registered, requestFor } = mockRegistrations({
    newId: () => "cp_mock",
    state: () => ({ enabled: true, priority: 0 }),
  });
  const sentFor = (name: string) => requestFor(typeToken("CredentialProvider"), name);

  it("registers the token, the args, its own __provider and the token as a secret output", async () => {
    const cp = new CredentialProvider("1p", {
      name: "my-1p",
      providerType: "onepassword",
      token: "ops_plain",
      __provider: "exports.handler = () => ({})",
    } as CredentialProviderArgs);
    expect(await outputValue(cp.id)).toBe("cp_mock");
    expect(await outputValue(cp.enabled)).toBe(true);
    const args = registered.find((r) => r.name === "1p")!;
    expect(args.type).toBe("pulumi-nodejs:dynamic/kernel:CredentialProvider");
    expect(args.inputs).toMatchObject({ name: "my-1p", providerType: "onepassword" });
    expect(args.inputs.__provider).toBe(providerText("credentialProvider"));
    expect(sentFor("1p").secretOutputs).toEqual(["token"]);
    // A plain-string token still travels as a secret, so the state's inputs keep it encrypted.
    expect(sentFor("1p").wire.token).toEqual({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      value: "ops_plain",
    });
  });
});
