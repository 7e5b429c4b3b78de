import { mockRegistrations, outputValue } from "../../test/support/registrationMocks";
import { typeToken } from "../dynamic/engineKeys";
import { providerText } from "../dynamic/providerText";
import * as pulumi from "@pulumi/pulumi";
import { Credential } from "./resource";

describe("Credential under pulumi.runtime.setMocks", () => {
  const { registered, requestFor } = mockRegistrations({
    newId: () => "cred_mock",
    state: () => ({ valueKeys: ["password", "username"], hasTotpSecret: false }),
  });
  const sentFor = (name: string) => requestFor(typeToken("Credential"), name);

  it("sends plain-string secret inputs as secrets, so the state's inputs keep them encrypted", async () => {
    const cred = new Credential("plain", {
      name: "plain",
      domain: "plain.com",
      values: { password: "plain-text-pw" },
      totpSecret: "JBSWY3DPEHPK3PXP",
    });
    await outputValue(cred.urn);
    const sent = sentFor("plain").wire;
    // Pulumi's wire form of a secret: { <signature key>: <secret signature>, value }.
    const secret = (value: unknown) => ({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      value,
    });
    // A plain map is secret value by value, so previews can name its keys.
    expect(sent.values).toEqual({ password: secret("plain-text-pw") });
    expect(sent.totpSecret).toEqual(secret("JBSWY3DPEHPK3PXP"));
    expect(sent.name).toBe("plain");
  });

  it("sends `values` given as one Output as one secret (its keys are not known apart)", async () => {
    const cred = new Credential("whole", {
      name: "whole",
      domain: "whole.com",
      values: pulumi.output({ password: "pw-in-an-output" }),
    });
    await outputValue(cred.urn);
    expect(sentFor("whole").wire.values).toEqual({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      value: { password: "pw-in-an-output" },
    });
  });

  it("keeps the program's own additionalSecretOutputs beside its secrets", async () => {
    const cred = new Credential(
      "more",
      { name: "m", domain: "m.com", values: {} },
      { additionalSecretOutputs: ["ssoProvider"] },
    );
    await outputValue(cred.urn);
    expect(sentFor("more").secretOutputs.sort()).toEqual(["ssoProvider", "totpSecret", "values"]);
  });

  it("resolves its declared outputs", async () => {
    const cred = new Credential("hulu", {
      name: "hulu",
      domain: "hulu.com",
      values: { password: "p" },
    });
    expect(await outputValue(cred.id)).toBe("cred_mock");
    expect(await outputValue(cred.valueKeys)).toEqual(["password", "username"]);
    expect(await outputValue(cred.hasTotpSecret)).toBe(false);
  });

  it("get reads by id with the state given and the __provider", async () => {
    const cred = Credential.get("existing", "cred_123", { name: "old" });
    expect(await outputValue(cred.id)).toBe("cred_123");
    const args = registered.find((r) => r.name === "existing")!;
    expect(args.id).toBe("cred_123");
    expect(args.inputs).toMatchObject({ name: "old", __provider: providerText("credential") });
    expect(Credential.isInstance(cred)).toBe(true);
    expect(Credential.isInstance({})).toBe(false);
    expect(Credential.isInstance(undefined)).toBe(false);
  });
});
