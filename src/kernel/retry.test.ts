import {
  type AttemptOutcome,
  DEFAULT_RETRY_POLICY,
  decideRetry,
  isRetryable,
  retryAfterMs,
  serverDidNotAct,
} from "./retry";

const response = (status: number, headers: Record<string, string> = {}): AttemptOutcome => ({
  kind: "response",
  status,
  headers,
});
const decide = (
  method: "GET" | "POST" | "PATCH" | "DELETE",
  outcome: AttemptOutcome,
  attempt = 1,
  remainingMs = 120_000,
) =>
  decideRetry({
    method,
    outcome,
    attempt,
    remainingMs,
    policy: DEFAULT_RETRY_POLICY,
    random: () => 0.5,
    now: 0,
  });

describe("which outcomes are retried", () => {
  it.each([408, 429, 500, 502, 503, 504])("retries %i for GET, PATCH and DELETE", (status) => {
    for (const method of ["GET", "PATCH", "DELETE"] as const) {
      expect(isRetryable(method, response(status))).toBe(true);
    }
  });

  it.each([400, 401, 403, 404, 409, 422])("never retries %i", (status) => {
    for (const method of ["GET", "POST", "PATCH", "DELETE"] as const) {
      expect(isRetryable(method, response(status))).toBe(false);
    }
  });

  it("retries a POST only where the server certainly did not act", () => {
    expect(isRetryable("POST", response(429))).toBe(true);
    expect(isRetryable("POST", response(503, { "retry-after": "1" }))).toBe(true);
    expect(isRetryable("POST", response(503))).toBe(false);
    expect(isRetryable("POST", response(500))).toBe(false);
    expect(isRetryable("POST", response(502))).toBe(false);
    expect(isRetryable("POST", { kind: "connection-error", mayHaveActed: false })).toBe(true);
    expect(isRetryable("POST", { kind: "connection-error", mayHaveActed: true })).toBe(false);
    expect(isRetryable("POST", { kind: "malformed-body" })).toBe(false);
    expect(serverDidNotAct(response(409))).toBe(false);
  });

  it("retries connection errors and malformed bodies for idempotent methods", () => {
    expect(isRetryable("GET", { kind: "connection-error", mayHaveActed: true })).toBe(true);
    expect(isRetryable("PATCH", { kind: "malformed-body" })).toBe(true);
  });
});

describe("how long to wait", () => {
  it("backs off exponentially with jitter", () => {
    const waits = [1, 2, 3, 4].map((attempt) => {
      const d = decide("GET", response(500), attempt);
      return d.retry ? d.delayMs : -1;
    });
    expect(waits).toEqual([150, 300, 600, 1200]);
  });

  it("jitters between half and all of the backoff", () => {
    const at = (random: number) =>
      decideRetry({
        method: "GET",
        outcome: response(502),
        attempt: 3,
        remainingMs: 120_000,
        policy: DEFAULT_RETRY_POLICY,
        random: () => random,
        now: 0,
      });
    expect(at(0)).toEqual({ retry: true, delayMs: 400 });
    expect(at(0.999)).toEqual({ retry: true, delayMs: 799 });
  });

  it("honours Retry-After in seconds and as an HTTP date, and retry-after-ms", () => {
    expect(retryAfterMs({ "retry-after": "2" }, 0)).toBe(2000);
    expect(retryAfterMs({ "retry-after": "Thu, 01 Jan 1970 00:00:05 GMT" }, 1000)).toBe(4000);
    expect(retryAfterMs({ "retry-after-ms": "120", "retry-after": "9" }, 0)).toBe(120);
    expect(retryAfterMs({ "retry-after": "soon" }, 0)).toBeUndefined();
    expect(decide("GET", response(429, { "retry-after": "3" }))).toEqual({
      retry: true,
      delayMs: 3000 + 125,
    });
  });

  it("bounds 429s on their own count, other failures on attempts", () => {
    const limited = response(429, { "retry-after-ms": "10" });
    const at = (rateLimitedAttempts: number) =>
      decideRetry({
        method: "GET",
        outcome: limited,
        attempt: 0,
        rateLimitedAttempts,
        remainingMs: 120_000,
        policy: DEFAULT_RETRY_POLICY,
        random: () => 0,
        now: 0,
      });
    expect(at(DEFAULT_RETRY_POLICY.maxRateLimitedAttempts - 1).retry).toBe(true);
    expect(at(DEFAULT_RETRY_POLICY.maxRateLimitedAttempts).retry).toBe(false);
  });

  it("stops at the attempt bound", () => {
    expect(decide("GET", response(503), DEFAULT_RETRY_POLICY.maxAttempts)).toEqual({
      retry: false,
      why: "final",
    });
  });

  it("never waits past the operation's budget", () => {
    // A backoff that would use up what is left: give up now, as a budget failure.
    expect(decide("GET", response(503), 4, 1000)).toEqual({ retry: false, why: "budget" });
    expect(decide("GET", response(503), 4, 2000)).toEqual({ retry: true, delayMs: 1200 });
  });

  // Waiting less than the API asked would only meet 429 again.
  it("fails at once when Retry-After is longer than what is left, saying what was asked", () => {
    expect(decide("GET", response(429, { "retry-after": "60" }), 1, 59_000)).toEqual({
      retry: false,
      why: "retry-after",
      askedMs: 60_000,
    });
    expect(decide("POST", response(503, { "retry-after": "300" }), 1, 120_000)).toEqual({
      retry: false,
      why: "retry-after",
      askedMs: 300_000,
    });
    expect(decide("GET", response(429, { "retry-after": "Infinity" }))).toMatchObject({
      retry: false,
      askedMs: Infinity,
    });
  });

  it("reads absurd and broken Retry-After values safely", () => {
    expect(retryAfterMs({ "retry-after": "Infinity" }, 0)).toBe(Infinity);
    expect(retryAfterMs({ "retry-after": "1e999" }, 0)).toBe(Infinity);
    expect(retryAfterMs({ "retry-after": "99999999999999999999" }, 0)).toBeGreaterThan(2 ** 31);
    expect(retryAfterMs({ "retry-after-ms": "Infinity" }, 0)).toBe(Infinity);
    expect(retryAfterMs({ "retry-after": "-5" }, 0)).toBeUndefined();
    expect(retryAfterMs({ "retry-after": "1.5" }, 0)).toBe(1500);
    expect(retryAfterMs({ "retry-after": "" }, 0)).toBeUndefined();
    expect(retryAfterMs({ "retry-after": "Thu, 01 Jan 1970 00:00:01 GMT" }, 5000)).toBe(0);
  });

  it("does not repeat a request refused locally before sending", () => {
    const local: AttemptOutcome = { kind: "connection-error", mayHaveActed: false, local: true };
    expect(isRetryable("GET", local)).toBe(false);
    expect(isRetryable("POST", local)).toBe(false);
  });
});
