import { connectionLimitText } from "./failures";

describe("connectionLimitText", () => {
  it("says the limit and the use when both are known", () => {
    expect(connectionLimitText({ max_auth_connections: 10, auth_connections_used: 10 })).toMatch(
      /^The plan's limit of 10 auth connections is reached: 10 are in use across the organisation/,
    );
    expect(connectionLimitText({ max_auth_connections: 5 })).toMatch(
      /the number in use is unknown/,
    );
  });

  it("says so when the limits show none now, or could not be read", () => {
    expect(connectionLimitText({ max_auth_connections: null, auth_connections_used: 3 })).toMatch(
      /now shows no limit \(3 in use\)/,
    );
    expect(connectionLimitText(undefined, "GET /org/limits failed with 403")).toMatch(
      /could not be read \(GET \/org\/limits failed with 403\)/,
    );
  });
});
