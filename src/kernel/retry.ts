/**
 * The one retry policy (docs/behaviour.md). Pure: it decides, the client waits. Kept apart from
 * the client so every rule is tested without a server. Waits are bounded by what is left of the
 * operation's budget (`remainingMs`), not by a bound of their own.
 */
import type { HttpMethod } from "./errors";

export interface RetryPolicy {
  /** Attempts that did not end in 429, the first included. */
  maxAttempts: number;
  /** 429s one call may meet before it gives up (the total-wait bound applies too). */
  maxRateLimitedAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Deadline of one attempt, headers and the whole body (`kernel:requestTimeoutMs`). */
  attemptTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  maxRateLimitedAttempts: 30,
  baseDelayMs: 200,
  maxDelayMs: 15_000,
  attemptTimeoutMs: 30_000,
};

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** What one attempt ended with. */
export type AttemptOutcome =
  | { kind: "response"; status: number; headers: Record<string, string | string[] | undefined> }
  | {
      kind: "connection-error";
      mayHaveActed: boolean;
      /** Refused locally (an invalid header, say): repeating it would only fail the same way. */
      local?: boolean;
      /**
       * Nothing will answer at the base URL however long one waits (a refused connection to a
       * loopback address, a host name that does not exist): failing at once says so.
       */
      unreachable?: boolean;
    }
  | { kind: "malformed-body" };

export type RetryDecision =
  | { retry: true; delayMs: number }
  | {
      retry: false;
      /**
       * `final`: the outcome is not retried, or the attempts are used up. `budget`: the next
       * wait would outlive the operation's budget. `retry-after`: the API asked for a wait
       * (`askedMs`) longer than what is left of the budget.
       */
      why: "final" | "budget" | "retry-after";
      askedMs?: number;
    };

export interface RetryContext {
  method: HttpMethod;
  outcome: AttemptOutcome;
  /** Attempts so far that did not end in 429; 1 for a first attempt that did not. */
  attempt: number;
  /** 429s met so far, the one that just ended included. */
  rateLimitedAttempts?: number;
  /** What is left of the operation's budget; no wait may outlive it. */
  remainingMs: number;
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
  if (outcome.kind === "connection-error" && (outcome.local || outcome.unreachable)) return false;
  if (method === "POST") return serverDidNotAct(outcome);
  if (outcome.kind !== "response") return true;
  return RETRYABLE_STATUSES.has(outcome.status);
}

export function decideRetry(ctx: RetryContext): RetryDecision {
  const { method, outcome, attempt, remainingMs, policy } = ctx;
  if (!isRetryable(method, outcome)) return { retry: false, why: "final" };
  const is429 = outcome.kind === "response" && outcome.status === 429;
  if (
    is429
      ? (ctx.rateLimitedAttempts ?? 1) >= policy.maxRateLimitedAttempts
      : attempt >= policy.maxAttempts
  ) {
    return { retry: false, why: "final" };
  }
  const hinted = outcome.kind === "response" ? retryAfterMs(outcome.headers, ctx.now) : undefined;
  // Waiting less than the API asked is pointless (it would answer 429 again): fail now, and
  // say how long it asked for.
  if (hinted !== undefined && hinted >= remainingMs) {
    return { retry: false, why: "retry-after", askedMs: hinted };
  }
  const tries = Math.max(1, is429 ? (ctx.rateLimitedAttempts ?? 1) : attempt);
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (tries - 1));
  // Half-to-full jitter on the backoff. A server hint is a floor, with jitter on top in
  // proportion to it (at most a quarter, at most 250 ms), so that many resources told "retry
  // in 1s" do not return in the same millisecond, and a hint of 20 ms is not turned into 200.
  const delayMs =
    hinted !== undefined
      ? hinted + Math.floor(ctx.random() * Math.min(hinted / 4, 250))
      : Math.floor(backoff / 2 + (ctx.random() * backoff) / 2);
  // After the wait the next attempt needs some time of its own, else it cannot succeed.
  if (delayMs >= remainingMs) return { retry: false, why: "budget" };
  return { retry: true, delayMs };
}

/**
 * `retry-after-ms`, else `Retry-After` in seconds or as an HTTP date. Absurd values are taken
 * at their word: `Infinity`, `1e999` or twenty digits mean "longer than any budget" (Infinity or
 * a huge number, never a timer value: callers compare it with the budget and clamp timers).
 * Negative or unreadable values are no hint.
 */
export function retryAfterMs(
  headers: Record<string, string | string[] | undefined>,
  now: number,
): number | undefined {
  const ms = number(header(headers, "retry-after-ms"));
  if (ms !== undefined) return Math.ceil(ms);
  const value = header(headers, "retry-after")?.trim();
  if (value === undefined || value === "") return undefined;
  const seconds = number(value);
  if (seconds !== undefined) return Math.ceil(seconds * 1000);
  if (/^[+-]?(\d|\.\d)/.test(value)) return undefined; // a negative or broken number
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** A non-negative decimal (exponent allowed) or `Infinity`; anything else is undefined. */
function number(raw: string | undefined): number | undefined {
  const text = raw?.trim();
  if (!text || !/^(\d+(\.\d*)?([eE][+-]?\d+)?|Infinity)$/.test(text)) return undefined;
  return Number(text);
}

export function header(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
