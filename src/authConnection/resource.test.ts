import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_TEXT } from "./providerText";
import { AuthConnection, type AuthConnectionArgs } from "./resource";

const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

describe("AuthConnection under pulumi.runtime.setMocks", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];

  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return {
            id: "ma_mock",
            state: { ...args.inputs, status: "AUTHENTICATED", canReauth: true, proxyId: "px_1" },
          };
        },
        call: (args) => args.inputs,
      },
      "proj",
      "stack",
      false,
    );
  });

  it("registers the dynamic type token with the args and a __provider", async () => {
    const conn = new AuthConnection("netflix", {
      profileName: "team-netflix",
      domain: "netflix.com",
      proxy: { name: "residential" },
    });
    await value(conn.urn);
    const args = registered.find((r) => r.name === "netflix")!;
    expect(args.type).toBe("pulumi-nodejs:dynamic/kernel:AuthConnection");
    expect(args.inputs).toMatchObject({
      profileName: "team-netflix",
      domain: "netflix.com",
      proxy: { name: "residential" },
    });
    expect(args.inputs.__provider).toBe(PROVIDER_TEXT);
  });

  it("keeps its own __provider whatever the args carry", async () => {
    const conn = new AuthConnection("sneaky", {
      profileName: "p",
      domain: "example.com",
      __provider: "exports.handler = () => ({})",
    } as AuthConnectionArgs);
    await value(conn.urn);
    expect(registered.find((r) => r.name === "sneaky")!.inputs.__provider).toBe(PROVIDER_TEXT);
  });

  it("resolves its declared outputs", async () => {
    const conn = new AuthConnection("hulu", {
      profileName: "p",
      domain: "hulu.com",
      healthCheckInterval: 1200,
    });
    expect(await value(conn.id)).toBe("ma_mock");
    expect(await value(conn.status)).toBe("AUTHENTICATED");
    expect(await value(conn.canReauth)).toBe(true);
    expect(await value(conn.proxyId)).toBe("px_1");
    expect(await value(conn.healthCheckInterval)).toBe(1200);
    expect(await value(conn.postLoginUrl)).toBeUndefined();
  });
});
