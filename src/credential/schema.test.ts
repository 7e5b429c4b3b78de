import fc from "fast-check";
import { checkResourceInputs } from "../dynamic/owned";
import { credentialSpec } from "./spec";
import { UNKNOWN } from "../dynamic/engineKeys";

/** check as the provider runs it: the core owns `project` and `adopt`. */
const checkInputs = (news: Record<string, unknown>) => checkResourceInputs(credentialSpec, news);

const base = {
  name: "netflix-creds",
  domain: "netflix.com",
  values: { username: "u", password: "p" },
};

describe("Credential check", () => {
  it("normalises equal intent to equal inputs", () => {
    const { inputs, failures } = checkInputs({
      ...base,
      domain: "Bücher.DE",
      ssoProvider: "",
      totpSecret: "jbsw-y3dp ehpk 3pxp",
      adopt: false,
      __provider: "exports.handler = ...",
    });
    expect(failures).toEqual([]);
    expect(inputs).toEqual({
      name: "netflix-creds",
      domain: "xn--bcher-kva.de",
      values: { username: "u", password: "p" },
      totpSecret: "JBSWY3DPEHPK3PXP",
    });
  });

  it("takes TOTP settings beside the secret, the algorithm in upper case", () => {
    const totp = { totpSecret: "JBSWY3DPEHPK3PXP", totpDigits: 8, totpPeriod: 60 };
    const { inputs, failures } = checkInputs({ ...base, ...totp, totpAlgorithm: "sha256" });
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({ ...totp, totpAlgorithm: "SHA256" });
  });

  it("refuses a TOTP setting without the secret, and settings out of range", () => {
    expect(checkInputs({ ...base, totpDigits: 8, totpPeriod: UNKNOWN }).failures).toEqual([
      { property: "totpDigits", reason: expect.stringContaining("needs totpSecret") },
      { property: "totpPeriod", reason: expect.stringContaining("needs totpSecret") },
    ]);
    const bad = checkInputs({
      ...base,
      totpSecret: "JBSWY3DPEHPK3PXP",
      totpAlgorithm: "MD5",
      totpDigits: 6.5,
      totpPeriod: 0,
    });
    expect(bad.failures.map((f) => f.property).sort()).toEqual([
      "totpAlgorithm",
      "totpDigits",
      "totpPeriod",
    ]);
    expect(bad.failures[0].reason).toMatch(/SHA1, SHA256, SHA512/);
  });

  it("passes the unknown sentinel through at any depth, untouched", () => {
    const { inputs, failures } = checkInputs({
      name: UNKNOWN,
      domain: UNKNOWN,
      values: { password: UNKNOWN },
      totpSecret: UNKNOWN,
      ssoProvider: UNKNOWN,
      project: UNKNOWN,
    });
    expect(failures).toEqual([]);
    expect(inputs.totpSecret).toBe(UNKNOWN);
    expect(inputs.values).toEqual({ password: UNKNOWN });
    expect(checkInputs({ ...base, values: UNKNOWN }).failures).toEqual([]);
  });

  it("names the input path and what was received", () => {
    const { failures } = checkInputs({
      name: " x",
      domain: "https://netflix.com/login",
      values: [],
    });
    expect(failures).toEqual([
      {
        property: "name",
        reason: expect.stringMatching(/non-empty name.*received a string " x"/),
      },
      { property: "domain", reason: expect.stringMatching(/bare host name.*received a string/) },
      {
        property: "values",
        reason: expect.stringMatching(/map of field names.*received a list of 0 items/),
      },
    ]);
    expect(checkInputs({ domain: "a.com", values: { password: "pw-1234" } }).failures).toEqual([
      {
        property: "name",
        reason: "is required and must be a non-empty name without leading or trailing spaces",
      },
    ]);
  });

  it.each([".", ".."])(
    "refuses the name %j, which no URL path can carry (it could never be found or adopted)",
    (name) => {
      expect(checkInputs({ ...base, name }).failures).toEqual([
        {
          property: "name",
          reason: expect.stringMatching(/^must not be "\." or "\.\." or hold a control character/),
        },
      ]);
    },
  );

  it("refuses a name with a control character", () => {
    expect(checkInputs({ ...base, name: "a\u0007b" }).failures).toHaveLength(1);
  });

  it("refuses a credential with no values", () => {
    expect(checkInputs({ ...base, values: {} }).failures).toEqual([
      {
        property: "values",
        reason:
          "must hold at least one field (such as username or password); received an empty object",
      },
    ]);
  });

  it("never echoes a secret value", () => {
    const { failures } = checkInputs({
      ...base,
      values: { password: 918273645, "": "hunter2-secret" },
      totpSecret: "not-base32-hunter2!",
    });
    const text = JSON.stringify(failures);
    expect(failures.map((f) => f.property).sort()).toEqual(
      ['values[""]', "values.password", "totpSecret"].sort(),
    );
    expect(text).not.toMatch(/918273645|hunter2/);
    expect(text).toMatch(/field names must be non-empty; received a string"/);
    expect(text).toMatch(/must be a string; received a number"/);
  });

  it("suggests the nearest input name for an unknown key", () => {
    const { failures } = checkInputs({ ...base, totp_secret: "X", SSOProvider: "google" });
    expect(failures).toEqual([
      { property: "totp_secret", reason: expect.stringContaining("did you mean totpSecret?") },
      { property: "SSOProvider", reason: expect.stringContaining("did you mean ssoProvider?") },
    ]);
    // The unknown key's value is not shown either: it may be a misspelt secret.
    expect(JSON.stringify(failures)).not.toContain('"X"');
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything()), (news) => {
        const result = checkInputs(news);
        expect(Array.isArray(result.failures)).toBe(true);
      }),
    );
  });
});
