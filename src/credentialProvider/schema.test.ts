import fc from "fast-check";
import { UNKNOWN } from "../dynamic/engineKeys";
import { checkResourceInputs } from "../dynamic/owned";
import { credentialProviderSpec } from "./spec";

/** check as the provider runs it: the core owns `project` and `adopt`. */
const checkInputs = (news: Record<string, unknown>) =>
  checkResourceInputs(credentialProviderSpec, news);

const base = { name: "my-1p", providerType: "onepassword", token: "ops_secret_token_123" };

describe("CredentialProvider check", () => {
  it("accepts and normalises valid inputs", () => {
    expect(checkInputs({ ...base, adopt: false, __provider: "x" })).toEqual({
      inputs: base,
      failures: [],
    });
    expect(
      checkInputs({ ...base, cacheTtlSeconds: 600, enabled: false, priority: 2, adopt: true })
        .failures,
    ).toEqual([]);
  });

  it("refuses a name the API would trim or find blank, without echoing the token", () => {
    for (const name of ["  op  ", "op\t", "\u00a0op", "op\n", "   "]) {
      const { failures } = checkInputs({ ...base, name });
      expect(failures).toEqual([
        { property: "name", reason: expect.stringContaining("(the API trims names)") },
      ]);
      expect(JSON.stringify(failures)).not.toContain(base.token);
    }
    expect(checkInputs({ ...base, name: "op 1" }).failures).toEqual([]);
  });

  it("passes the unknown sentinel through", () => {
    const news = { name: UNKNOWN, providerType: UNKNOWN, token: UNKNOWN, priority: UNKNOWN };
    expect(checkInputs(news)).toEqual({ inputs: news, failures: [] });
  });

  it("names each input with what is valid and what was received", () => {
    const { failures } = checkInputs({
      name: "",
      providerType: "bitwarden",
      token: "t",
      cacheTtlSeconds: 1.5,
      priority: "1",
    });
    expect(failures).toEqual([
      { property: "name", reason: expect.stringMatching(/non-empty name.*received a string ""/) },
      {
        property: "providerType",
        reason: expect.stringMatching(/"onepassword".*received a string "bitwarden"/),
      },
      {
        property: "cacheTtlSeconds",
        reason: expect.stringMatching(/whole number.*received the number 1.5/),
      },
      {
        property: "priority",
        reason: expect.stringMatching(/whole number.*received a string "1"/),
      },
    ]);
  });

  it("never echoes the token", () => {
    const { failures } = checkInputs({ ...base, token: 9988776655 });
    expect(failures).toEqual([
      { property: "token", reason: "must be a non-empty service account token; received a number" },
    ]);
    expect(JSON.stringify(failures)).not.toContain("9988776655");
    expect(JSON.stringify(checkInputs({ ...base, token: "   " }).failures)).toContain("token");
  });

  it("says that a project does not apply, and suggests names", () => {
    const { failures } = checkInputs({ ...base, project: "p", provider_type: "onepassword" });
    expect(failures).toEqual([
      { property: "project", reason: expect.stringContaining("org-wide") },
      {
        property: "provider_type",
        reason: expect.stringContaining("did you mean providerType?"),
      },
    ]);
  });

  it("never throws", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything()), (news) => void checkInputs(news)),
    );
  });
});
