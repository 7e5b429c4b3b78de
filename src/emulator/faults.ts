/**
 * Injected faults: each rule matches a method and path and fires a number of times. The server
 * asks for the next matching rule on every API request.
 */
export type FaultKind =
  /** Answer with `status` (and `Retry-After`) without acting. */
  | "status"
  /** Act, then answer `ms` late (slower than a client's timeout, say). */
  | "delay"
  /** Close the connection without acting. */
  | "reset-before"
  /** Act, then close the connection without answering. */
  | "reset-after"
  /** Act, then answer 200 with a body that is not JSON. */
  | "malformed"
  /**
   * Act, then send the answer's headers at once and its body one byte every `ms` ms (10 by
   * default): each byte comes well within a gap timeout, the whole body never within a
   * client's deadline. An answer without a body (a DELETE's 204) drips 64 bytes (`{}` after
   * spaces) as a 200.
   */
  | "drip";

export interface FaultRule {
  kind: FaultKind;
  /** Any method when absent. */
  method?: string;
  /** Exact path, or a prefix ending in `*`; any path when absent. */
  path?: string;
  /** How many requests it hits; 1 by default. */
  times?: number;
  status?: number;
  /** Seconds, or an HTTP date. */
  retryAfter?: number | string;
  body?: unknown;
  /** `delay`: how late the answer comes; `drip`: the gap between two bytes of the body. */
  ms?: number;
}

const KINDS: readonly FaultKind[] = [
  "status",
  "delay",
  "reset-before",
  "reset-after",
  "malformed",
  "drip",
];

export class FaultPlan {
  private rules: (FaultRule & { remaining: number })[] = [];

  add(rule: FaultRule): void {
    if (!KINDS.includes(rule.kind)) {
      throw new Error(`unknown fault kind ${String(rule.kind)}`);
    }
    if (rule.ms !== undefined && !(Number.isFinite(rule.ms) && rule.ms >= 0)) {
      throw new Error(`fault ms must be a non-negative number, got ${String(rule.ms)}`);
    }
    this.rules.push({ ...rule, remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, consuming one of its times. */
  take(method: string, path: string): FaultRule | undefined {
    const rule = this.rules.find(
      (r) =>
        r.remaining > 0 &&
        (r.method === undefined || r.method.toUpperCase() === method) &&
        (r.path === undefined ||
          (r.path.endsWith("*") ? path.startsWith(r.path.slice(0, -1)) : r.path === path)),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    return rule;
  }
}

/** A token bucket: `ratePerSecond` sustained, `burst` at once. */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** 0 when the request may go now, else the milliseconds until a token is free. */
  take(): number {
    const now = this.now();
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.last) * this.ratePerSecond) / 1000,
    );
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond);
  }
}
