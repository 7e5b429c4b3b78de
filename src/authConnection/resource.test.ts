import { mockRegistrations, outputValue } from "../../test/support/registrationMocks";
import { providerText } from "../dynamic/providerText";
import { AuthConnection, type AuthConnectionArgs } from "./resource";

describe("AuthConnection under pulumi.runtime.setMocks", () => {
  const { registered } = mockRegistrations({
    newId: () => "ma_mock",
    state: () => ({ status: "AUTHENTICATED", canReauth: true, proxyId: "px_1" }),
  });

  it("resolves its declared outputs", async () => {
    const conn = new AuthConnection("hulu", {
      profileName: "p",
      domain: "hulu.com",
      healthCheckInterval: 1200,
    });
    expect(await outputValue(conn.id)).toBe("ma_mock");
    expect(await outputValue(conn.status)).toBe("AUTHENTICATED");
    expect(await outputValue(conn.canReauth)).toBe(true);
    expect(await outputValue(conn.proxyId)).toBe("px_1");
    expect(await outputValue(conn.healthCheckInterval)).toBe(1200);
    expect(await outputValue(conn.postLoginUrl)).toBeUndefined();
  });

  it("get registers a read of the id with the given state and its __provider", async () => {
    const conn = AuthConnection.get("existing", "ma_existing", { project: "staging" });
    expect(await outputValue(conn.id)).toBe("ma_existing");
    const read = registered.find((r) => r.name === "existing")!;
    expect(read.id).toBe("ma_existing");
    expect(read.inputs).toMatchObject({ project: "staging", __provider: providerText() });
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
