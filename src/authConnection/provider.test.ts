import { EXAMPLE_ARGS, EXAMPLE_POST_BODY } from "../../test/support/example";
import { TEST_KEY, managedAuth, mockApi } from "../../test/support/mockApi";
import { AlreadyExistsError } from "../dynamic/errors";
import { PartialFailureError } from "../dynamic/partialFailure";
import { makeProvider } from "../dynamic/provider";
import { authConnectionSpec, badRequestHint } from "./spec";
import { checkResourceInputs } from "../dynamic/owned";

const PROXY_LIST = [
  { id: "px_res", name: "residential" },
  { id: "px_dc", name: "datacenter" },
];

type Failure = Error & { id: string; properties: Record<string, unknown>; reasons: string[] };

/** The error a call must fail with. */
const failureOf = (call: Promise<unknown>): Promise<Failure> =>
  call.then(
    () => Promise.reject(new Error("expected a failure")),
    (e: unknown) => e as Failure,
  );

const PROVIDER_TEXT = "exports.handler = __f0; /* serialized provider */";

/** The README example as check gives it, with the engine's __provider key. */
function exampleInputs(overrides: Record<string, unknown> = {}) {
  const { inputs } = checkResourceInputs(authConnectionSpec, { ...EXAMPLE_ARGS, ...overrides });
  return { ...inputs, __provider: PROVIDER_TEXT };
}

function configOf(values: Record<string, string>) {
  return { get: (k: string) => values[k], require: (k: string) => values[k] ?? "" };
}

function providerFor(api: ReturnType<typeof mockApi>, env: Record<string, string> = {}) {
  return makeProvider(authConnectionSpec, {
    env: { KERNEL_API_KEY: TEST_KEY, ...env },
    client: {
      dispatcher: api.agent,
      sleep: async () => undefined,
      random: () => 0.5,
      log: () => undefined,
    },
  });
}

describe("create", () => {
  it("sends one POST with the program's fields and returns id and outputs", async () => {
    const api = mockApi(() => ({ status: 200, body: managedAuth() }));
    const result = await providerFor(api).create(exampleInputs());
    expect(api.calls()).toEqual([
      { method: "POST", path: "/auth/connections", body: EXAMPLE_POST_BODY },
    ]);
    expect(result.id).toBe("ma_abc123");
    expect(result.outs).toMatchObject({
      profileName: "team-netflix",
      proxy: { name: "residential" },
      proxyId: "px_res",
      resolvedProxyId: "px_res",
      status: "NEEDS_AUTH",
      canReauth: true,
    });
    expect(result.outs).not.toHaveProperty("__provider");
  });

  it("on 409 without adopt, names the existing connection and how to adopt it", async () => {
    const api = mockApi((req) =>
      req.method === "POST"
        ? { status: 409, body: { code: "conflict", message: "exists" } }
        : {
            status: 200,
            body: [managedAuth({ id: "ma_existing" })],
            headers: { "x-has-more": "false" },
          },
    );
    const err = await failureOf(providerFor(api).create(exampleInputs()));
    expect(err.message).toMatch(/already exists: ma_existing/);
    expect(err.message).toMatch(/adopt: true/);
    expect(api.calls().map((c) => c.method)).toEqual(["POST", "GET"]);
  });

  it("on 409 with adopt, takes the connection over with one PATCH of the differing fields", async () => {
    const existing = managedAuth({
      id: "ma_existing",
      health_check_interval: 3600,
      save_credentials: false,
      proxy_id: "px_res",
    });
    const api = mockApi((req) => {
      if (req.method === "POST")
        return { status: 409, body: { code: "conflict", message: "exists" } };
      if (req.method === "GET")
        return { status: 200, body: [existing], headers: { "x-has-more": "false" } };
      return {
        status: 200,
        body: { ...existing, health_check_interval: 1800, save_credentials: true },
      };
    });
    const result = await providerFor(api).create(exampleInputs({ adopt: true }));
    expect(api.calls()).toEqual([
      { method: "POST", path: "/auth/connections", body: EXAMPLE_POST_BODY },
      {
        method: "GET",
        path: "/auth/connections?profile_name=team-netflix&domain=netflix.com&limit=100&offset=0",
      },
      {
        method: "PATCH",
        path: "/auth/connections/ma_existing",
        // The proxy is re-sent: which id "residential" names is only known once it is sent.
        body: {
          health_check_interval: 1800,
          save_credentials: true,
          browser: { proxy: { name: "residential" } },
        },
      },
    ]);
    expect(result.id).toBe("ma_existing");
    expect(result.outs.adopt).toBe(true);
  });

  it("reports a failed reconcile after adoption as a partial failure Pulumi can record", async () => {
    const existing = managedAuth({ id: "ma_existing", health_check_interval: 3600 });
    const api = mockApi((req) => {
      if (req.method === "POST")
        return { status: 409, body: { code: "conflict", message: "exists" } };
      if (req.method === "GET") return { status: 200, body: [existing], headers: {} };
      return {
        status: 400,
        body: { code: "bad_request", message: "health_check_interval below plan minimum" },
      };
    });
    const err = await failureOf(providerFor(api).create(exampleInputs({ adopt: true })));
    expect(err).toBeInstanceOf(PartialFailureError);
    expect(err.id).toBe("ma_existing");
    expect(err.properties.__provider).toBe(PROVIDER_TEXT);
    expect(err.properties.healthCheckInterval).toBe(3600);
    expect(err.reasons[0]).toMatch(/pulumi up/);
    expect(Object.values(err.properties)).not.toContain(undefined);
  });

  it("after a POST with an unknown outcome, an identical connection is not provably its own: fails as a 409, sends nothing more", async () => {
    // A connection has no created_at: nothing the API returns proves our POST made it.
    const api = mockApi((req) => {
      if (req.method === "POST")
        return { status: 502, body: { code: "bad_gateway", message: "upstream" } };
      if (req.path.startsWith("/proxies")) return { status: 200, body: PROXY_LIST };
      return { status: 200, body: [managedAuth()], headers: {} };
    });
    const err = await failureOf(providerFor(api).create(exampleInputs()));
    expect(err).toBeInstanceOf(AlreadyExistsError);
    expect(err.message).toMatch(
      /^The create's POST ended with its outcome unknown \(POST \/auth\/connections failed with 502 bad_gateway: upstream\).*already exists: ma_abc123\..*set `adopt: true`/,
    );
    expect(api.calls().map((c) => `${c.method} ${c.path.split("?")[0]}`)).toEqual([
      "POST /auth/connections",
      "GET /auth/connections",
    ]);
  });

  it.each([
    ["a setting differs", managedAuth({ login_url: "https://other.example/login" }), PROXY_LIST],
    [
      "it has a field the POST did not carry",
      managedAuth({
        record_session: undefined,
        allowed_domains: ["auth.netflix.com", "login.netflix.com", "evil.com"],
      }),
      PROXY_LIST,
    ],
    [
      "its proxy is not the one the name resolves to now",
      managedAuth({ proxy_id: "px_other" }),
      PROXY_LIST,
    ],
    [
      "the proxy name is ambiguous now",
      managedAuth(),
      [...PROXY_LIST, { id: "px_2", name: "residential" }],
    ],
  ])(
    "after an unknown outcome, fails as a 409 without adopt when %s, and sends no PATCH",
    async (_why, existing, proxies) => {
      const api = mockApi((req) => {
        if (req.method === "POST") return { status: 502, body: { code: "bad_gateway" } };
        if (req.path.startsWith("/proxies")) return { status: 200, body: proxies };
        return { status: 200, body: [existing], headers: {} };
      });
      const err = await failureOf(providerFor(api).create(exampleInputs()));
      expect(err).toBeInstanceOf(AlreadyExistsError);
      expect(err.message).toMatch(/already exists: ma_abc123/);
      expect(err.message).toMatch(/adopt: true/);
      expect(api.calls().filter((c) => c.method === "PATCH" || c.method === "DELETE")).toEqual([]);
      expect(api.calls().filter((c) => c.method === "POST")).toHaveLength(1);
    },
  );

  it("refuses a POST answer whose id is not a usable id, writing nothing", async () => {
    // The answer is malformed, so the outcome is unknown: the lookup meets the same id.
    const hostile = managedAuth({ id: ".." });
    const api = mockApi((req) =>
      req.method === "POST" ? { status: 200, body: hostile } : { status: 200, body: [hostile] },
    );
    await expect(providerFor(api).create(exampleInputs())).rejects.toThrow(
      /invalid AuthConnection id/,
    );
  });

  it("retries the POST when the lookup shows it did not take effect", async () => {
    let posts = 0;
    const api = mockApi((req) => {
      if (req.method === "POST") {
        return ++posts === 1
          ? { status: 500, body: { code: "internal", message: "x" } }
          : { status: 200, body: managedAuth() };
      }
      return { status: 200, body: [], headers: {} };
    });
    const result = await providerFor(api).create(exampleInputs());
    expect(api.calls().map((c) => c.method)).toEqual(["POST", "GET", "POST"]);
    expect(result.id).toBe("ma_abc123");
  });

  it("fails on a 400 with a hint naming the input", async () => {
    const api = mockApi(() => ({
      status: 400,
      body: {
        code: "bad_request",
        message: "health_check_interval 1800 is below your plan's minimum of 3600 seconds",
      },
    }));
    await expect(providerFor(api).create(exampleInputs())).rejects.toThrow(
      /Check the AuthConnection input healthCheckInterval/,
    );
  });
});

describe("read", () => {
  it("sends one GET and returns outputs and live inputs", async () => {
    const api = mockApi(() => ({
      status: 200,
      body: managedAuth({ health_check_interval: 7200, status: "AUTHENTICATED" }),
    }));
    const old = (
      await providerFor(mockApi(() => ({ status: 200, body: managedAuth() }))).create(
        exampleInputs(),
      )
    ).outs;
    const result = await providerFor(api).read("ma_abc123", { ...old, __provider: PROVIDER_TEXT });
    expect(api.calls()).toEqual([{ method: "GET", path: "/auth/connections/ma_abc123" }]);
    expect(result.id).toBe("ma_abc123");
    expect(result.props).toMatchObject({
      healthCheckInterval: 7200,
      status: "AUTHENTICATED",
      proxy: { name: "residential" },
    });
    expect(result.inputs).toEqual({
      profileName: "team-netflix",
      domain: "netflix.com",
      loginUrl: "https://www.netflix.com/login",
      credential: { name: "netflix-creds" },
      allowedDomains: ["auth.netflix.com", "login.netflix.com"],
      healthCheckInterval: 7200,
      saveCredentials: true,
      proxy: { name: "residential" },
      // The project it lives in (the default one), pinned for a later replacement.
      __project: "",
    });
  });

  it("refuses an answer for another id and leaves the state as it was", async () => {
    const api = mockApi(() => ({ status: 200, body: managedAuth({ id: "ma_other" }) }));
    await expect(providerFor(api).read("ma_abc123", {})).rejects.toThrow(
      /answered for AuthConnection ma_abc123 with another object, "ma_other"/,
    );
  });

  it("reads in the recorded project, whatever the config says now", async () => {
    const api = mockApi(() => ({ status: 200, body: managedAuth() }));
    const provider = providerFor(api, { KERNEL_PROJECT: "env-project" });
    await provider.configure({ config: configOf({ "kernel:project": "config-project" }) });
    const result = await provider.read("ma_abc123", { project: "recorded" });
    expect(api.requests[0].headers["x-kernel-project"]).toBe("recorded");
    expect(result.props.project).toBe("recorded");
  });

  it("drops the resource on a 404 not_found", async () => {
    const api = mockApi(() => ({
      status: 404,
      body: { code: "not_found", message: "no such connection" },
    }));
    expect(await providerFor(api).read("ma_gone", {})).toEqual({ id: "", props: {} });
  });

  it("fails on any other 404, keeping the resource", async () => {
    const api = mockApi(() => ({
      status: 404,
      body: { code: "route_not_found", message: "no route" },
    }));
    await expect(providerFor(api).read("ma_1", {})).rejects.toThrow(/404 route_not_found/);
  });
});

describe("update", () => {
  it("sends one PATCH with exactly the changed fields", async () => {
    const api = mockApi(() => ({ status: 200, body: managedAuth({ health_check_interval: 900 }) }));
    const olds = (
      await providerFor(mockApi(() => ({ status: 200, body: managedAuth() }))).create(
        exampleInputs(),
      )
    ).outs;
    const result = await providerFor(api).update(
      "ma_abc123",
      olds,
      exampleInputs({ healthCheckInterval: 900 }),
    );
    expect(api.calls()).toEqual([
      {
        method: "PATCH",
        path: "/auth/connections/ma_abc123",
        body: { health_check_interval: 900 },
      },
    ]);
    expect(result.outs).toMatchObject({ healthCheckInterval: 900, resolvedProxyId: "px_res" });
  });

  it("sends nothing when nothing changed", async () => {
    const api = mockApi(() => ({ status: 500, body: {} }));
    const olds = (
      await providerFor(mockApi(() => ({ status: 200, body: managedAuth() }))).create(
        exampleInputs(),
      )
    ).outs;
    const result = await providerFor(api).update("ma_abc123", olds, exampleInputs({ adopt: true }));
    expect(api.requests).toHaveLength(0);
    expect(result.outs).toMatchObject({ healthCheckInterval: 1800, adopt: true });
  });
});

describe("delete", () => {
  it("sends one DELETE", async () => {
    const api = mockApi(() => ({ status: 204 }));
    await providerFor(api).delete("ma_abc123", {});
    expect(api.calls()).toEqual([{ method: "DELETE", path: "/auth/connections/ma_abc123" }]);
  });

  it("treats 404 not_found as already deleted", async () => {
    const api = mockApi(() => ({ status: 404, body: { code: "not_found", message: "gone" } }));
    await expect(providerFor(api).delete("ma_abc123", {})).resolves.toBeUndefined();
  });

  it.each([
    [{ code: "route_not_found", message: "no route" }],
    [{ code: "project_not_found", message: "no project" }],
    ["<html>Not Found</html>"],
  ])("keeps the state on any other 404 (%j): a wrong base URL must not orphan", async (body) => {
    const api = mockApi(() => ({ status: 404, body }));
    await expect(providerFor(api).delete("ma_abc123", {})).rejects.toThrow(/404/);
  });

  it("deletes in the recorded project", async () => {
    const api = mockApi(() => ({ status: 204 }));
    await providerFor(api).delete("ma_abc123", { project: "staging" });
    expect(api.requests[0].headers["x-kernel-project"]).toBe("staging");
  });
});

describe("diff", () => {
  it("makes no request and ignores __provider", async () => {
    const api = mockApi(() => ({ status: 500, body: {} }));
    const olds = (
      await providerFor(mockApi(() => ({ status: 200, body: managedAuth() }))).create(
        exampleInputs(),
      )
    ).outs;
    const result = await providerFor(api).diff(
      "ma_abc123",
      { ...olds, __provider: "old text" },
      exampleInputs(),
    );
    expect(result).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect(api.requests).toHaveLength(0);
  });
});

describe("diff's warning about a replacement", () => {
  const warned = async (overrides: Record<string, unknown>, base = {}) => {
    const lines: string[] = [];
    const api = mockApi(() => ({ status: 200, body: managedAuth() }));
    const provider = makeProvider(authConnectionSpec, {
      env: { KERNEL_API_KEY: TEST_KEY },
      client: { dispatcher: api.agent, log: () => undefined },
      warn: (line) => lines.push(line),
    });
    const olds = (await provider.create(exampleInputs(base))).outs;
    const diff = await provider.diff("ma_abc123", olds, exampleInputs({ ...base, ...overrides }));
    return { lines, diff };
  };

  it("says that a replaced connection must log in again", async () => {
    const { lines, diff } = await warned({ domain: "hulu.com" });
    expect(diff.replaces).toEqual(["domain"]);
    expect(lines).toEqual([
      "kernel: warning: AuthConnection ma_abc123: replacing it (domain changed) makes a new " +
        "connection, which starts logged out (NEEDS_AUTH): log in again once it exists.",
    ]);
  });

  it("says so when the old connection is deleted first (the credential removed)", async () => {
    const { lines, diff } = await warned({ credential: undefined });
    expect(diff).toMatchObject({ replaces: ["credential"], deleteBeforeReplace: true });
    expect(lines[0]).toMatch(/log in again once it exists; the old connection is deleted first\.$/);
  });

  it("says nothing for an update in place", async () => {
    const { lines, diff } = await warned({ healthCheckInterval: 7200 });
    // A change in place leaves `changes` to the engine's own input diff (DIFF_UNKNOWN).
    expect(diff.changes).not.toBe(false);
    expect(diff).toMatchObject({ replaces: [] });
    expect(lines).toEqual([]);
  });
});

describe("project (docs/behaviour.md)", () => {
  const created = async (
    env: Record<string, string>,
    config: Record<string, string>,
    overrides: Record<string, unknown> = {},
  ) => {
    const api = mockApi(() => ({ status: 200, body: managedAuth() }));
    const provider = providerFor(api, env);
    await provider.configure({ config: configOf(config) });
    const result = await provider.create(exampleInputs(overrides));
    return { api, provider, result };
  };

  it("creates in the project input, over config and env, and records it", async () => {
    const { api, result } = await created(
      { KERNEL_PROJECT: "env" },
      { "kernel:project": "cfg" },
      { project: "input" },
    );
    expect(api.requests[0].headers["x-kernel-project"]).toBe("input");
    expect(result.outs.project).toBe("input");
  });

  it("creates in config kernel:project, else env KERNEL_PROJECT, else sends no header", async () => {
    const fromConfig = await created({ KERNEL_PROJECT: "env" }, { "kernel:project": "cfg" });
    expect(fromConfig.api.requests[0].headers["x-kernel-project"]).toBe("cfg");
    const fromEnv = await created({ KERNEL_PROJECT: "env" }, {});
    expect(fromEnv.api.requests[0].headers["x-kernel-project"]).toBe("env");
    expect(fromEnv.result.outs.project).toBe("env");
    const none = await created({}, {});
    expect(none.api.requests[0].headers).not.toHaveProperty("x-kernel-project");
    expect(none.result.outs).not.toHaveProperty("project");
  });

  it("never plans a change from env KERNEL_PROJECT; a differing desired project replaces, creating first", async () => {
    const { result } = await created({ KERNEL_PROJECT: "env" }, {});
    const olds = { ...result.outs, __provider: PROVIDER_TEXT };
    // The object is not in "prod": the API answers not_found there.
    const elsewhere = providerFor(
      mockApi(() => ({ status: 404, body: { code: "not_found" } })),
      { KERNEL_PROJECT: "other-env" },
    );
    await elsewhere.configure({ config: configOf({}) });
    expect(await elsewhere.diff("ma_abc123", olds, exampleInputs())).toMatchObject({
      changes: false,
    });
    expect(
      await elsewhere.diff("ma_abc123", olds, exampleInputs({ project: "env" })),
    ).toMatchObject({ changes: false });
    expect(await elsewhere.diff("ma_abc123", olds, exampleInputs({ project: "prod" }))).toEqual({
      changes: true,
      replaces: ["project"],
      deleteBeforeReplace: false,
    });
    await elsewhere.configure({ config: configOf({ "kernel:project": "prod" }) });
    expect(await elsewhere.diff("ma_abc123", olds, exampleInputs())).toMatchObject({
      replaces: ["project"],
    });
  });

  it("replaces an object in the default project when a project is now desired", async () => {
    const { result } = await created({}, {});
    const provider = providerFor(mockApi(() => ({ status: 404, body: { code: "not_found" } })));
    await provider.configure({ config: configOf({}) });
    expect(
      await provider.diff("ma_abc123", result.outs, exampleInputs({ project: "prod" })),
    ).toMatchObject({ replaces: ["project"] });
  });
});

describe("configuration", () => {
  it("takes key and base URL from Pulumi config over the environment", async () => {
    const api = mockApi(() => ({ status: 204 }));
    const provider = makeProvider(authConnectionSpec, {
      env: { KERNEL_API_KEY: "env-key" },
      client: { dispatcher: api.agent },
    });
    await provider.configure({
      config: { get: (k: string) => ({ "kernel:apiKey": TEST_KEY })[k], require: () => "" },
    });
    await provider.delete("ma_1", {});
    expect(api.requests[0].headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  });

  it("refuses a plain-http base URL that is not loopback", async () => {
    const provider = makeProvider(authConnectionSpec, {
      env: { KERNEL_API_KEY: TEST_KEY, KERNEL_BASE_URL: "http://api.example.com" },
    });
    await expect(provider.delete("ma_1", {})).rejects.toThrow(/only travel over https/);
  });
});

describe("badRequestHint", () => {
  it("maps API field names to input names", () => {
    expect(badRequestHint('{"message":"allowed_domains[0] is invalid"}')).toBe(
      "Check the AuthConnection input allowedDomains",
    );
    expect(badRequestHint("login_url and proxy")).toBe(
      "Check the AuthConnection inputs loginUrl, proxy",
    );
  });
});
