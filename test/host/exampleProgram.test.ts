/**
 * The project's Pulumi program (examples/index.ts, see Pulumi.yaml) runs under mocks and
 * registers what the demo relies on: the four resources in dependency order, the password as a
 * secret, the proxy referenced by id, the secret outputs of each class. And examples/netflix.ts
 * registers the inputs the other host suites start from.
 */
import { typeToken } from "../../src/dynamic/engineKeys";
import { placeholderId } from "../../src/host/engine";
import { authConnectionInputs, managedAuthResources } from "../../src/host/example";
import { registeredResources } from "../../src/host/programMocks";
import { isSecret } from "../../src/host/providerHost";
import { EXAMPLE_INPUTS } from "../support/example";

const PASSWORD = "pw-example-program-91c2";
const CONFIG = { netflixUser: "me@example.com", netflixPassword: PASSWORD };

/** Every string of `value` outside a secret marker. */
function plainStrings(value: unknown): string[] {
  if (isSecret(value)) return [];
  if (typeof value === "string") return [value];
  if (value !== null && typeof value === "object")
    return Object.values(value).flatMap(plainStrings);
  return [];
}

it("examples/index.ts registers the whole stack, the connection after what it refers to", async () => {
  let exported: Record<string, unknown> = {};
  const resources = await registeredResources(
    () => {
      jest.isolateModules(() => {
        exported = require("../../examples/index");
      });
    },
    {
      project: "pulumi-kernel",
      config: {
        "pulumi-kernel:netflixUser": CONFIG.netflixUser,
        "pulumi-kernel:netflixPassword": PASSWORD,
      },
      secretKeys: ["pulumi-kernel:netflixPassword"],
    },
  );
  expect(resources.map((r) => [r.type, r.name])).toEqual([
    [typeToken("Profile"), "team-netflix"],
    [typeToken("Proxy"), "residential"],
    [typeToken("Credential"), "netflix"],
    [typeToken("AuthConnection"), "netflix"],
  ]);
  expect(Object.keys(exported).sort()).toEqual([
    "canReauth",
    "connectionId",
    "credentialValueKeys",
    "proxyId",
    "status",
  ]);
  const [, proxy, credential, connection] = resources;
  expect(connection.inputs.proxy).toEqual({ id: placeholderId(typeToken("Proxy"), "residential") });
  expect(connection.inputs.credential).toEqual({ name: "netflix-creds" });
  expect(connection.inputs.profileName).toBe("team-netflix");
  // The whole values map is secret, as requireSecret makes it; the password nowhere in plain.
  expect(isSecret(credential.inputs.values)).toBe(true);
  expect((credential.inputs.values as { value: unknown }).value).toEqual({
    username: "me@example.com",
    password: PASSWORD,
  });
  for (const r of resources) expect(plainStrings(r.inputs)).not.toContain(PASSWORD);
  expect(credential.secretOutputs).toEqual(expect.arrayContaining(["values", "totpSecret"]));
  expect(proxy.secretOutputs).toEqual(expect.arrayContaining(["password", "caBundle"]));
  // Each class's provider text loads the package by name, as in a user's project.
  for (const r of resources) {
    expect(r.inputs.__provider).toMatch(
      /^exports\.handler = \(\) => require\("pulumi-kernel\/provider"\)(\.\w+)?;$/,
    );
  }
});

it("config adds a value key and detaches the proxy, as the demo's steps 4 and 6 set it", async () => {
  const declared = await managedAuthResources({
    values: { ...CONFIG, netflixPin: "1234", useResidentialProxy: "false" },
    secrets: ["netflixPassword", "netflixPin"],
  });
  const credential = declared.find((d) => d.type === typeToken("Credential"))!;
  const connection = declared.find((d) => d.type === typeToken("AuthConnection"))!;
  expect(Object.keys((credential.inputs.values as { value: object }).value).sort()).toEqual([
    "password",
    "pin",
    "username",
  ]);
  expect(connection.inputs).not.toHaveProperty("proxy");
  // The proxy stays declared: only the reference goes.
  expect(declared.map((d) => d.key)).toEqual([
    "kernel:Profile::team-netflix",
    "kernel:Proxy::residential",
    "kernel:Credential::netflix",
    "kernel:AuthConnection::netflix",
  ]);
});

it("examples/netflix.ts registers EXAMPLE_INPUTS, the inputs the host suites start from", async () => {
  const inputs = await authConnectionInputs(async () => {
    const { netflixStack } = await import("../../examples/netflix");
    return netflixStack();
  });
  expect(inputs).toEqual(EXAMPLE_INPUTS);
});
