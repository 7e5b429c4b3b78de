import { AdaptiveRate } from "./adaptiveRate";

/** A clock that moves only when told. */
function clock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** A token-bucket API (burst 1) on the same clock: 0 when it takes a request, else Retry-After ms. */
function bucketApi(c: { now: () => number }, perSecond: () => number) {
  let tokens = 1;
  let at = c.now();
  return () => {
    tokens = Math.min(1, tokens + ((c.now() - at) * perSecond()) / 1000);
    at = c.now();
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - tokens) * 1000) / perSecond());
  };
}

/**
 * Drives `rate` against `api` in virtual time: `workers` callers always want to send, every
 * answer takes `rttMs`, a 429 is retried once the rate lets it go. Returns what the API saw.
 */
function drive(
  rate: AdaptiveRate,
  c: ReturnType<typeof clock>,
  api: () => number,
  options: { requests: number; workers: number; rttMs: number; onTick?: (ms: number) => void },
) {
  let done = 0;
  let rejected = 0;
  const inFlight: { sentAt: number; answerAt: number; retryAfter: number }[] = [];
  let waiting = options.workers;
  const started = c.now();
  while (done < options.requests) {
    // Answers due now.
    for (const r of inFlight.filter((r) => r.answerAt <= c.now())) {
      inFlight.splice(inFlight.indexOf(r), 1);
      rate.ended(r.sentAt, r.retryAfter === 0 ? "accepted" : "throttled", r.retryAfter);
      if (r.retryAfter === 0) done++;
      else rejected++;
      waiting++;
    }
    // Sends the rate allows now.
    while (waiting > 0 && done + inFlight.length < options.requests && rate.delay() === 0) {
      const sentAt = rate.sent();
      inFlight.push({ sentAt, answerAt: c.now() + options.rttMs, retryAfter: api() });
      waiting--;
    }
    c.advance(0.25);
    options.onTick?.(c.now() - started);
  }
  return { seconds: (c.now() - started) / 1000, rejected };
}

describe("AdaptiveRate", () => {
  it("paces nothing before a 429; requests in flight start at 4 and grow with each success", () => {
    const c = clock();
    const rate = new AdaptiveRate({ now: c.now });
    const sent = [1, 2, 3, 4].map(() => (expect(rate.delay()).toBe(0), rate.sent()));
    expect(rate.delay()).toBe(Infinity);
    expect(rate.rate).toBeUndefined();
    rate.ended(sent[0], "accepted");
    // One ended, the window grew by one: two may go.
    expect(rate.delay()).toBe(0);
    rate.sent();
    expect(rate.delay()).toBe(0);
    rate.sent();
    expect(rate.delay()).toBe(Infinity);
    // A failure that is not a 429 frees its place without growing the window.
    rate.ended(sent[1], "other");
    expect(rate.delay()).toBe(0);
  });

  it("sets the first rate from what the API accepted over the span up to its Retry-After", () => {
    const c = clock();
    const rate = new AdaptiveRate({ now: c.now, beta: 0.9 });
    const first = rate.sent(); // accepted
    c.advance(10);
    const second = rate.sent(); // accepted
    c.advance(10);
    const third = rate.sent(); // refused
    // A slow answer (a cold process) does not count: send times do.
    c.advance(500);
    rate.ended(first, "accepted");
    rate.ended(second, "accepted");
    rate.ended(third, "throttled", 20);
    // 2 accepted from the first send to 20 ms after the refused one: 2 per 40 ms = 50/s, taken
    // as it is (a guess: the climb past it starts at once).
    expect(rate.rate).toBeCloseTo(50, 6);
  });

  it("reads the first span from the answers when requests left together but arrived apart", () => {
    const c = clock();
    const rate = new AdaptiveRate({ now: c.now });
    // A burst at the start: three leave within 2 ms, each waiting for a connection of its own,
    // so the API takes the first two 20 ms apart and refuses the third.
    const first = rate.sent();
    c.advance(1);
    const second = rate.sent();
    c.advance(1);
    const third = rate.sent();
    c.advance(30);
    rate.ended(first, "accepted");
    c.advance(20);
    rate.ended(second, "accepted");
    c.advance(5);
    rate.ended(third, "throttled", 15);
    // By sends: 2 per (2 + 15) ms, 118/s. By answers: 2 per (25 + 15) ms, 50/s: the longer
    // reading is taken.
    expect(rate.rate).toBeCloseTo(50, 6);
  });

  it("leaves accepted sends before an idle spell out of the first estimate", () => {
    const c = clock();
    const rate = new AdaptiveRate({ now: c.now, beta: 0.5 });
    rate.ended(rate.sent(), "accepted");
    c.advance(500); // nothing in flight meanwhile
    const a = rate.sent();
    c.advance(5);
    const refused = rate.sent();
    rate.ended(a, "accepted");
    rate.ended(refused, "throttled", 20);
    // One accepted in this busy spell, over 5 + 20 ms: 40/s (not 2 per 525 ms).
    expect(rate.rate).toBeCloseTo(40, 6);
  });

  it("spaces requests by the fill rate, one at a time, and never sends two closer", () => {
    const c = clock();
    const rate = new AdaptiveRate({ now: c.now, beta: 0.8 });
    const s = rate.sent();
    rate.ended(s, "throttled", 100); // 1 per 100 ms: 10/s, 100 ms apart
    expect(rate.rate).toBeCloseTo(10, 6);
    const sends: number[] = [];
    while (sends.length < 5) {
      const wait = rate.delay();
      if (wait === 0) sends.push(rate.sent());
      else c.advance(wait);
    }
    const gaps = sends.slice(1).map((t, i) => t - sends[i]);
    for (const gap of gaps) expect(gap).toBeCloseTo(100, 6);
  });

  it("does not wait less than a millisecond, and carries what it skipped to the next wait", () => {
    const c = clock();
    const rate = new AdaptiveRate({ now: c.now });
    rate.ended(rate.sent(), "throttled", 100); // 10/s: 100 ms apart
    c.advance(99.5);
    expect(rate.delay()).toBe(0); // 0.5 ms short: sent now
    rate.sent();
    expect(rate.delay()).toBeCloseTo(100.5, 6);
  });

  it("cuts once for 429s of requests sent before the last cut", () => {
    const c = clock();
    const rate = new AdaptiveRate({ now: c.now, beta: 0.5, minRate: 0.01 });
    const early = [rate.sent(), rate.sent(), rate.sent()];
    rate.ended(early[0], "throttled", 1000);
    const after = rate.rate!;
    rate.ended(early[1], "throttled", 1000);
    rate.ended(early[2], "throttled", 1000);
    expect(rate.rate).toBe(after);
    // One sent after the cut reports on the new rate: it cuts.
    c.advance(5_000);
    const late = rate.sent();
    rate.ended(late, "throttled", 5_000);
    expect(rate.rate).toBeLessThan(after);
  });

  it("cuts half the way to the rate its Retry-After says was on time: 0.98 at least, half at most", () => {
    const c = clock();
    const rate = new AdaptiveRate({ now: c.now });
    rate.ended(rate.sent(), "throttled", 10); // 100/s
    const cut = (retryAfterMs: number | undefined) => {
      c.advance(1);
      const before = rate.rate!;
      rate.ended(rate.sent(), "throttled", retryAfterMs);
      return { before, ratio: rate.rate! / before };
    };
    // Early by 10 ms: on time had every interval been 10 ms longer; one 429 is one sample of
    // the jitter too, so the cut goes half the way there (5 ms longer).
    const early = cut(10);
    expect(early.ratio).toBeCloseTo(1000 / (1000 / early.before + 5) / early.before, 6);
    expect(early.ratio).toBeGreaterThan(0.5);
    expect(early.ratio).toBeLessThan(0.98);
    // Nearly on time: the mildest cut.
    expect(cut(0).ratio).toBeCloseTo(0.98, 6);
    // An interval or more early (the limit dropped): half.
    expect(cut(60_000).ratio).toBeCloseTo(0.5, 6);
    // No Retry-After at all: the AWS SDKs' fixed 0.7.
    expect(cut(undefined).ratio).toBeCloseTo(0.7, 6);
  });

  it("gives a refused request's token back, due when its Retry-After ends", () => {
    const c = clock();
    const rate = new AdaptiveRate({ now: c.now });
    expect(rate.ended(rate.sent(), "throttled", 20)).toBe(false); // 50/s, 20 ms apart
    c.advance(20);
    const refused = rate.sent();
    c.advance(3);
    // Refused 2 ms early (jitter): the cut is mild, and the next request need not wait out
    // the whole interval the refused one used. The API takes one 2 ms from now: so does the rate.
    expect(rate.ended(refused, "throttled", 2)).toBe(true);
    expect(rate.rate).toBeCloseTo(1000 / (20 + 1), 6);
    expect(rate.delay()).toBeCloseTo(2, 6);
    // Sent then, the one after it waits a whole interval again.
    c.advance(2);
    rate.sent();
    expect(rate.delay()).toBeCloseTo(1000 / rate.rate!, 6);
  });

  it("gives nothing back for a 429 an interval or more early, or one that says no wait", () => {
    const c = clock();
    const rate = new AdaptiveRate({ now: c.now });
    rate.ended(rate.sent(), "throttled", 20); // 50/s
    c.advance(20);
    // The limit dropped: the API takes the next one 200 ms from now, later than the new pace.
    expect(rate.ended(rate.sent(), "throttled", 200)).toBe(false);
    expect(rate.delay()).toBeCloseTo(1000 / rate.rate!, 6);
    c.advance(1000);
    rate.sent();
    expect(rate.ended(rate.sent(), "throttled", undefined)).toBe(false);
    expect(rate.delay()).toBeGreaterThan(1000 / rate.rate! - 1e-6);
  });

  it("climbs back along the cubic: the last maximum at K, flat near it, then past it", () => {
    const c = clock();
    const rate = new AdaptiveRate({ now: c.now, beta: 0.5, recoverySeconds: 2 });
    // Keep the send-rate ceiling out of the way: send often.
    const succeedAt = (ms: number) => {
      while (c.now() < ms) {
        c.advance(5);
        rate.ended(rate.sent(), "accepted");
      }
      return rate.rate!;
    };
    rate.ended(rate.sent(), "throttled", 10); // 1 per 10 ms: 100/s
    c.advance(1);
    // Far too early (a Retry-After of a minute): the deepest cut, to 50/s.
    rate.ended(rate.sent(), "throttled", 60_000);
    const cutAt = c.now();
    expect(rate.rate).toBeCloseTo(50, 6);
    const half = succeedAt(cutAt + 1_000);
    const atK = succeedAt(cutAt + 2_000);
    const past = succeedAt(cutAt + 4_000);
    // W(t) = 100 * (1 + 0.5 * (t/2 - 1)^3) before K; 100 * (1 + (t/2 - 1)^3) after.
    expect(half).toBeCloseTo(100 * (1 - 0.5 / 8), 0);
    expect(atK).toBeCloseTo(100, 0);
    expect(past).toBeCloseTo(200, 0);
  });

  it("does not climb past the last maximum to more than twice the measured send rate", () => {
    const c = clock();
    const rate = new AdaptiveRate({ now: c.now, beta: 0.5, recoverySeconds: 1 });
    rate.ended(rate.sent(), "throttled", 100); // 10/s
    c.advance(60_000);
    // A long idle, then one success: the cubic is far past 10/s, the sends were few.
    rate.ended(rate.sent(), "accepted");
    expect(rate.rate).toBeCloseTo(10, 6); // the last maximum: a rate already tried
  });

  it("settles at a 50/s limit with burst 1: over 90% of it, under 5% of requests refused", () => {
    const c = clock();
    const rate = new AdaptiveRate({ now: c.now });
    const api = bucketApi(c, () => 50);
    const { seconds, rejected } = drive(rate, c, api, { requests: 600, workers: 32, rttMs: 2 });
    expect(600 / seconds / 50).toBeGreaterThan(0.9);
    expect(rejected / 600).toBeLessThan(0.05);
  });

  it("keeps over 92% of a 50/s limit when answers jitter, refused for under 10% of requests", () => {
    const c = clock();
    const rate = new AdaptiveRate({ now: c.now });
    const api = bucketApi(c, () => 50);
    // Send times as the API sees them move by up to 2 ms: deterministic pseudo-random jitter.
    let seed = 7;
    const jitter = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2;
    let requests = 0;
    let rejected = 0;
    const started = c.now();
    let waitUntil = c.now();
    while (requests < 600) {
      if (c.now() >= waitUntil && rate.delay() === 0) {
        const sentAt = rate.sent();
        c.advance(jitter());
        const retryAfter = api();
        c.advance(1);
        if (retryAfter === 0) requests++;
        else rejected++;
        // The gate waits out a 429's Retry-After before anything else goes.
        if (retryAfter > 0) waitUntil = c.now() + retryAfter;
        rate.ended(sentAt, retryAfter === 0 ? "accepted" : "throttled", retryAfter);
      } else c.advance(0.25);
    }
    const seconds = (c.now() - started) / 1000;
    // A 429 from jitter costs a round trip and a small cut (the full cut and a lost interval
    // per 429 kept it near 90%).
    expect(600 / seconds / 50).toBeGreaterThan(0.92);
    expect(rejected / 600).toBeLessThan(0.1);
  });

  it("follows a limit that drops to a fifth and comes back", () => {
    const c = clock();
    const rate = new AdaptiveRate({ now: c.now });
    let limit = 50;
    const api = bucketApi(c, () => limit);
    let lowest = Infinity;
    const { rejected } = drive(rate, c, api, {
      requests: 400,
      workers: 32,
      rttMs: 2,
      onTick: (ms) => {
        limit = ms < 3_000 ? 50 : ms < 6_000 ? 10 : 50;
        if (ms > 5_000 && ms < 6_000) lowest = Math.min(lowest, rate.rate!);
      },
    });
    // Down to the lower limit within two seconds of the change...
    expect(lowest).toBeLessThanOrEqual(10.5);
    // ...and back up to the raised one.
    expect(rate.rate).toBeGreaterThan(40);
    expect(rejected / 400).toBeLessThan(0.1);
  });
});
