/**
 * What every resource class shares, for every row of the resource table (./specs), under
 * `pulumi.runtime.setMocks`: its token, its `__provider` text (the one that loads the row's
 * provider), its args, its secret outputs, `get` by id and a type-specific `isInstance`.
 * A resource added to the table without a row here fails the first test.
 */
import * as pulumi from "@pulumi/pulumi";
import { typeToken } from "./dynamic/engineKeys";
import { providerText } from "./dynamic/providerText";
import {
  type RegistrationRequest,
  recordRegistrationRequests,
  registrationKey,
} from "./host/programMocks";
import * as kernel from "./index";
import { SPECS } from "./specs";

type ResourceClass = {
  new (name: string, args: never, opts?: pulumi.CustomResourceOptions): pulumi.CustomResource;
  get(name: string, id: string): pulumi.CustomResource;
  isInstance(obj: unknown): boolean;
};

/** Each class with the smallest valid args a program can give it. */
const CLASSES: Record<string, { cls: ResourceClass; args: Record<string, unknown> }> = {
  AuthConnection: {
    cls: kernel.AuthConnection as unknown as ResourceClass,
    args: { profileName: "team", domain: "example.com" },
  },
  Credential: {
    cls: kernel.Credential as unknown as ResourceClass,
    args: { name: "c", domain: "example.com", values: { password: "p" } },
  },
  CredentialProvider: {
    cls: kernel.CredentialProvider as unknown as ResourceClass,
    args: { name: "op", providerType: "onepassword", token: "ops_t" },
  },
  Profile: { cls: kernel.Profile as unknown as ResourceClass, args: { name: "team" } },
  BrowserPool: { cls: kernel.BrowserPool as unknown as ResourceClass, args: { size: 1 } },
  Extension: {
    cls: kernel.Extension as unknown as ResourceClass,
    args: { source: "/tmp/an-extension", name: "ext" },
  },
  Project: { cls: kernel.Project as unknown as ResourceClass, args: { name: "agents" } },
  TelemetryDestination: {
    cls: kernel.TelemetryDestination as unknown as ResourceClass,
    args: { name: "collector", endpoint: "https://otel.example.com", headers: { A: "b" } },
  },
  Proxy: {
    cls: kernel.Proxy as unknown as ResourceClass,
    args: { type: "datacenter", name: "dc" },
  },
};

const ROWS = Object.entries(SPECS).map(([exportName, spec]) => ({
  exportName,
  typeName: spec.typeName,
  secretOutputs: [...spec.secretOutputs],
}));

const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));
const registered: pulumi.runtime.MockResourceArgs[] = [];
let requests = new Map<string, RegistrationRequest>();

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        return { id: args.id || `${args.name}_mock`, state: { ...args.inputs } };
      },
      call: (args) => args.inputs,
    },
    "proj",
    "stack",
    false,
  );
  requests = recordRegistrationRequests();
});

it("every resource of the table has a class in the package root", () => {
  expect(ROWS.map((row) => row.typeName).sort()).toEqual(Object.keys(CLASSES).sort());
});

describe.each(ROWS)("$typeName", ({ exportName, typeName, secretOutputs }) => {
  const { cls, args } = CLASSES[typeName];
  const text = providerText(exportName === "authConnection" ? undefined : exportName);

  it("registers its token, its args and the text of its provider, whatever the args carry", async () => {
    const name = `new-${typeName}`;
    const resource = new cls(name, { ...args, __provider: "exports.handler = 1" } as never);
    expect(await value(resource.id)).toBe(`${name}_mock`);
    const call = registered.find((r) => r.name === name)!;
    expect(call.type).toBe(typeToken(typeName));
    expect(call.inputs).toMatchObject(
      Object.fromEntries(Object.entries(args).filter(([key]) => !secretOutputs.includes(key))),
    );
    expect(call.inputs.__provider).toBe(text);
  });

  it("asks the engine to keep its secret outputs secret", async () => {
    const name = `secret-${typeName}`;
    await value(new cls(name, args as never).id);
    const sent = requests.get(registrationKey(typeToken(typeName), name));
    expect([...(sent?.secretOutputs ?? [])].sort()).toEqual([...secretOutputs].sort());
  });

  it("get registers a read of the id with its provider's text; isInstance knows its own type", async () => {
    const name = `got-${typeName}`;
    const read = cls.get(name, `${typeName}_existing`);
    expect(await value(read.id)).toBe(`${typeName}_existing`);
    expect(registered.find((r) => r.name === name)!.inputs.__provider).toBe(text);
    expect(cls.isInstance(read)).toBe(true);
    for (const other of Object.keys(CLASSES).filter((n) => n !== typeName)) {
      expect(cls.isInstance({ __pulumiType: typeToken(other) })).toBe(false);
    }
    expect(cls.isInstance(undefined)).toBe(false);
  });
});
