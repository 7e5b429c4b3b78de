/**
 * A base URL where nothing answers: a refused connection to this machine or a host name that
 * does not exist fails at once and names kernel:baseUrl; other connection errors are retried,
 * and when the budget runs out first the error still says that nothing answers there.
 */
import type { Dispatcher } from "undici";
import { TEST_KEY } from "../../test/support/mockApi";
import { KernelClient, type KernelClientOptions } from "./client";
import { BudgetExceededError, KernelConnectionError } from "./errors";
import { isRetryable } from "./retry";

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

const parse = (json: unknown) => json;

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
