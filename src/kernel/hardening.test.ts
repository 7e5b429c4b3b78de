/**
 * Issue 10 (client side) and issue 13 item 7: each finding's test, against undici's MockAgent
 * or a real server on 127.0.0.1 where the transport matters.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { BASE_URL, TEST_KEY, managedAuth, mockApi } from "../../test/support/mockApi";
import { DEFAULT_MAX_RESPONSE_BYTES, KernelClient, type KernelClientOptions } from "./client";
import {
  BudgetExceededError,
  ConflictError,
  KernelConfigError,
  KernelConnectionError,
  KernelTimeoutError,
  MalformedResponseError,
  isGone,
  isOutcomeUnknown,
} from "./errors";

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

describe("finding 6: short keys and common words", () => {
  it("a client given the key `auth` sends nothing and never prints `/[redacted]/`", async () => {
    const api = mockApi(() => ({ status: 404, body: { code: "not_found", message: "auth" } }));
    const { client: c } = client({ apiKey: "auth", dispatcher: api.agent });
    const err = await c.getAuthConnection("ma_1").catch((e: Error) => e);
    expect(err).toBeInstanceOf(KernelConfigError);
    expect((err as Error).message).not.toContain("[redacted]");
    expect(api.requests).toHaveLength(0);
  });
});

describe("finding 7: a key with a line break, and requests undici refuses locally", () => {
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

describe("finding 2: Retry-After and the process-wide pause are bounded by the budget", () => {
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

describe("finding 9: one budget per operation", () => {
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
      expect(isOutcomeUnknown(err)).toBe(true);
    }
    expect(err).toBeInstanceOf(BudgetExceededError);
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

describe("finding 3: one deadline per attempt, headers and body; a size cap", () => {
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

describe("issue 13 item 7: a wrong base URL says to check kernel:baseUrl", () => {
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

describe("finding 10: hostile ids in answers", () => {
  it.each(["..", ".", "ma\n1"])(
    "an auth connection answer with the id %j is malformed, never returned",
    async (id) => {
      const api = mockApi(() => ({ status: 200, body: managedAuth({ id }) }));
      const { client: c } = clocked(api);
      const err = await c
        .createAuthConnection({ profile_name: "p", domain: "d.com" })
        .catch((e: Error) => e);
      expect(err).toBeInstanceOf(MalformedResponseError);
      expect((err as Error).message).toMatch(/invalid auth connection id/);
      expect(api.requests).toHaveLength(1);
    },
  );
});
