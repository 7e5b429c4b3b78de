/**
 * How fast this process may send while the API limits it, after the AWS SDKs' "adaptive" retry
 * mode: a token bucket whose fill rate follows throttling, so the client settles at the API's
 * limit instead of bouncing off it. Pure: the clock is injected and nothing here waits; the rate
 * gate does the waiting.
 *
 * - Until the first 429 nothing is paced; only the number of requests in flight starts small and
 *   doubles with each round of successes (slow start), so a burst of resources does not meet an
 *   unknown limit all at once.
 * - A 429 cuts the fill rate by as much as its Retry-After says the request was early: a little
 *   (`beta`, 0.98) when it was nearly on time, down to half when it was an interval or more early.
 *   One Retry-After is one sample of how early requests arrive, the network's jitter included,
 *   so the cut goes half the way to the rate at which that request would have been on time.
 *   The first 429, with no fill rate yet, estimates the rate from what the API accepted. Only a
 *   429 for a request sent after the last cut counts: earlier ones report on the old rate, and
 *   cutting again for them would compound one overshoot into several.
 * - A refused request took nothing from the API's bucket: its token comes back, due when the
 *   Retry-After ends, so the next request goes then instead of a whole interval later (a 429
 *   from jitter costs a round trip, not a slot of the limit).
 * - Each success moves the fill rate along a cubic through the last maximum: fast while far below
 *   it, flat near it, then faster past it, so a limit that was raised is found again; it is back
 *   at the last maximum `recoverySeconds` (0.75 s) after the cut. Past the
 *   last maximum it never exceeds twice the measured send rate, so an idle client does not bank a
 *   rate it never tried.
 */
export interface AdaptiveRateOptions {
  /** Milliseconds, monotonic. */
  now: () => number;
  /** The mildest cut: the fill rate after a 429 is at most this fraction of the rate that met it. */
  beta?: number;
  /** The deepest cut, for a 429 whose Retry-After is an interval or more. */
  deepestCut?: number;
  /** Seconds the cubic takes to climb back to the last maximum after a cut (0.75). */
  recoverySeconds?: number;
  /** Requests per second the fill rate never goes below. */
  minRate?: number;
  /** Requests in flight allowed before any success (slow start). */
  initialWindow?: number;
  /** Time constant of the measured send rate, in milliseconds. */
  measureMs?: number;
}

/** What a request ended with, as far as the rate is concerned. */
export type RateOutcome = "accepted" | "throttled" | "other";

/** An exponentially decayed event rate, exact from the first event on (no warm-up bias). */
class MeasuredRate {
  private weight = 0;
  private at = 0;
  private first: number | undefined;

  constructor(private readonly tauMs: number) {}

  record(now: number): void {
    this.first ??= now;
    this.weight = this.weight * Math.exp(-(now - this.at) / this.tauMs) + 1;
    this.at = now;
  }

  /** Events per second; undefined before the first. */
  perSecond(now: number): number | undefined {
    if (this.first === undefined) return undefined;
    const decayed = this.weight * Math.exp(-(now - this.at) / this.tauMs);
    // Young estimators have seen less than one time constant: divide by the share they saw.
    const seen = 1 - Math.exp(-Math.max(1, now - this.first) / this.tauMs);
    return (decayed / seen / this.tauMs) * 1000;
  }
}

/** The cut for a 429 that does not say how long to wait: the AWS SDKs' fixed one. */
const UNTOLD_CUT = 0.7;

/**
 * How much of one 429's earliness the cut follows. A request refused 2 ms early at 50/s was
 * early by jitter as often as by rate: following all of it cuts 5% for a spell of jitter, and
 * the rate then spends its recovery below the limit.
 */
const EARLY_WEIGHT = 0.5;

export class AdaptiveRate {
  private readonly now: () => number;
  private readonly beta: number;
  private readonly deepestCut: number;
  private readonly recoveryMs: number;
  private readonly minRate: number;
  /** Requests per second; undefined until the API first throttles. */
  private fill: number | undefined;
  private lastMax = 0;
  /** How deep the last cut went, as a fraction of `lastMax`. */
  private depth = 0;
  private lastCut = -Infinity;
  private curveStart = 0;
  private tokens = 1;
  private refilledAt: number;
  private window: number;
  private inFlight = 0;
  private readonly sends: MeasuredRate;
  /** When requests in flight last rose from none: the start of the current busy spell. */
  private busySince = 0;
  /** Send and answer times of accepted requests, kept only until the first 429. */
  private acceptedSends: { sentAt: number; endedAt: number }[] = [];

  constructor(options: AdaptiveRateOptions) {
    this.now = options.now;
    this.beta = options.beta ?? 0.98;
    this.deepestCut = options.deepestCut ?? 0.5;
    this.recoveryMs = (options.recoverySeconds ?? 0.75) * 1000;
    this.minRate = options.minRate ?? 0.5;
    this.window = options.initialWindow ?? 4;
    this.sends = new MeasuredRate(options.measureMs ?? 1000);
    this.refilledAt = this.now();
  }

  /** The fill rate in requests per second; undefined while the API has not throttled. */
  get rate(): number | undefined {
    return this.fill;
  }

  /**
   * Milliseconds until one more request may go: 0 now (then call `sent`), Infinity when it must
   * wait for a request in flight to end (slow start).
   */
  delay(): number {
    if (this.fill === undefined) return this.inFlight < this.window ? 0 : Infinity;
    this.refill();
    const wait = ((1 - this.tokens) * 1000) / this.fill;
    // Less than a timer's resolution is not waited (a timer would fire a millisecond late, and a
    // wait shrinking towards zero would never end); the bucket keeps the debt, so on average
    // requests still go no faster than the fill rate.
    return wait < 1 ? 0 : wait;
  }

  /** A request goes now; returns its send time, to be handed back to `ended`. */
  sent(): number {
    const now = this.now();
    if (this.fill !== undefined) {
      this.refill();
      this.tokens -= 1;
    }
    if (this.inFlight === 0) this.busySince = now;
    this.inFlight++;
    this.sends.record(now);
    return now;
  }

  /**
   * A request sent at `sentAt` ended. True when the next request may now go sooner than
   * `delay` said before (a refused request's token came back): a caller waiting on it should
   * ask again.
   */
  ended(sentAt: number, outcome: RateOutcome, retryAfterMs?: number): boolean {
    const now = this.now();
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (outcome === "accepted") {
      if (this.fill === undefined) {
        this.window++;
        this.acceptedSends.push({ sentAt, endedAt: now });
        if (this.acceptedSends.length > 256) this.acceptedSends.shift();
      } else this.grow(now);
    } else if (outcome === "throttled") {
      if (sentAt > this.lastCut) this.cut(now, sentAt, retryAfterMs);
      return this.refund(retryAfterMs);
    }
    return false;
  }

  /**
   * The first 429 finds no rate to cut. The API accepted the requests sent before the one it
   * refused and will take another after `retryAfterMs`: that many over the time from the first
   * of their sends to then is what it allows (for a token bucket, one token per interval; for a
   * fixed window, the window's quota over its length). The time is the longer of two
   * readings: from the first of their sends, and from the first of their answers to this one.
   * Sends alone read short when requests leave together but reach the API apart (each waits
   * for a connection of its own, as a burst at the start does); answers alone read short when a
   * first answer was slow (a cold process).
   */
  private firstEstimate(now: number, sentAt: number, retryAfterMs: number | undefined): number {
    // Only this busy spell's: an idle one before it says nothing about the limit either.
    const before = this.acceptedSends.filter(
      (a) => a.sentAt <= sentAt && a.sentAt >= this.busySince,
    );
    const wait = retryAfterMs ?? 1000;
    let span = wait;
    if (before.length > 0) {
      const bySends = sentAt - Math.min(...before.map((a) => a.sentAt));
      const byAnswers = now - Math.min(...before.map((a) => a.endedAt));
      span += Math.max(bySends, byAnswers);
    }
    return (Math.max(1, before.length) * 1000) / Math.max(1, span);
  }

  private cut(now: number, sentAt: number, retryAfterMs: number | undefined): void {
    this.refill();
    let base: number;
    let next: number;
    // Where the cubic starts: at the cut, or (the first estimate, a guess) already at its maximum,
    // probing past it at once; a guess too high costs a few deep cuts, one too low a slow climb.
    let curveStart = now;
    if (this.fill === undefined) {
      base = Math.max(this.minRate, this.firstEstimate(now, sentAt, retryAfterMs));
      next = base;
      curveStart = now - this.recoveryMs;
    } else {
      base = this.fill;
      // The Retry-After says how early the request was: had every interval been that much
      // longer, it would have gone through. A request just early (the network's jitter) costs a
      // small cut, one far too early (the limit dropped) a deep one.
      const stretched =
        retryAfterMs === undefined
          ? base * UNTOLD_CUT
          : 1000 / (1000 / base + EARLY_WEIGHT * retryAfterMs);
      next = Math.min(base * this.beta, Math.max(base * this.deepestCut, stretched));
    }
    next = Math.max(this.minRate, next);
    this.acceptedSends = [];
    this.lastMax = base;
    this.depth = 1 - next / base;
    this.lastCut = now;
    this.curveStart = curveStart;
    this.fill = next;
    // What the bucket held was granted at the old rate.
    this.tokens = Math.min(this.tokens, 0);
  }

  /**
   * The refused request's token back, due when its Retry-After ends (when the API said it would
   * take one): the bucket is raised to what fills to one token by then, never lowered. Only
   * when the 429 says how long: without it, nothing is known about when the API takes one.
   */
  private refund(retryAfterMs: number | undefined): boolean {
    if (this.fill === undefined || retryAfterMs === undefined) return false;
    this.refill();
    const due = 1 - (retryAfterMs * this.fill) / 1000;
    if (due <= this.tokens) return false;
    this.tokens = Math.min(1, due);
    return true;
  }

  private grow(now: number): void {
    this.refill();
    // W(t) = Wmax * (1 + c * (t / K - 1)^3): the cut rate right after the cut (c = its depth),
    // flat at Wmax at K, then a probe past it (c = 1: twice Wmax at 2K) that finds a raised limit.
    const x = (now - this.curveStart) / this.recoveryMs - 1;
    const cubic = this.lastMax * (1 + (x < 0 ? this.depth : 1) * x * x * x);
    // Up to the last maximum is a rate already tried; past it, at most twice what was sent.
    const ceiling = Math.max(this.lastMax, 2 * (this.sends.perSecond(now) ?? 0));
    this.fill = Math.max(this.minRate, Math.min(cubic, ceiling));
  }

  private refill(): void {
    const now = this.now();
    if (this.fill !== undefined) {
      this.tokens = Math.min(1, this.tokens + ((now - this.refilledAt) * this.fill) / 1000);
    }
    this.refilledAt = now;
  }
}
