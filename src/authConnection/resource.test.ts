import { providerText } from "../dynamic/providerText";
import * as pulumi from "@pulumi/pulumi";
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
    expect(args.inputs.__provider).toBe(providerText());
  });

  it("keeps its own __provider whatever the args carry", async () => {
    const conn = new AuthConnection("sneaky", {
      profileName: "p",
      domain: "example.com",
      __provider: "exports.handler = () => ({})",
    } as AuthConnectionArgs);
    await value(conn.urn);
    expect(registered.find((r) => r.name === "sneaky")!.inputs.__provider).toBe(providerText());
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

  it("get registers a read of the id with the given state and its __provider", async () => {
    const conn = AuthConnection.get("existing", "ma_existing", { project: "staging" });
    expect(await value(conn.id)).toBe("ma_existing");
    const read = registered.find((r) => r.name === "existing")!;
    expect(read.id).toBe("ma_existing");
    expect(read.inputs).toMatchObject({ project: "staging", __provider: providerText() });
  });

  it("isInstance is true for AuthConnections only", async () => {
    const conn = new AuthConnection("typed", { profileName: "p", domain: "d.com" });
    class Other extends pulumi.CustomResource {}
    const other = new Other("pulumi-nodejs:dynamic/kernel:Credential", "c", {});
    expect(AuthConnection.isInstance(conn)).toBe(true);
    expect(AuthConnection.isInstance(other)).toBe(false);
    expect(AuthConnection.isInstance({})).toBe(false);
    expect(AuthConnection.isInstance(undefined)).toBe(false);
  });

  it("rejects two credential or proxy shapes at once at compile time", () => {
    const args: AuthConnectionArgs[] = [
      // @ts-expect-error name and path together
      { profileName: "p", domain: "d.com", credential: { name: "n", path: "x" } },
      // @ts-expect-error provider without path or auto
      { profileName: "p", domain: "d.com", credential: { provider: "1p" } },
      // @ts-expect-error id and mode together
      { profileName: "p", domain: "d.com", proxy: { id: "px", mode: "direct" } },
      { profileName: "p", domain: "d.com", credential: { provider: "1p", auto: true } },
      { profileName: "p", domain: "d.com", proxy: { mode: "direct" } },
    ];
    expect(args).toHaveLength(5);
  });
});
