/**
 * The client's answer to rate limits, shared by every request of a process (and so by every
 * resource the host serves): a 429 pauses all requests until its Retry-After, and while the
 * API is limiting, requests go out through a window that halves on each 429 and grows by one on
 * each success (AIMD), so many resources do not return in one burst and meet 429 again.
 */
/** The gate's pause would outlive the caller's budget: thrown at once instead of waiting. */
export class PauseExceedsBudget extends Error {
  override name = "PauseExceedsBudget";
  constructor(
    /** How long the pause still lasts. */
    readonly pauseMs: number,
    /** What was left of the caller's budget. */
    readonly remainingMs: number,
  ) {
    super(`paused for another ${pauseMs} ms, more than the ${remainingMs} ms left`);
  }
}

export interface RateGateOptions {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** How long after the last 429 the gate stays in limited mode. */
  cooldownMs?: number;
  maxWindow?: number;
}

/** Longest pause kept (about 24.8 days, a timer's limit): longer is the same in practice. */
const MAX_PAUSE_MS = 2 ** 31 - 1;

export class RateGate {
  private pausedUntil = 0;
  private limitedUntil = 0;
  private window: number;
  private inFlight = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly options: RateGateOptions) {
    this.window = options.maxWindow ?? 64;
  }

  /**
   * Waits for the pause and for a place in the window; returns the release for the request.
   * `deadline` (on the gate's clock): a pause that would outlast it rejects at once with
   * PauseExceedsBudget, so one long Retry-After cannot stall operations that cannot afford it.
   */
  async acquire(deadline = Infinity): Promise<() => void> {
    let waitedFor = 0;
    for (;;) {
      const until = this.pausedUntil;
      const now = this.options.now();
      const pause = until - now;
      // Once per pause: a later 429 may move it, but an injected clock need not advance.
      if (pause > 0 && until !== waitedFor) {
        if (until >= deadline) throw new PauseExceedsBudget(pause, Math.max(0, deadline - now));
        waitedFor = until;
        const jitter = Math.floor(this.options.random() * 20);
        await this.options.sleep(Math.min(pause + jitter, deadline - now));
        continue;
      }
      if (!this.limited() || this.inFlight < this.window) break;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    this.inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.waiters.shift()?.();
    };
  }

  /** A 429: pause everyone for `retryAfterMs` and halve the window. */
  onRateLimited(retryAfterMs: number | undefined): void {
    const now = this.options.now();
    // An absurd Retry-After (Infinity) pauses "forever" without becoming NaN or a timer value.
    const pause = Math.min(retryAfterMs ?? 1000, MAX_PAUSE_MS);
    this.pausedUntil = Math.max(this.pausedUntil, now + pause);
    this.limitedUntil = now + pause + (this.options.cooldownMs ?? 2000);
    this.window = Math.max(1, Math.floor(Math.min(this.window, this.inFlight) / 2));
  }

  onSuccess(): void {
    if (this.limited()) {
      this.window = Math.min(this.options.maxWindow ?? 64, this.window + 1);
      this.waiters.shift()?.();
    } else {
      this.window = this.options.maxWindow ?? 64;
      // Leaving limited mode: let everyone who waited go. Every success passes here, so the
      // common case (nobody waits) allocates nothing.
      if (this.waiters.length > 0) this.waiters.splice(0).forEach((wake) => wake());
    }
  }

  private limited(): boolean {
    return this.options.now() < this.limitedUntil;
  }
}
