import { BASE_URL, TEST_KEY, managedAuth, mockApi } from "../../test/support/mockApi";
import {
  KernelClient,
  MAX_LIST_CHARS,
  MAX_LIST_ITEMS,
  MAX_MESSAGE_CHARS,
  type OperationOptions,
  assertValidId,
  resourcePath,
} from "./client";
import {
  AuthenticationError,
  BadRequestError,
  BudgetExceededError,
  ConflictError,
  KernelApiError,
  KernelConfigError,
  KernelConnectionError,
  KernelError,
  MalformedResponseError,
  NotFoundError,
  RateLimitError,
  isOutcomeUnknown,
} from "./errors";

function clientFor(
  api: ReturnType<typeof mockApi>,
  extra: Partial<ConstructorParameters<typeof KernelClient>[0]> = {},
) {
  const waits: number[] = [];
  const client = new KernelClient({
    baseUrl: BASE_URL,
    apiKey: TEST_KEY,
    dispatcher: api.agent,
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
    now: () => 0,
    ...extra,
  });
  return { client, waits };
}

/** What the removed auth-connection methods did, on the generic operation: one per call. */
function connections(client: KernelClient, options: OperationOptions = {}) {
  type Live = { id: string } & Record<string, unknown>;
  const parse = (json: unknown): Live => {
    assertValidId((json as { id?: unknown } | undefined)?.id, "auth connection");
    return json as Live;
  };
  const path = (id?: string) => resourcePath("/auth/connections", id);
  const op = () => client.operation(options);
  return {
    create: (body: unknown) => op().request("POST", path(), { body, parse }),
    get: (id: string) => op().request("GET", path(id), { parse }),
    update: (id: string, body: unknown) => op().request("PATCH", path(id), { body, parse }),
    find: (profileName: string, domain: string) =>
      op().find(
        path(),
        { profile_name: profileName, domain },
        parse,
        (c) => c.profile_name === profileName && c.domain === domain,
      ),
  };
}

describe("KernelClient requests", () => {
  it("sends the key only as a bearer token, and JSON bodies", async () => {
    const api = mockApi(() => ({ status: 200, body: managedAuth() }));
    const { client } = clientFor(api);
    await connections(client).update("ma_abc123", { health_check_interval: 7200 });
    expect(api.requests[0]).toMatchObject({
      method: "PATCH",
      path: "/auth/connections/ma_abc123",
      body: { health_check_interval: 7200 },
    });
    expect(api.requests[0].headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(api.requests[0].headers["content-type"]).toBe("application/json");
  });

  it("tolerates unknown response fields and keeps them", async () => {
    const api = mockApi(() => ({ status: 200, body: managedAuth({ brand_new_field: { x: 1 } }) }));
    const { client } = clientFor(api);
    const live = await connections(client).get("ma_abc123");
    expect(live.id).toBe("ma_abc123");
    expect((live as Record<string, unknown>).brand_new_field).toEqual({ x: 1 });
  });

  it.each([
    ["../x", "/auth/connections/..%2Fx"],
    ["a/b", "/auth/connections/a%2Fb"],
    ["a..b", "/auth/connections/a..b"],
    ["%2E%2E", "/auth/connections/%252E%252E"],
    ["a?b#c", "/auth/connections/a%3Fb%23c"],
  ])("encodes id %j so it stays under /auth/connections/", async (id, path) => {
    expect(resourcePath("/auth/connections", id)).toBe(path);
    const api = mockApi(() => ({ status: 200, body: managedAuth() }));
    await connections(clientFor(api).client).get(id);
    expect(api.requests[0].path).toBe(path);
  });

  it.each(["", ".", ".."])("refuses id %j, which a URL parser would resolve elsewhere", (id) => {
    expect(() => resourcePath("/auth/connections", id)).toThrow(/not a valid id/);
  });

  it("pages through list results to find a connection by key", async () => {
    const api = mockApi((req) => {
      const offset = new URL(req.path, BASE_URL).searchParams.get("offset");
      if (offset === "0") {
        return {
          status: 200,
          body: [managedAuth({ id: "ma_1", profile_name: "other" })],
          headers: { "x-has-more": "true", "x-next-offset": "1" },
        };
      }
      return {
        status: 200,
        body: [managedAuth({ id: "ma_2" })],
        headers: { "x-has-more": "false", "x-next-offset": "0" },
      };
    });
    const found = await connections(clientFor(api).client).find("team-netflix", "netflix.com");
    expect(found?.id).toBe("ma_2");
    expect(api.requests.map((r) => r.path)).toEqual([
      "/auth/connections?profile_name=team-netflix&domain=netflix.com&limit=100&offset=0",
      "/auth/connections?profile_name=team-netflix&domain=netflix.com&limit=100&offset=1",
    ]);
  });

  it("fails before any request without a key, saying how to set it", async () => {
    const api = mockApi(() => ({ status: 200, body: managedAuth() }));
    const client = new KernelClient({ baseUrl: BASE_URL, dispatcher: api.agent });
    await expect(connections(client).get("x")).rejects.toThrow(/kernel:apiKey.*KERNEL_API_KEY/);
    await expect(connections(client).get("x")).rejects.toBeInstanceOf(KernelConfigError);
    expect(api.requests).toHaveLength(0);
  });
});

describe("KernelClient errors", () => {
  it("names method, path, status, code, message and details", async () => {
    const api = mockApi(() => ({
      status: 400,
      body: {
        code: "bad_request",
        message: "invalid interval",
        details: [{ code: "plan_minimum", message: "health_check_interval must be at least 1200" }],
      },
    }));
    const { client } = clientFor(api);
    const err = await connections(client, {
      badRequestHint: () => "Check the AuthConnection input healthCheckInterval",
    })
      .update("ma_1", { health_check_interval: 300 })
      .catch((e) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.message).toBe(
      "PATCH /auth/connections/ma_1 failed with 400 bad_request: invalid interval " +
        "(details: plan_minimum: health_check_interval must be at least 1200). " +
        "Check the AuthConnection input healthCheckInterval",
    );
    expect(err).toMatchObject({ status: 400, code: "bad_request", method: "PATCH" });
  });

  it.each([401, 403])("gives the key hint on %i", async (status) => {
    const api = mockApi(() => ({ status, body: { code: "unauthorized", message: "bad token" } }));
    const err = await connections(clientFor(api).client)
      .get("ma_1")
      .catch((e) => e);
    expect(err.message).toMatch(/pulumi config set --secret kernel:apiKey/);
    if (status === 401) expect(err).toBeInstanceOf(AuthenticationError);
  });

  it("never puts the key in an error, even when the server echoes it", async () => {
    const api = mockApi(() => ({
      status: 401,
      body: { code: "unauthorized", message: `token ${TEST_KEY} is revoked` },
    }));
    const err = await connections(clientFor(api).client)
      .get("ma_1")
      .catch((e) => e);
    expect(`${err.message} ${err.stack} ${JSON.stringify(err)}`).not.toContain(TEST_KEY);
    expect(err.message).toContain("[redacted]");
  });

  it("types 404 and 409 and does not retry them", async () => {
    const notFound = mockApi(() => ({ status: 404, body: { code: "not_found", message: "gone" } }));
    await expect(connections(clientFor(notFound).client).get("x")).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(notFound.requests).toHaveLength(1);
    const conflict = mockApi(() => ({
      status: 409,
      body: { code: "conflict", message: "exists" },
    }));
    await expect(
      connections(clientFor(conflict).client).create({ profile_name: "p", domain: "d.com" }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(conflict.requests).toHaveLength(1);
  });

  it("reads a non-JSON error body as its message", async () => {
    const api = mockApi(() => ({ status: 404, body: "<html>nginx</html>" }));
    const err = await connections(clientFor(api).client)
      .get("x")
      .catch((e) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err.code).toBeUndefined();
    expect(err.message).toContain("<html>nginx</html>");
  });
});

describe("KernelClient retries", () => {
  it("retries a GET on 503 and then succeeds, waiting with backoff", async () => {
    let n = 0;
    const api = mockApi(() =>
      ++n < 3
        ? { status: 503, body: { code: "unavailable", message: "busy" } }
        : { status: 200, body: managedAuth() },
    );
    const { client, waits } = clientFor(api);
    await expect(connections(client).get("ma_abc123")).resolves.toMatchObject({ id: "ma_abc123" });
    expect(api.requests).toHaveLength(3);
    expect(waits).toEqual([150, 300]);
  });

  it("honours Retry-After on 429, for a POST too", async () => {
    let n = 0;
    const api = mockApi(() =>
      ++n === 1
        ? {
            status: 429,
            body: { code: "rate_limited", message: "slow down" },
            headers: { "retry-after": "2" },
          }
        : { status: 200, body: managedAuth() },
    );
    const { client, waits } = clientFor(api);
    await connections(client).create({ profile_name: "p", domain: "d.com" });
    expect(api.requests.map((r) => r.method)).toEqual(["POST", "POST"]);
    expect(waits[0]).toBeGreaterThanOrEqual(2000);
  });

  it("does not repeat a POST answered with 500: its outcome is unknown", async () => {
    const api = mockApi(() => ({ status: 500, body: { code: "internal", message: "oops" } }));
    await expect(
      connections(clientFor(api).client).create({ profile_name: "p", domain: "d.com" }),
    ).rejects.toMatchObject({ status: 500 });
    expect(api.requests).toHaveLength(1);
  });

  it("gives up after the 429 bound with the last error", async () => {
    const api = mockApi(() => ({
      status: 429,
      body: { code: "rate_limited", message: "no" },
      headers: { "retry-after-ms": "10" },
    }));
    const { client } = clientFor(api, { retry: { maxRateLimitedAttempts: 3 } });
    await expect(connections(client).get("x")).rejects.toBeInstanceOf(RateLimitError);
    expect(api.requests).toHaveLength(3);
  });

  it("gives up after the attempt bound for other retryable failures", async () => {
    const api = mockApi(() => ({ status: 502, body: { code: "bad_gateway", message: "no" } }));
    const { client } = clientFor(api, { retry: { maxAttempts: 4 } });
    await expect(connections(client).get("x")).rejects.toMatchObject({ status: 502 });
    expect(api.requests).toHaveLength(4);
  });

  it("treats a malformed 2xx body as a failure the server acted on", async () => {
    const api = mockApi(() => ({ status: 200, body: '{"id": "ma_tr' }));
    const err = await connections(clientFor(api).client)
      .create({ profile_name: "p", domain: "d.com" })
      .catch((e) => e);
    expect(err).toBeInstanceOf(MalformedResponseError);
    expect(api.requests).toHaveLength(1);
  });

  it("reports a refused connection as one that did not reach the server", async () => {
    const client = new KernelClient({
      baseUrl: "http://127.0.0.1:1",
      apiKey: TEST_KEY,
      retry: { maxAttempts: 1 },
    });
    const err = await connections(client)
      .create({ profile_name: "p", domain: "d.com" })
      .catch((e) => e);
    expect(err).toBeInstanceOf(KernelConnectionError);
    expect(err.mayHaveActed).toBe(false);
    expect(err.message).toMatch(/^POST \/auth\/connections failed: ECONNREFUSED/);
  });
});

describe("a Retry-After longer than the budget", () => {
  it("fails a POST at once, says how long the API asked to wait, and knows nothing was made", async () => {
    const api = mockApi(() => ({
      status: 503,
      body: { code: "unavailable", message: "later" },
      headers: { "retry-after": "300" },
    }));
    const { client, waits } = clientFor(api);
    const err = await client
      .operation()
      .request("POST", "/widgets", { body: {}, parse: (j) => j })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BudgetExceededError);
    expect((err as Error).message).toMatch(
      /^POST \/widgets failed with 503 unavailable: later\. The API asked to wait 300 s \(Retry-After\), longer than the 120 s left of the operation's budget of 120 s/,
    );
    // 503 with Retry-After: the server did not act, so the create need not look it up.
    expect(isOutcomeUnknown(err)).toBe(false);
    expect(api.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });
});

describe("bounds on what a server sends", () => {
  const client = (api: ReturnType<typeof mockApi>, log?: (line: string) => void) =>
    new KernelClient({
      baseUrl: BASE_URL,
      apiKey: TEST_KEY,
      dispatcher: api.agent,
      retry: { maxAttempts: 3 },
      sleep: async () => undefined,
      ...(log ? { log } : {}),
    });

  it("an endless list of large pages fails clearly once the list passes its size bound", async () => {
    // Each page is about 1 MiB; the list never ends.
    const page = Array.from({ length: 100 }, (_, i) => ({ id: `x_${i}`, pad: "p".repeat(10_000) }));
    let served = 0;
    const api = mockApi((req) => {
      const offset = Number(new URL(req.path, BASE_URL).searchParams.get("offset"));
      served++;
      return {
        status: 200,
        body: page,
        headers: { "x-has-more": "true", "x-next-offset": String(offset + 100) },
      };
    });
    const err = (await client(api)
      .operation()
      .list("/proxies", {}, (j) => j)
      .catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(KernelError);
    expect(err.message).toBe(
      `GET /proxies: the list did not end within ${MAX_LIST_CHARS / (1024 * 1024)} MiB; the API ` +
        "(or what answers at the base URL) sends more than any list the provider reads can hold",
    );
    // It stopped right after the page that passed the bound, and asked no page twice.
    expect(served).toBe(Math.floor(MAX_LIST_CHARS / JSON.stringify(page).length) + 1);
  });

  it("one page of more items than a list may hold fails clearly, without overflowing the stack", async () => {
    const api = mockApi(() => ({
      status: 200,
      body: Array.from({ length: MAX_LIST_ITEMS + 1 }, () => 0),
      headers: { "x-has-more": "false" },
    }));
    await expect(
      client(api)
        .operation()
        .list("/proxies", {}, (j) => j),
    ).rejects.toThrow(`GET /proxies: the list did not end within ${MAX_LIST_ITEMS} items`);
  });

  it("cuts a huge API error message (after redaction) in the error and in retry log lines", async () => {
    const SECRET = "pw-Secret-Value-77";
    const message = `${SECRET} ${"m".repeat(3_900_000)}`;
    const api = mockApi(() => ({
      status: 500,
      body: {
        code: "internal",
        message,
        details: Array.from({ length: 50 }, () => ({ message: "d".repeat(5000) })),
      },
    }));
    const lines: string[] = [];
    const err = (await client(api, (line) => lines.push(line))
      .operation({ secrets: [SECRET] })
      .request("GET", "/profiles/p", { parse: (j) => j })
      .catch((e: unknown) => e)) as KernelApiError;
    expect(err).toBeInstanceOf(KernelApiError);
    expect(lines).toHaveLength(2);
    for (const text of [err.message, ...lines]) {
      // The message, 20 details of 300 characters, and the words around them.
      expect(text.length).toBeLessThan(MAX_MESSAGE_CHARS + 21 * 320 + 500);
      expect(text).not.toContain(SECRET.slice(0, 8));
    }
    expect(err.apiMessage).toBe(`[redacted] ${"m".repeat(MAX_MESSAGE_CHARS - 11)}…`);
    expect(err.details).toHaveLength(21);
    expect(err.details[20]).toEqual({ message: "and 30 more details" });
  });

  it("names a 2xx body that is not JSON without quoting it", async () => {
    const SECRET = "JBSWY3DPEHPK3PXP";
    const api = mockApi(() => ({ status: 200, body: `${SECRET.slice(0, 10)}` }));
    const err = (await client(api)
      .operation({ secrets: [SECRET] })
      .request("GET", "/credentials/c", { parse: (j) => j })
      .catch((e: unknown) => e)) as Error;
    expect(err.message).toBe(
      "GET /credentials/c returned 200 with a malformed body: the body is not JSON (10 characters)",
    );
  });
});
