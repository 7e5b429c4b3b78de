/**
 * The client (./client): requests and their answers, errors by status, lists, lookups, budgets
 * and deadlines, keys and redaction, hostile answers, and a base URL where nothing answers.
 * Against undici's MockAgent, or a real server on 127.0.0.1 where the transport matters.
 */
import http from "node:http";
import { BASE_URL, TEST_KEY, managedAuth, mockApi } from "../../test/support/mockApi";
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  KernelClient,
  type KernelClientOptions,
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
  KernelTimeoutError,
  MalformedResponseError,
  NotFoundError,
  RateLimitError,
  isGone,
  isOutcomeUnknown,
} from "./errors";
import { type AddressInfo } from "node:net";
import { type Dispatcher } from "undici";
import { isRetryable } from "./retry";

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

const parse = (json: unknown) => json;

/** A server on 127.0.0.1 that counts requests and answers with `handler`. */
async function localServer(handler: http.RequestListener) {
  let count = 0;
  const server = http.createServer((req, res) => {
    count++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function client(options: Partial<KernelClientOptions> & { baseUrl?: string } = {}) {
  const waits: number[] = [];
  const c = new KernelClient({
    baseUrl: BASE_URL,
    apiKey: TEST_KEY,
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
    ...options,
  });
  return { client: c, waits };
}

describe("an API key that is a short or common word", () => {
  it("a client given the key `auth` sends nothing and never prints `/[redacted]/`", async () => {
    const api = mockApi(() => ({ status: 404, body: { code: "not_found", message: "auth" } }));
    const { client: c } = client({ apiKey: "auth", dispatcher: api.agent });
    const err = await c
      .operation()
      .request("GET", "/auth/connections/ma_1", { parse: (j) => j })
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(KernelConfigError);
    expect((err as Error).message).not.toContain("[redacted]");
    expect(api.requests).toHaveLength(0);
  });
});

describe("a key with a line break, and requests undici refuses locally", () => {
  it("a client given a key with a line break inside refuses before sending, once", async () => {
    const api = mockApi(() => ({ status: 200, body: {} }));
    const key = "sk_live_abc\r\ndefghij1234";
    const { client: c, waits } = client({ apiKey: key, dispatcher: api.agent });
    const err = await c
      .operation()
      .request("POST", "/credentials", { body: {}, parse })
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(KernelConfigError);
    expect((err as Error).message).toMatch(/control character/);
    expect((err as Error).message).not.toContain("defghij");
    expect(api.requests).toHaveLength(0);
    expect(waits).toEqual([]);
  });

  it("a request undici refuses before sending is 'not sent', not retried, not outcome-unknown", async () => {
    const server = await localServer((_req, res) => res.end("{}"));
    try {
      const { client: c, waits } = client({ baseUrl: server.url });
      // undici refuses a header value beyond Latin-1 (a project named in kanji); nothing
      // reaches the socket.
      const err = await c
        .operation({ project: "プロジェクト" })
        .request("POST", "/credentials", { body: {}, parse })
        .catch((e: Error) => e);
      expect(err).toBeInstanceOf(KernelConnectionError);
      expect(err).toMatchObject({ mayHaveActed: false });
      expect((err as Error).message).toMatch(/refused before it was sent/);
      expect(isOutcomeUnknown(err)).toBe(false);
      expect(server.requests()).toBe(0);
      expect(waits).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("a project with a line break is refused with a clear message before any request", async () => {
    const api = mockApi(() => ({ status: 200, body: {} }));
    const { client: c } = client({ dispatcher: api.agent });
    await expect(
      c.operation({ project: "proj\n" }).request("GET", "/profiles/p", { parse }),
    ).rejects.toThrow(/project .*control character/);
    expect(api.requests).toHaveLength(0);
  });
});

/** A clock that moves only when the client waits, or when a handler says time passed. */
function fakeClock() {
  let t = 0;
  const waits: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
    advance: (ms: number) => void (t += ms),
    waits,
    elapsed: () => t,
  };
}

function clocked(api: ReturnType<typeof mockApi>, extra: Partial<KernelClientOptions> = {}) {
  const clock = fakeClock();
  const c = new KernelClient({
    baseUrl: BASE_URL,
    apiKey: TEST_KEY,
    dispatcher: api.agent,
    random: () => 0.5,
    now: clock.now,
    sleep: clock.sleep,
    ...extra,
  });
  return { client: c, clock };
}

const rateLimited = (retryAfter: string) => ({
  status: 429,
  body: { code: "rate_limited", message: "slow down" },
  headers: { "retry-after": retryAfter },
});

describe("Retry-After and the process-wide pause are bounded by the budget", () => {
  it("a Retry-After longer than the budget left fails at once, saying how long the API asked", async () => {
    const api = mockApi(() => rateLimited("300"));
    const { client: c, clock } = clocked(api);
    const err = await c
      .operation()
      .request("GET", "/profiles/p", { parse })
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(BudgetExceededError);
    expect((err as Error).message).toMatch(
      /^GET \/profiles\/p failed with 429 rate_limited: slow down\. The API asked to wait 300 s \(Retry-After\), longer than the 120 s left of the operation's budget of 120 s/,
    );
    expect(api.requests).toHaveLength(1);
    expect(clock.waits).toEqual([]);
  });

  it.each(["Infinity", "99999999999999999999", "1e999"])(
    "handles the absurd Retry-After %j without a timer overflow",
    async (value) => {
      const warnings: string[] = [];
      const onWarning = (w: Error) => warnings.push(w.name);
      process.on("warning", onWarning);
      try {
        const api = mockApi(() => rateLimited(value));
        const { client: c, clock } = clocked(api);
        const err = await c
          .operation()
          .request("POST", "/credentials", { body: {}, parse })
          .catch((e: Error) => e);
        expect(err).toBeInstanceOf(BudgetExceededError);
        expect((err as Error).message).toMatch(/The API asked to wait .* \(Retry-After\)/);
        expect(api.requests).toHaveLength(1);
        expect(clock.waits).toEqual([]);
        // The next operation meets the process-wide pause and fails at once, too.
        await expect(c.operation().request("GET", "/profiles/p", { parse })).rejects.toBeInstanceOf(
          BudgetExceededError,
        );
        expect(api.requests).toHaveLength(1);
        await new Promise((resolve) => setImmediate(resolve));
        expect(warnings).not.toContain("TimeoutOverflowWarning");
      } finally {
        process.off("warning", onWarning);
      }
    },
  );

  it("during a process-wide pause, an operation whose budget is shorter fails at once, saying so", async () => {
    let n = 0;
    const api = mockApi(() =>
      ++n === 1 ? rateLimited("300") : { status: 200, body: { id: "p" } },
    );
    const { client: c, clock } = clocked(api);
    await expect(c.operation().request("GET", "/profiles/a", { parse })).rejects.toBeInstanceOf(
      BudgetExceededError,
    );
    const err = await c
      .operation()
      .request("GET", "/profiles/b", { parse })
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(BudgetExceededError);
    expect((err as Error).message).toBe(
      "GET /profiles/b was not sent: every request is paused for another 300 s after a 429 " +
        "from the API, longer than the 120 s left of the operation's budget of 120 s " +
        "(kernel:operationTimeoutSeconds or KERNEL_OPERATION_TIMEOUT_SECONDS).",
    );
    expect(api.requests).toHaveLength(1);
    expect(clock.waits).toEqual([]);
  });

  it("an operation whose budget covers the pause waits for it", async () => {
    let n = 0;
    const api = mockApi(() =>
      ++n === 1 ? rateLimited("300") : { status: 200, body: { id: "p" } },
    );
    const { client: c, clock } = clocked(api, { operationTimeoutMs: 600_000 });
    await expect(c.operation().request("GET", "/profiles/a", { parse })).resolves.toEqual({
      id: "p",
    });
    expect(api.requests).toHaveLength(2);
    expect(clock.elapsed()).toBeGreaterThanOrEqual(300_000);
    expect(clock.elapsed()).toBeLessThan(301_000);
  });
});

describe("one budget per operation", () => {
  it("a persistent 503 with Retry-After on a POST ends within the budget, naming the POST", async () => {
    const api = mockApi(() => ({
      status: 503,
      body: { code: "unavailable", message: "busy" },
      headers: { "retry-after": "5" },
    }));
    const { client: c, clock } = clocked(api);
    // As a create does: the POST's outcome is unknown, so it tries again, in one operation.
    const op = c.operation();
    let err: unknown;
    for (let round = 0; round < 10 && !(err instanceof BudgetExceededError); round++) {
      err = await op
        .request("POST", "/auth/connections", { body: {}, parse })
        .catch((e: Error) => e);
      // A 503 whose retries ran out is treated as ambiguous (a create looks it up, A5)...
      if (!(err instanceof BudgetExceededError)) expect(isOutcomeUnknown(err)).toBe(true);
    }
    expect(err).toBeInstanceOf(BudgetExceededError);
    // ...but when the budget ends it, every answer said "not acted": nothing to look up.
    expect(isOutcomeUnknown(err)).toBe(false);
    expect((err as Error).message).toMatch(
      /^POST \/auth\/connections failed with 503 unavailable: busy; then POST \/auth\/connections failed .*budget of 120 s/,
    );
    expect(clock.elapsed()).toBeLessThanOrEqual(120_000);
  });

  it("the error names the request that failed first (the POST), not the lookup after it", async () => {
    const { api, clock: shared } = (() => {
      const clock = fakeClock();
      const api = mockApi((req) => {
        if (req.method === "POST") return { status: 502, body: { code: "bad_gateway" } };
        clock.advance(30_000); // a lookup that takes the whole per-attempt timeout
        return { status: 504, body: { code: "gateway_timeout" } };
      });
      return { api, clock };
    })();
    const c = new KernelClient({
      baseUrl: BASE_URL,
      apiKey: TEST_KEY,
      dispatcher: api.agent,
      random: () => 0.5,
      now: shared.now,
      sleep: shared.sleep,
    });
    const op = c.operation();
    const postErr = await op
      .request("POST", "/auth/connections", { body: {}, parse })
      .catch((e: Error) => e);
    expect(isOutcomeUnknown(postErr)).toBe(true);
    const err = await op.find("/auth/connections", {}, parse, () => true).catch((e: Error) => e);
    expect(err).toBeInstanceOf(BudgetExceededError);
    expect((err as Error).message).toMatch(
      /^POST \/auth\/connections failed with 502 bad_gateway; then GET \/auth\/connections failed with 504 gateway_timeout\. Gave up: the operation's budget of 120 s ran out/,
    );
    expect(isOutcomeUnknown(err)).toBe(true);
    expect(shared.elapsed()).toBeLessThanOrEqual(120_000 + 30_000);
  });

  it("a final answer that arrives as the budget ends is reported as itself (a 409 stays a 409)", async () => {
    const clock = fakeClock();
    const api = mockApi(() => {
      clock.advance(130_000);
      return { status: 409, body: { code: "conflict", message: "exists" } };
    });
    const c = new KernelClient({
      baseUrl: BASE_URL,
      apiKey: TEST_KEY,
      dispatcher: api.agent,
      now: clock.now,
      sleep: clock.sleep,
    });
    const err = await c
      .operation()
      .request("POST", "/credentials", { body: {}, parse })
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(ConflictError);
  });

  it("each attempt's deadline is cut to what is left of the budget", async () => {
    const server = await localServer(() => undefined); // never answers
    try {
      const started = Date.now();
      const c = new KernelClient({
        baseUrl: server.url,
        apiKey: TEST_KEY,
        operationTimeoutMs: 300,
        retry: { attemptTimeoutMs: 30_000 },
      });
      const err = await c
        .operation()
        .request("GET", "/profiles/p", { parse })
        .catch((e: Error) => e);
      expect(err).toBeInstanceOf(BudgetExceededError);
      expect((err as Error).message).toMatch(/budget of 0\.3 s/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await server.close();
    }
  });
});

describe("one deadline per attempt, headers and body; a size cap", () => {
  it("cuts a body that drips in one byte at a time at kernel:requestTimeoutMs", async () => {
    const server = await localServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      const drip = setInterval(() => res.write(" "), 20);
      res.on("close", () => clearInterval(drip));
    });
    try {
      const started = Date.now();
      const c = new KernelClient({
        baseUrl: server.url,
        apiKey: TEST_KEY,
        retry: { attemptTimeoutMs: 200, maxAttempts: 1 },
      });
      const err = await c
        .operation()
        .request("GET", "/profiles/p", { parse })
        .catch((e: Error) => e);
      expect(err).toBeInstanceOf(KernelTimeoutError);
      expect((err as Error).message).toBe(
        "GET /profiles/p failed: no complete answer within 200 ms (kernel:requestTimeoutMs)",
      );
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await server.close();
    }
  });

  it("refuses an answer larger than the cap with a clear error", async () => {
    const big = JSON.stringify({ id: "p", pad: "x".repeat(5000) });
    const api = mockApi(() => ({ status: 200, body: big }));
    const { client: c } = clocked(api, { maxResponseBytes: 4096 });
    const err = await c
      .operation()
      .request("POST", "/profiles", { body: {}, parse })
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(MalformedResponseError);
    expect((err as Error).message).toBe(
      "POST /profiles returned 200 with a malformed body: the answer is larger than 4 KiB",
    );
    expect(api.requests).toHaveLength(1);
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(4 * 1024 * 1024);
  });
});

describe("a wrong base URL says to check kernel:baseUrl", () => {
  it.each([
    ["route_not_found", { code: "route_not_found", message: "no such route" }],
    ["a non-JSON page", "<html><body>404 Not Found</body></html>"],
  ])("a 404 that is not the API's (%s)", async (_what, body) => {
    const api = mockApi(() => ({ status: 404, body }));
    const { client: c } = clocked(api);
    const err = await c
      .operation()
      .request("DELETE", "/profiles/p", { parse })
      .catch((e: Error) => e);
    expect(isGone(err)).toBe(false);
    expect((err as Error).message).toMatch(
      /Check kernel:baseUrl \(or KERNEL_BASE_URL\): https:\/\/api\.onkernel\.com is not the Kernel API/,
    );
  });

  it("the API's own 404 not_found has no such hint", async () => {
    const api = mockApi(() => ({ status: 404, body: { code: "not_found", message: "gone" } }));
    const err = await clocked(api)
      .client.operation()
      .request("GET", "/profiles/p", { parse })
      .catch((e: Error) => e);
    expect((err as Error).message).not.toMatch(/baseUrl/);
  });

  it("a refused connection, after its retries, names the base URL without the key", async () => {
    const c = new KernelClient({
      baseUrl: "http://127.0.0.1:1",
      apiKey: TEST_KEY,
      sleep: async () => undefined,
      retry: { maxAttempts: 3 },
    });
    const err = await c
      .operation()
      .request("GET", "/profiles/p", { parse })
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(KernelConnectionError);
    expect((err as Error).message).toMatch(
      /^GET \/profiles\/p failed: ECONNREFUSED .*Check kernel:baseUrl \(or KERNEL_BASE_URL\): nothing answers at http:\/\/127\.0\.0\.1:1/,
    );
    expect((err as Error).message).not.toContain(TEST_KEY);
  });
});

describe("hostile ids in answers", () => {
  it.each(["..", ".", "ma\n1"])(
    "an auth connection answer with the id %j is malformed, never returned",
    async (id) => {
      const api = mockApi(() => ({ status: 200, body: managedAuth({ id }) }));
      const { client: c } = clocked(api);
      const err = await c
        .operation()
        .request("POST", "/auth/connections", {
          body: { profile_name: "p", domain: "d.com" },
          parse: (json) => {
            assertValidId((json as { id?: unknown }).id, "auth connection");
            return json;
          },
        })
        .catch((e: Error) => e);
      expect(err).toBeInstanceOf(MalformedResponseError);
      expect((err as Error).message).toMatch(/invalid auth connection id/);
      expect(api.requests).toHaveLength(1);
    },
  );
});

/**
 * A base URL where nothing answers: a refused connection to this machine or a host name that
 * does not exist fails at once and names kernel:baseUrl; other connection errors are retried,
 * and when the budget runs out first the error still says that nothing answers there.
 */

/** A dispatcher whose every request fails as a socket error with `code`, before any answer. */
function failingWith(code: string, message: string) {
  const calls: string[] = [];
  const dispatcher = {
    dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) {
      calls.push(`${options.method} ${options.path}`);
      const err = Object.assign(new Error(message), { code });
      queueMicrotask(() => handler.onResponseError?.({} as Dispatcher.DispatchController, err));
      return true;
    },
  } as unknown as Dispatcher;
  return { dispatcher, calls };
}

/** A clock that moves only when the client waits: every wait is recorded. */
function clockedClient(options: Partial<KernelClientOptions> & { baseUrl: string }) {
  let t = 0;
  const waits: number[] = [];
  const client = new KernelClient({
    apiKey: TEST_KEY,
    random: () => 0.5,
    now: () => t,
    sleep: async (ms) => {
      waits.push(ms);
      t += ms;
    },
    ...options,
  });
  return { client, waits, elapsed: () => t };
}

describe("a base URL where nothing answers", () => {
  it("a refused connection to a loopback port fails at once, naming kernel:baseUrl", async () => {
    // Port 1 on this machine: nothing listens there, so the connection is refused for real.
    const { client, waits } = clockedClient({ baseUrl: "http://127.0.0.1:1" });
    for (const method of ["GET", "POST", "PATCH", "DELETE"] as const) {
      const err = await client
        .operation()
        .request(method, "/profiles/p", { parse, ...(method === "GET" ? {} : { body: {} }) })
        .catch((e: Error) => e);
      expect(err).toBeInstanceOf(KernelConnectionError);
      expect(err).not.toBeInstanceOf(BudgetExceededError);
      expect((err as Error).message).toMatch(
        new RegExp(
          `^${method} /profiles/p failed: ECONNREFUSED .*Check kernel:baseUrl \\(or KERNEL_BASE_URL\\): nothing answers at http://127\\.0\\.0\\.1:1\\.$`,
        ),
      );
      expect((err as Error).message).not.toContain(TEST_KEY);
    }
    expect(waits).toEqual([]);
  });

  it("a host name that does not resolve fails at once, naming kernel:baseUrl", async () => {
    const { dispatcher, calls } = failingWith(
      "ENOTFOUND",
      "getaddrinfo ENOTFOUND api.kernel.invalid",
    );
    const { client, waits } = clockedClient({ baseUrl: "https://api.kernel.invalid", dispatcher });
    const err = await client
      .operation()
      .request("GET", "/profiles/p", { parse })
      .catch((e: Error) => e);
    expect((err as Error).message).toMatch(
      /^GET \/profiles\/p failed: ENOTFOUND .*nothing answers at https:\/\/api\.kernel\.invalid\.$/,
    );
    expect(calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("a refused connection to a remote host is retried, as a restarting server's would be", async () => {
    const { dispatcher, calls } = failingWith(
      "ECONNREFUSED",
      "connect ECONNREFUSED 203.0.113.9:443",
    );
    const { client, waits } = clockedClient({ baseUrl: "https://api.example.com", dispatcher });
    const err = await client
      .operation()
      .request("GET", "/profiles/p", { parse })
      .catch((e: Error) => e);
    expect(calls).toHaveLength(8);
    expect(waits).toHaveLength(7);
    expect((err as Error).message).toMatch(/nothing answers at https:\/\/api\.example\.com\.$/);
  });

  it("a temporary name-lookup failure is retried", async () => {
    const { dispatcher, calls } = failingWith("EAI_AGAIN", "getaddrinfo EAI_AGAIN api.example.com");
    const { client } = clockedClient({ baseUrl: "https://api.example.com", dispatcher });
    await client
      .operation()
      .request("GET", "/profiles/p", { parse })
      .catch(() => undefined);
    expect(calls.length).toBeGreaterThan(1);
  });

  it("when the budget runs out first, the error still says that nothing answers there", async () => {
    const { dispatcher } = failingWith("ECONNREFUSED", "connect ECONNREFUSED 203.0.113.9:443");
    const { client, elapsed } = clockedClient({
      baseUrl: "https://api.example.com",
      dispatcher,
      operationTimeoutMs: 1_000,
    });
    const err = await client
      .operation()
      .request("GET", "/profiles/p", { parse })
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(BudgetExceededError);
    expect((err as Error).message).toMatch(
      /^GET \/profiles\/p failed: ECONNREFUSED .*budget of 1 s ran out .*Check kernel:baseUrl \(or KERNEL_BASE_URL\): nothing answers at https:\/\/api\.example\.com\.$/s,
    );
    expect(elapsed()).toBeLessThan(1_000);
  });

  it("the retry policy never repeats an attempt that found nothing there", () => {
    for (const method of ["GET", "POST", "PATCH", "DELETE"] as const) {
      expect(
        isRetryable(method, { kind: "connection-error", mayHaveActed: false, unreachable: true }),
      ).toBe(false);
      expect(isRetryable(method, { kind: "connection-error", mayHaveActed: false })).toBe(true);
    }
  });
});
