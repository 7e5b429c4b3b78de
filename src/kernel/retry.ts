/**
 * The one retry policy (BEHAVIOR.md section 7). Pure: it decides, the client waits. Kept apart
 * from the client so every rule is tested without a server.
 */
import type { HttpMethod } from "./errors";

export interface RetryPolicy {
  /** Attempts that did not end in 429, the first included. */
  maxAttempts: number;
  /** 429s one call may meet before it gives up (the total-wait bound applies too). */
  maxRateLimitedAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Upper bound on the sum of all waits of one call. */
  maxTotalWaitMs: number;
  /** Budget for one attempt, headers and body. */
  attemptTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  maxRateLimitedAttempts: 30,
  baseDelayMs: 200,
  maxDelayMs: 15_000,
  maxTotalWaitMs: 90_000,
  attemptTimeoutMs: 30_000,
};

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** What one attempt ended with. */
export type AttemptOutcome =
  | { kind: "response"; status: number; headers: Record<string, string | string[] | undefined> }
  | { kind: "connection-error"; mayHaveActed: boolean }
  | { kind: "malformed-body" };

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

export interface RetryContext {
  method: HttpMethod;
  outcome: AttemptOutcome;
  /** Attempts so far that did not end in 429; 1 for a first attempt that did not. */
  attempt: number;
  /** 429s met so far, the one that just ended included. */
  rateLimitedAttempts?: number;
  /** Sum of the waits so far. */
  waitedMs: number;
  policy: RetryPolicy;
  /** In [0, 1); injected so tests are deterministic. */
  random: () => number;
  now: number;
}

/**
 * Whether the server certainly did not act on this outcome. Only then may a POST be repeated:
 * the API has no idempotency key.
 */
export function serverDidNotAct(outcome: AttemptOutcome): boolean {
  if (outcome.kind === "connection-error") return !outcome.mayHaveActed;
  if (outcome.kind === "malformed-body") return false;
  if (outcome.status === 429) return true;
  return outcome.status === 503 && header(outcome.headers, "retry-after") !== undefined;
}

export function isRetryable(method: HttpMethod, outcome: AttemptOutcome): boolean {
  if (method === "POST") return serverDidNotAct(outcome);
  if (outcome.kind !== "response") return true;
  return RETRYABLE_STATUSES.has(outcome.status);
}

export function decideRetry(ctx: RetryContext): RetryDecision {
  const { method, outcome, attempt, waitedMs, policy } = ctx;
  if (!isRetryable(method, outcome)) return { retry: false };
  const is429 = outcome.kind === "response" && outcome.status === 429;
  if (
    is429
      ? (ctx.rateLimitedAttempts ?? 1) >= policy.maxRateLimitedAttempts
      : attempt >= policy.maxAttempts
  ) {
    return { retry: false };
  }
  const hinted = outcome.kind === "response" ? retryAfterMs(outcome.headers, ctx.now) : undefined;
  const tries = Math.max(1, is429 ? (ctx.rateLimitedAttempts ?? 1) : attempt);
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (tries - 1));
  // Half-to-full jitter on the backoff. A server hint is a floor, with jitter on top in
  // proportion to it (at most a quarter, at most 250 ms), so that many resources told "retry
  // in 1s" do not return in the same millisecond, and a hint of 20 ms is not turned into 200.
  const delayMs =
    hinted !== undefined
      ? hinted + Math.floor(ctx.random() * Math.min(hinted / 4, 250))
      : Math.floor(backoff / 2 + (ctx.random() * backoff) / 2);
  if (waitedMs + delayMs > policy.maxTotalWaitMs) return { retry: false };
  return { retry: true, delayMs };
}

/** `retry-after-ms`, else `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(
  headers: Record<string, string | string[] | undefined>,
  now: number,
): number | undefined {
  const ms = header(headers, "retry-after-ms");
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const value = header(headers, "retry-after");
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export function header(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
