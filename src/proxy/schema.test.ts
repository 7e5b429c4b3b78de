import { UNKNOWN } from "../dynamic/engineKeys";
import { checkInputs } from "./schema";

const PASSWORD = "hunter2-very-secret";
const PEM = "-----BEGIN CERTIFICATE-----\nMIIBsecretpem\n-----END CERTIFICATE-----\n";
const custom = { type: "custom", config: { host: "proxy.example.com", port: 3128 } };

const ok = (news: Record<string, unknown>) => {
  const result = checkInputs(news);
  expect(result.failures).toEqual([]);
  return result.inputs;
};
const failures = (news: Record<string, unknown>) => checkInputs(news).failures;

describe("checkInputs: valid inputs", () => {
  it("accepts every type with its own config keys and drops __provider", () => {
    expect(ok({ type: "datacenter", __provider: "x" })).toEqual({ type: "datacenter" });
    expect(ok({ type: "isp", config: { country: "de" } })).toEqual({
      type: "isp",
      config: { country: "DE" },
    });
    expect(
      ok({
        type: "residential",
        config: {
          asn: "7922",
          city: "sanfrancisco",
          country: "us",
          os: "macos",
          state: "ca",
          zip: "94107",
        },
      }),
    ).toEqual({
      type: "residential",
      config: {
        asn: "7922",
        city: "sanfrancisco",
        country: "US",
        os: "macos",
        state: "CA",
        zip: "94107",
      },
    });
    expect(ok({ type: "mobile", config: { city: "la", country: "US", state: "CA" } })).toEqual({
      type: "mobile",
      config: { city: "la", country: "US", state: "CA" },
    });
    expect(
      ok({ ...custom, name: "office", protocol: "https", password: PASSWORD, caBundle: PEM }),
    ).toEqual({ ...custom, name: "office", protocol: "https", password: PASSWORD, caBundle: PEM });
  });

  it("normalises bypassHosts to a sorted set of lower-case ASCII names", () => {
    expect(
      ok({
        type: "datacenter",
        bypassHosts: [
          "B.example.com",
          "*.Internal.example",
          "10.0.0.1",
          "bücher.de",
          "b.example.com",
        ],
      }).bypassHosts,
    ).toEqual(["*.internal.example", "10.0.0.1", "b.example.com", "xn--bcher-kva.de"]);
    expect(ok({ type: "datacenter", bypassHosts: [] })).toEqual({ type: "datacenter" });
  });

  it("passes the unknown sentinel through at any depth", () => {
    expect(ok({ type: UNKNOWN, config: { country: UNKNOWN }, password: UNKNOWN })).toEqual({
      type: UNKNOWN,
      config: { country: UNKNOWN },
      password: UNKNOWN,
    });
    expect(ok({ ...custom, config: UNKNOWN, bypassHosts: ["a.com", UNKNOWN] })).toEqual({
      ...custom,
      config: UNKNOWN,
      bypassHosts: ["a.com", UNKNOWN],
    });
  });
});

describe("checkInputs: refusals", () => {
  it("refuses a name with leading or trailing spaces, so the API's trim never flaps a preview", () => {
    expect(failures({ type: "isp", name: " office" })).toEqual([
      {
        property: "name",
        reason: expect.stringContaining("without leading or trailing spaces"),
      },
    ]);
    expect(failures({ type: "isp", name: "" })[0].property).toBe("name");
  });

  it("names the input path and what was received", () => {
    expect(failures({ type: "satellite" })).toEqual([
      {
        property: "type",
        reason:
          'must be one of datacenter, isp, residential, mobile, custom; received a string "satellite"',
      },
    ]);
    expect(failures({ type: "isp", config: { country: "USA" } })).toEqual([
      { property: "config.country", reason: expect.stringContaining('received a string "USA"') },
    ]);
    expect(failures({ type: "isp", bypassHosts: ["ok.com", "http://x/"] })).toEqual([
      { property: "bypassHosts[1]", reason: expect.stringContaining("received") },
    ]);
    expect(failures({ ...custom, config: { host: "h.com", port: 70000 } })).toEqual([
      { property: "config.port", reason: expect.stringContaining("received the number 70000") },
    ]);
  });

  it("requires type, and host and port for a custom proxy", () => {
    expect(failures({})).toEqual([
      { property: "type", reason: expect.stringMatching(/^is required/) },
    ]);
    expect(failures({ type: "custom" }).map((f) => f.property)).toEqual([
      "config.host",
      "config.port",
    ]);
  });

  it("suggests the nearest name for an unknown key", () => {
    expect(failures({ type: "isp", bypasshosts: [] })).toEqual([
      { property: "bypasshosts", reason: expect.stringContaining("did you mean bypassHosts?") },
    ]);
    expect(failures({ type: "isp", config: { contry: "US" } })).toEqual([
      { property: "config.contry", reason: expect.stringContaining("did you mean country?") },
    ]);
  });

  it("refuses config keys of another type", () => {
    expect(failures({ type: "datacenter", config: { city: "paris" } })).toEqual([
      { property: "config.city", reason: expect.stringContaining("valid fields are country") },
    ]);
  });

  it("requires country with a residential city", () => {
    expect(failures({ type: "residential", config: { city: "sanfrancisco" } })).toEqual([
      { property: "config.country", reason: "is required when config.city is set" },
    ]);
  });

  it("refuses a password of only spaces, and a CA bundle holding a private key", () => {
    const KEY_PEM = `${PEM}-----BEGIN PRIVATE KEY-----\nMIIEvQkeysecret\n-----END PRIVATE KEY-----\n`;
    const found = failures({ ...custom, password: "   ", caBundle: KEY_PEM });
    expect(found).toEqual([
      {
        property: "password",
        reason: "must be a non-empty string that is not only spaces; received a string",
      },
      {
        property: "caBundle",
        reason: expect.stringMatching(/^must hold certificates only: it holds a PRIVATE KEY block/),
      },
    ]);
    expect(JSON.stringify(found)).not.toContain("keysecret");
    const rsa = KEY_PEM.replace(/PRIVATE KEY/g, "RSA PRIVATE KEY");
    expect(failures({ ...custom, caBundle: rsa }).map((f) => f.property)).toEqual(["caBundle"]);
  });

  it("takes password and caBundle only for a custom proxy", () => {
    expect(failures({ type: "isp", password: PASSWORD, caBundle: PEM })).toEqual([
      { property: "password", reason: "is only for type custom" },
      { property: "caBundle", reason: "is only for type custom" },
    ]);
  });

  it("never echoes a secret: not a bad password or CA bundle, nor one put in config", () => {
    const all = [
      ...failures({ ...custom, password: 12345678, caBundle: `not pem ${PASSWORD}` }),
      ...failures({ ...custom, config: { ...custom.config, password: PASSWORD, ca_bundle: PEM } }),
      ...failures({ type: "isp", password: PASSWORD }),
    ];
    expect(all.map((f) => f.property).sort()).toEqual(
      [
        "caBundle",
        "config.ca_bundle",
        "config.ca_bundle",
        "config.password",
        "config.password",
        "password",
        "password",
      ].sort(),
    );
    const text = JSON.stringify(all);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain("12345678");
    expect(text).not.toContain("secretpem");
    expect(all.find((f) => f.property === "password")!.reason).toContain("received a number");
    expect(text).toContain("top-level password input");
  });
});
