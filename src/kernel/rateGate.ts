/**
 * The client's answer to rate limits, shared by every request of a process (and so by every
 * resource the host serves): a 429 pauses all requests until its Retry-After, and while the
 * API is limiting, requests go out through a window that halves on each 429 and grows by one on
 * each success (AIMD), so many resources do not return in one burst and meet 429 again.
 */
export interface RateGateOptions {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** How long after the last 429 the gate stays in limited mode. */
  cooldownMs?: number;
  maxWindow?: number;
}

export class RateGate {
  private pausedUntil = 0;
  private limitedUntil = 0;
  private window: number;
  private inFlight = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly options: RateGateOptions) {
    this.window = options.maxWindow ?? 64;
  }

  /** Waits for the pause and for a place in the window; returns the release for the request. */
  async acquire(): Promise<() => void> {
    let waitedFor = 0;
    for (;;) {
      const until = this.pausedUntil;
      const pause = until - this.options.now();
      // Once per pause: a later 429 may move it, but an injected clock need not advance.
      if (pause > 0 && until !== waitedFor) {
        waitedFor = until;
        await this.options.sleep(pause + Math.floor(this.options.random() * 20));
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
    const pause = retryAfterMs ?? 1000;
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
