/**
 * The client's answer to rate limits, shared by every request of a process (and so by every
 * resource the host serves). A 429 pauses all requests until its Retry-After, and requests go
 * out at the pace of ./adaptiveRate: not paced until the API first throttles, then one at a time
 * through a token bucket whose rate follows the 429s, so the process settles at the API's limit
 * instead of meeting 429 again in bursts. No wait outlives the deadline of the operation waiting.
 */
import { AdaptiveRate, type AdaptiveRateOptions, type RateOutcome } from "./adaptiveRate";

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
  /** Tuning of the adaptive rate (tests); its clock is the gate's. */
  rate?: Omit<AdaptiveRateOptions, "now">;
}

/** Ends a request's hold on the gate, saying how it went: the rate learns from it. */
export type Release = (outcome?: RateOutcome, retryAfterMs?: number) => void;

/** Longest pause kept (about 24.8 days, a timer's limit): longer is the same in practice. */
const MAX_PAUSE_MS = 2 ** 31 - 1;

interface Waiter {
  deadline: number;
  turn: () => void;
  fail: (err: Error) => void;
}

export class RateGate {
  private pausedUntil = 0;
  private readonly rate: AdaptiveRate;
  /** Whether a request is at the head of the line, waiting for the rate to let it go. */
  private headBusy = false;
  private readonly line: Waiter[] = [];
  /** The head, when it waits for a request in flight to end (slow start). */
  private readonly onEnd: (() => void)[] = [];
  /** Wakes the head from its paced wait: a refused request's token came back sooner. */
  private wakeHead: (() => void) | undefined;

  constructor(private readonly options: RateGateOptions) {
    this.rate = new AdaptiveRate({ ...options.rate, now: options.now });
  }

  /**
   * Waits for the pause and for the request's turn at the rate; returns its release.
   * `deadline` (on the gate's clock): a pause that would outlast it rejects at once with
   * PauseExceedsBudget, so one long Retry-After cannot stall operations that cannot afford it;
   * a turn that has not come by then rejects the same way.
   */
  async acquire(deadline = Infinity): Promise<Release> {
    const paused = { waitedFor: 0 };
    await this.waitOutPause(deadline, paused);
    await this.takeTurn(deadline);
    let sentAt: number;
    try {
      // One paced wait per request: it waited for its own token, so it goes after it (and an
      // injected clock that does not move cannot hold it for ever).
      let paced = false;
      for (;;) {
        // A 429 while this request waited in line: its pause holds this one too.
        if (await this.waitOutPause(deadline, paused)) continue;
        this.dropExpired();
        if (paced) break;
        const delay = this.rate.delay();
        if (delay === 0) break;
        if (delay === Infinity) {
          // Bounded: every request in flight ends by its own attempt's deadline.
          await new Promise<void>((resolve) => this.onEnd.push(resolve));
          continue;
        }
        const now = this.options.now();
        if (now + delay > deadline) {
          throw new PauseExceedsBudget(Math.ceil(delay), Math.max(0, deadline - now));
        }
        // Woken early when a 429 gives its token back: then the wait is asked again (after the
        // 429's pause), instead of sleeping out an interval the API no longer needs.
        let woken = false;
        await Promise.race([
          this.options.sleep(delay),
          new Promise<void>((wake) => (this.wakeHead = () => ((woken = true), wake()))),
        ]);
        this.wakeHead = undefined;
        if (!woken) paced = true;
      }
      sentAt = this.rate.sent();
    } finally {
      this.passTurn();
    }
    let released = false;
    return (outcome = "other", retryAfterMs) => {
      if (released) return;
      released = true;
      if (this.rate.ended(sentAt, outcome, retryAfterMs)) this.wakeHead?.();
      if (this.onEnd.length > 0) this.onEnd.splice(0).forEach((wake) => wake());
    };
  }

  /** A 429: pause everyone for `retryAfterMs` (its request's release cuts the rate). */
  onRateLimited(retryAfterMs: number | undefined): void {
    const now = this.options.now();
    // An absurd Retry-After (Infinity) pauses "forever" without becoming NaN or a timer value.
    const pause = Math.min(retryAfterMs ?? 1000, MAX_PAUSE_MS);
    this.pausedUntil = Math.max(this.pausedUntil, now + pause);
  }

  /** The rate requests go out at, per second; undefined until the API first throttles. */
  get ratePerSecond(): number | undefined {
    return this.rate.rate;
  }

  /** Waits out the current pause, if any not yet waited; true when it waited. */
  private async waitOutPause(deadline: number, paused: { waitedFor: number }): Promise<boolean> {
    const until = this.pausedUntil;
    const now = this.options.now();
    const pause = until - now;
    // Once per pause: a later 429 may move it, but an injected clock need not advance.
    if (!(pause > 0 && until !== paused.waitedFor)) return false;
    if (until >= deadline) throw new PauseExceedsBudget(pause, Math.max(0, deadline - now));
    paused.waitedFor = until;
    // Jitter only while nothing is paced; once it is, the line spreads the requests anyway.
    const jitter = this.rate.rate === undefined ? Math.floor(this.options.random() * 20) : 0;
    await this.options.sleep(Math.min(pause + jitter, deadline - now));
    return true;
  }

  private async takeTurn(deadline: number): Promise<void> {
    if (!this.headBusy) {
      this.headBusy = true;
      return;
    }
    await new Promise<void>((turn, fail) => this.line.push({ deadline, turn, fail }));
  }

  /** The head is done: the next in line whose deadline has not passed takes its place. */
  private passTurn(): void {
    this.dropExpired();
    const next = this.line.shift();
    if (next) next.turn();
    else this.headBusy = false;
  }

  /** Those in line whose deadline passed leave it, failing as a pause beyond their budget. */
  private dropExpired(): void {
    if (this.line.length === 0) return;
    const now = this.options.now();
    for (let i = this.line.length - 1; i >= 0; i--) {
      const waiter = this.line[i];
      if (waiter.deadline > now) continue;
      this.line.splice(i, 1);
      const interval = this.rate.rate === undefined ? 0 : 1000 / this.rate.rate;
      waiter.fail(new PauseExceedsBudget(Math.ceil((i + 1) * interval), 0));
    }
  }
}
