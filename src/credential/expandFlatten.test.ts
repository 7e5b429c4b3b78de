import { parseCredential } from "./api";
import { toCreateRequest } from "./expand";
import { toLiveInputs, toOutputs } from "./flatten";
import { checkResourceInputs } from "../dynamic/owned";
import { credentialSpec } from "./spec";
import type { CredentialInputs } from "./types";

/** check as the provider runs it: the core owns `project` and `adopt`. */
const checkInputs = (news: Record<string, unknown>) => checkResourceInputs(credentialSpec, news);

const desired = checkInputs({
  name: "netflix-creds",
  domain: "Netflix.com",
  values: { username: "u", password: "p" },
  ssoProvider: "google",
  totpSecret: "jbswy3dp ehpk3pxp",
  adopt: true,
  project: "prod",
}).inputs as unknown as CredentialInputs;

/** No `undefined` anywhere: the host encodes outputs as a protobuf Struct. */
function hasUndefined(value: unknown): boolean {
  if (value === undefined) return true;
  if (value !== null && typeof value === "object") return Object.values(value).some(hasUndefined);
  return false;
}

describe("Credential expand", () => {
  it("POSTs every field the program set, and never adopt or project", () => {
    expect(toCreateRequest(desired)).toEqual({
      name: "netflix-creds",
      domain: "netflix.com",
      values: { username: "u", password: "p" },
      sso_provider: "google",
      totp_secret: "JBSWY3DPEHPK3PXP",
    });
    const minimal = { name: "n", domain: "a.com", values: {} };
    expect(toCreateRequest(minimal)).toEqual(minimal);
  });
});

describe("Credential answers and state", () => {
  const answer = {
    id: "cred_1",
    name: "netflix-creds",
    domain: "netflix.com",
    sso_provider: "google",
    has_totp_secret: true,
    has_values: true,
    value_keys: ["username", "password"],
    totp_code: "123456",
    totp_code_expires_at: "2026-11-27T00:00:30Z",
    created_at: "2026-11-27T00:00:00Z",
    updated_at: "2026-11-27T00:00:00Z",
    some_future_field: { nested: true },
  };

  it("parses an answer with unknown fields and drops the TOTP code", () => {
    const live = parseCredential(answer);
    expect(live).not.toHaveProperty("totp_code");
    expect(live).not.toHaveProperty("totp_code_expires_at");
    expect(live.value_keys).toEqual(["username", "password"]);
    expect(() => parseCredential({ id: "x" })).toThrow();
  });

  it("records what was just sent, and the live fields from the answer", () => {
    const state = toOutputs(parseCredential(answer), { desired });
    expect(state).toEqual({
      name: "netflix-creds",
      domain: "netflix.com",
      ssoProvider: "google",
      hasTotpSecret: true,
      valueKeys: ["password", "username"],
      values: { username: "u", password: "p" },
      totpSecret: "JBSWY3DPEHPK3PXP",
    });
    expect(JSON.stringify(state)).not.toContain("123456");
  });

  it("keeps the old record on a read, and records nothing on a take-over", () => {
    const olds = toOutputs(parseCredential(answer), { desired });
    const read = toOutputs(
      parseCredential({ ...answer, value_keys: ["password"], sso_provider: null }),
      { olds },
    );
    expect(read.values).toEqual(olds.values);
    expect(read.valueKeys).toEqual(["password"]);
    expect(read).not.toHaveProperty("ssoProvider");
    const taken = toOutputs(
      parseCredential({ ...answer, has_totp_secret: null, value_keys: null }),
    );
    expect(taken).toEqual({
      name: "netflix-creds",
      domain: "netflix.com",
      ssoProvider: "google",
      hasTotpSecret: false,
      valueKeys: [],
    });
    expect(hasUndefined(read) || hasUndefined(taken)).toBe(false);
  });

  it("gives the live inputs, a live key with no record showing as empty", () => {
    const olds = toOutputs(parseCredential(answer), { desired });
    const drifted = toOutputs(
      parseCredential({ ...answer, value_keys: ["password", "pin"], has_totp_secret: false }),
      { olds },
    );
    const inputs = toLiveInputs(drifted);
    expect(inputs).toEqual({
      name: "netflix-creds",
      domain: "netflix.com",
      values: { password: "p", pin: "" },
      ssoProvider: "google",
    });
    expect(hasUndefined(inputs)).toBe(false);
  });
});
