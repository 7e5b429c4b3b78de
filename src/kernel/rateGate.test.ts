import { PauseExceedsBudget, RateGate } from "./rateGate";

/** A clock that moves only when someone sleeps: the gate's waits are observable and instant. */
function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0,
    sleeps,
    advance: (ms: number) => void (now += ms),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A gate that has met one 429 (Retry-After 100 ms after one send): paced from then on. */
async function pacedGate(t: ReturnType<typeof fakeTime>) {
  const gate = new RateGate(t);
  const release = await gate.acquire();
  gate.onRateLimited(100);
  release("throttled", 100);
  return gate;
}

describe("RateGate", () => {
  it("lets the first requests through at once, and more with each answer (slow start)", async () => {
    const t = fakeTime();
    const gate = new RateGate(t);
    let admitted = 0;
    const all = Array.from({ length: 100 }, () =>
      gate.acquire().then((release) => (admitted++, release)),
    );
    await settle();
    // Four before any answer: a burst of resources does not meet an unknown limit all at once.
    expect(admitted).toBe(4);
    // Each accepted answer frees its place and adds one: the window doubles per round.
    const first = await Promise.all(all.slice(0, 4));
    first.forEach((release) => release("accepted"));
    await settle();
    expect(admitted).toBe(12);
    const second = await Promise.all(all.slice(4, 12));
    second.forEach((release) => release("accepted"));
    await settle();
    expect(admitted).toBe(28);
    // With the API not limiting, nothing ever sleeps.
    await Promise.all(all.map((p) => p.then((release) => release("accepted"))));
    expect(admitted).toBe(100);
    expect(t.sleeps).toEqual([]);
  });

  it("pauses every later request until the Retry-After of a 429", async () => {
    const t = fakeTime();
    const gate = new RateGate(t);
    const release = await gate.acquire();
    gate.onRateLimited(1500);
    release();
    await gate.acquire();
    expect(t.sleeps).toEqual([1500]);
  });

  it("after a 429, sends one at a time, spaced by the rate it learned", async () => {
    const t = fakeTime();
    const gate = await pacedGate(t);
    // One accepted per 100 ms (the Retry-After of the first 429): 10/s.
    expect(gate.ratePerSecond).toBeCloseTo(10, 6);
    const sentAt: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, () =>
        gate.acquire().then((release) => {
          sentAt.push(t.now());
          release("other");
        }),
      ),
    );
    // The pause first, then the pace.
    expect(t.sleeps[0]).toBe(100);
    const gaps = sentAt.slice(1).map((at, i) => at - sentAt[i]);
    for (const gap of gaps) expect(gap).toBeCloseTo(100, 6);
  });

  it("a paced wait longer than the caller's budget fails at once, sending nothing", async () => {
    const t = fakeTime();
    const gate = await pacedGate(t);
    t.advance(100); // the pause is over and one token is there; the next is 100 ms away
    (await gate.acquire(t.now() + 1_000))("other");
    const before = t.sleeps.length;
    await expect(gate.acquire(t.now() + 50)).rejects.toBeInstanceOf(PauseExceedsBudget);
    expect(t.sleeps.length).toBe(before);
  });

  it("one waiting in line leaves it when its deadline passes, failing as over budget", async () => {
    const t = fakeTime();
    const gate = await pacedGate(t);
    t.advance(100);
    // The head goes at once, the second 100 ms later; the third's deadline comes first.
    const head = gate.acquire(t.now() + 10_000);
    const second = gate.acquire(t.now() + 10_000);
    const third = gate.acquire(t.now() + 50);
    const thirdFails = expect(third).rejects.toBeInstanceOf(PauseExceedsBudget);
    (await head)("other");
    (await second)("other");
    await thirdFails;
    // The line goes on for those still within budget.
    (await gate.acquire(t.now() + 10_000))("other");
  });

  it("a pause from a 429 met while requests wait in line holds them too", async () => {
    const t = fakeTime();
    const gate = await pacedGate(t);
    t.advance(100);
    const running = await gate.acquire();
    const waiting = gate.acquire();
    gate.onRateLimited(2_000);
    running("throttled", 2_000);
    const sleptBefore = t.sleeps.reduce((a, b) => a + b, 0);
    (await waiting)("other");
    const slept = t.sleeps.reduce((a, b) => a + b, 0) - sleptBefore;
    expect(slept).toBeGreaterThan(1_999.99);
  });
});

describe("RateGate, a refused request's token", () => {
  /** A clock that moves only when told; sleeps end when it passes them. */
  function manualTime() {
    let now = 0;
    const timers: { at: number; done: () => void }[] = [];
    return {
      now: () => now,
      random: () => 0,
      sleep: (ms: number) => new Promise<void>((done) => timers.push({ at: now + ms, done })),
      async advance(ms: number) {
        now += ms;
        for (const timer of timers.filter((t) => t.at <= now + 1e-9)) {
          timers.splice(timers.indexOf(timer), 1);
          timer.done();
        }
        await settle();
      },
    };
  }

  it("wakes the request waiting for its turn: it goes when the Retry-After ends", async () => {
    const t = manualTime();
    const gate = new RateGate(t);
    const first = await gate.acquire();
    gate.onRateLimited(20);
    first("throttled", 20); // 50/s from now on: 20 ms apart
    await t.advance(20);
    const running = await gate.acquire(); // the token is there: at once
    let sentAt: number | undefined;
    const next = gate.acquire().then((release) => ((sentAt = t.now()), release));
    await t.advance(3);
    expect(sentAt).toBeUndefined(); // waiting for the next token, 17 ms away
    // Refused 2 ms early: the API takes one in 2 ms, so the waiting request goes then.
    gate.onRateLimited(2);
    running("throttled", 2);
    await t.advance(2);
    expect(sentAt).toBe(25);
    (await next)("accepted");
  });
});
