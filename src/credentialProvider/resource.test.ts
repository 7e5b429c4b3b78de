import { typeToken } from "../dynamic/engineKeys";
import { providerText } from "../dynamic/providerText";
import * as pulumi from "@pulumi/pulumi";
import {
  recordRegistrationRequests,
  registrationKey,
  type RegistrationRequest,
} from "../host/programMocks";
import { CredentialProvider, type CredentialProviderArgs } from "./resource";

const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

describe("CredentialProvider under pulumi.runtime.setMocks", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  /** What each request to the engine carried: secret outputs, inputs with secret markers. */
  let requests = new Map<string, RegistrationRequest>();
  const sentFor = (name: string) =>
    requests.get(registrationKey(typeToken("CredentialProvider"), name))!;

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
    requests = recordRegistrationRequests();
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
    expect(args.inputs.__provider).toBe(providerText("credentialProvider"));
    expect(sentFor("1p").secretOutputs).toEqual(["token"]);
    // A plain-string token still travels as a secret, so the state's inputs keep it encrypted.
    expect(sentFor("1p").wire.token).toEqual({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      value: "ops_plain",
    });
  });

  it("get reads by id with the __provider; isInstance knows its own", async () => {
    const cp = CredentialProvider.get("existing", "cp_9");
    expect(await value(cp.id)).toBe("cp_9");
    expect(registered.find((r) => r.name === "existing")!.inputs.__provider).toBe(
      providerText("credentialProvider"),
    );
    expect(CredentialProvider.isInstance(cp)).toBe(true);
    expect(CredentialProvider.isInstance({ __pulumiType: "other" })).toBe(false);
  });
});
