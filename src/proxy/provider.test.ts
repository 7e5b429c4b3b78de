import { providerText } from "../dynamic/providerText";
import { TEST_KEY, mockApi } from "../../test/support/mockApi";
import { makeProvider } from "../dynamic/provider";
import { ProxyOutcomeUnknownError } from "./errors";
import { badRequestHint as proxyBadRequestHint, proxySpec } from "./spec";

const PASSWORD = "pw-unit-never-shown-19";

function provider(api: ReturnType<typeof mockApi>) {
  return makeProvider(proxySpec, {
    env: { KERNEL_API_KEY: TEST_KEY, KERNEL_PROJECT: "staging" },
    client: { dispatcher: api.agent, sleep: async () => undefined, log: () => undefined },
  });
}

const failure = (run: Promise<unknown>) =>
  run.then(
    () => undefined,
    (e: Error) => e,
  );

const custom = {
  type: "custom",
  name: "office",
  config: { host: "proxy.example.com", port: 3128 },
  password: PASSWORD,
  __provider: providerText("proxy"),
};

describe("the Proxy provider", () => {
  it("creates with one POST carrying the password in config, and records the project", async () => {
    const api = mockApi(() => ({
      status: 200,
      body: {
        id: "proxy_1",
        type: "custom",
        name: "office",
        protocol: "https",
        config: { host: "proxy.example.com", port: 3128, has_password: true },
      },
    }));
    const result = await provider(api).create(custom);
    expect(api.calls()).toEqual([
      {
        method: "POST",
        path: "/proxies",
        body: {
          type: "custom",
          name: "office",
          config: { host: "proxy.example.com", port: 3128, password: PASSWORD },
        },
      },
    ]);
    expect(api.requests[0].headers["x-kernel-project"]).toBe("staging");
    expect(result).toEqual({
      id: "proxy_1",
      outs: {
        type: "custom",
        name: "office",
        protocol: "https",
        config: { host: "proxy.example.com", port: 3128 },
        password: PASSWORD,
        hasPassword: true,
        serverOwnedInputs: ["config.host", "config.port", "name"],
        project: "staging",
      },
    });
  });

  it("an unknown POST outcome is not retried; the error says what to look for", async () => {
    const api = mockApi(() => ({ status: 502, body: { code: "bad_gateway", message: "oops" } }));
    const err = await failure(provider(api).create(custom));
    expect(err).toBeInstanceOf(ProxyOutcomeUnknownError);
    expect(err?.message).toMatch(/^Creating a proxy named "office" may or may not have worked: /);
    expect(err?.message).toMatch(/GET \/proxies\?name=office/);
    expect(api.calls().map((c) => c.method)).toEqual(["POST"]);
  });

  it("masks the password and CA bundle in any error a create passes on", async () => {
    const api = mockApi(() => ({
      status: 400,
      body: { code: "bad_request", message: `config.password ${PASSWORD} is too weak` },
    }));
    const err = await failure(provider(api).create(custom));
    expect(err?.message).toMatch(/config\.password \[redacted\] is too weak/);
    expect(err?.message).toMatch(/Check the Proxy input password/);
    expect(`${err?.message} ${err?.stack}`).not.toContain(PASSWORD);
  });
});

describe("proxyBadRequestHint", () => {
  it("names the inputs the API's field names belong to", () => {
    expect(proxyBadRequestHint("bypass_hosts[0] is invalid; config.country unknown")).toBe(
      "Check the Proxy inputs bypassHosts, config.country",
    );
    expect(proxyBadRequestHint("config.ca_bundle is not PEM")).toBe(
      "Check the Proxy input caBundle",
    );
    expect(proxyBadRequestHint("something else")).toBe("Check the Proxy's inputs");
  });
});
