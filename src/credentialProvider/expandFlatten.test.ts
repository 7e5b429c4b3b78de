import { parseCredentialProvider } from "./api";
import { toLiveInputs, toOutputs } from "./flatten";
import type { CredentialProviderInputs } from "./types";

const answer = {
  id: "cp_1",
  name: "my-1p",
  provider_type: "onepassword",
  enabled: true,
  priority: 0,
  created_at: "2026-11-27T00:00:00Z",
  updated_at: "2026-11-27T00:00:00Z",
  vaults_seen: 3,
};
const desired: CredentialProviderInputs = {
  name: "my-1p",
  providerType: "onepassword",
  token: "ops_a",
  cacheTtlSeconds: 60,
};

describe("CredentialProvider answers and state", () => {
  it("parses answers with unknown fields and refuses one without the required fields", () => {
    expect(parseCredentialProvider(answer).priority).toBe(0);
    expect(() => parseCredentialProvider({ id: "cp_1", name: "x" })).toThrow();
  });

  it("records the token and cache TTL just sent, live fields from the answer", () => {
    const state = toOutputs(parseCredentialProvider(answer), { desired });
    expect(state).toEqual({
      name: "my-1p",
      providerType: "onepassword",
      enabled: true,
      priority: 0,
      token: "ops_a",
      cacheTtlSeconds: 60,
      createdAt: "2026-11-27T00:00:00Z",
    });
    expect(toOutputs(parseCredentialProvider({ ...answer, priority: 3 }), { olds: state })).toEqual(
      {
        ...state,
        priority: 3,
      },
    );
    expect(toOutputs(parseCredentialProvider(answer))).not.toHaveProperty("token");
  });

  it("gives the live inputs with the live server-owned values", () => {
    const state = toOutputs(parseCredentialProvider({ ...answer, enabled: false }), { desired });
    expect(toLiveInputs(state)).toEqual({ ...desired, enabled: false, priority: 0 });
  });
});
