import { maskSecrets } from "./mask";

describe("maskSecrets", () => {
  it("masks every secret key at any depth and leaves the rest", () => {
    const body = {
      name: "c",
      values: { username: "u", password: "hunter2" },
      token: "ops_secret",
      totp_secret: "JBSWY3DP",
      config: { host: "h", port: 1, password: "pw", ca_bundle: "-----BEGIN" },
      list: [{ token: "t" }],
    };
    const masked = maskSecrets(body);
    expect(masked).toEqual({
      name: "c",
      values: "***",
      token: "***",
      totp_secret: "***",
      config: { host: "h", port: 1, password: "***", ca_bundle: "***" },
      list: [{ token: "***" }],
    });
    expect(JSON.stringify(masked)).not.toMatch(/hunter2|ops_secret|JBSWY3DP|BEGIN|"pw"/);
    expect(body.values.password).toBe("hunter2");
  });
});
