import { typeToken } from "../dynamic/engineKeys";
import { providerText } from "../dynamic/providerText";
import * as pulumi from "@pulumi/pulumi";
import {
  recordRegistrationRequests,
  registrationKey,
  type RegistrationRequest,
} from "../host/programMocks";
import { Credential, type CredentialArgs } from "./resource";

const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

describe("Credential under pulumi.runtime.setMocks", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  /** What each request to the engine carried: secret outputs, inputs with secret markers. */
  let requests = new Map<string, RegistrationRequest>();
  const sentFor = (name: string) => requests.get(registrationKey(typeToken("Credential"), name))!;

  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return {
            id: args.id || "cred_mock",
            state: { ...args.inputs, valueKeys: ["password", "username"], hasTotpSecret: false },
          };
        },
        call: (args) => args.inputs,
      },
      "proj",
      "stack",
      false,
    );
    requests = recordRegistrationRequests();
  });

  it("registers the dynamic type token, the args, its own __provider and its secret outputs", async () => {
    const cred = new Credential("netflix", {
      name: "netflix-creds",
      domain: "netflix.com",
      values: { username: "u", password: pulumi.secret("p") },
      __provider: "exports.handler = () => ({})",
    } as CredentialArgs);
    await value(cred.urn);
    const args = registered.find((r) => r.name === "netflix")!;
    expect(args.type).toBe("pulumi-nodejs:dynamic/kernel:Credential");
    expect(args.inputs).toMatchObject({ name: "netflix-creds", domain: "netflix.com" });
    expect(args.inputs.__provider).toBe(providerText("credential"));
    expect(sentFor("netflix").secretOutputs).toEqual(
      expect.arrayContaining(["values", "totpSecret"]),
    );
  });

  it("sends plain-string secret inputs as secrets, so the state's inputs keep them encrypted", async () => {
    const cred = new Credential("plain", {
      name: "plain",
      domain: "plain.com",
      values: { password: "plain-text-pw" },
      totpSecret: "JBSWY3DPEHPK3PXP",
    });
    await value(cred.urn);
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
    await value(cred.urn);
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
    await value(cred.urn);
    expect(sentFor("more").secretOutputs.sort()).toEqual(["ssoProvider", "totpSecret", "values"]);
  });

  it("resolves its declared outputs", async () => {
    const cred = new Credential("hulu", {
      name: "hulu",
      domain: "hulu.com",
      values: { password: "p" },
    });
    expect(await value(cred.id)).toBe("cred_mock");
    expect(await value(cred.valueKeys)).toEqual(["password", "username"]);
    expect(await value(cred.hasTotpSecret)).toBe(false);
  });

  it("get reads by id with the state given and the __provider", async () => {
    const cred = Credential.get("existing", "cred_123", { name: "old" });
    expect(await value(cred.id)).toBe("cred_123");
    const args = registered.find((r) => r.name === "existing")!;
    expect(args.id).toBe("cred_123");
    expect(args.inputs).toMatchObject({ name: "old", __provider: providerText("credential") });
    expect(Credential.isInstance(cred)).toBe(true);
    expect(Credential.isInstance({})).toBe(false);
    expect(Credential.isInstance(undefined)).toBe(false);
  });
});
