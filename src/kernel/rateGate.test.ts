import { RateGate } from "./rateGate";

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

describe("RateGate", () => {
  it("lets requests through at once while the API is not limiting", async () => {
    const t = fakeTime();
    const gate = new RateGate(t);
    const releases = await Promise.all(Array.from({ length: 100 }, () => gate.acquire()));
    expect(releases).toHaveLength(100);
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

  it("while limited, holds requests to a window that halves on 429 and grows on success", async () => {
    const t = fakeTime();
    const gate = new RateGate({ ...t, maxWindow: 8 });
    const first = await Promise.all(Array.from({ length: 8 }, () => gate.acquire()));
    gate.onRateLimited(0); // window: min(8, 8 in flight) / 2 = 4
    first.forEach((release) => release());

    let admitted = 0;
    const held = Array.from({ length: 6 }, () =>
      gate.acquire().then((release) => (admitted++, release)),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(admitted).toBe(4);

    const running = await Promise.all(held.slice(0, 4));
    gate.onSuccess(); // window 5: one more may go
    await new Promise((resolve) => setImmediate(resolve));
    expect(admitted).toBe(5);
    running.forEach((release) => release());
    await Promise.all(held);
    expect(admitted).toBe(6);
  });

  it("leaves limited mode after the cooldown and lets everyone go", async () => {
    const t = fakeTime();
    const gate = new RateGate({ ...t, maxWindow: 4, cooldownMs: 100 });
    const a = await gate.acquire();
    gate.onRateLimited(0);
    const b = gate.acquire();
    const c = gate.acquire();
    t.advance(200);
    gate.onSuccess();
    await Promise.all([b, c]);
    a();
  });
});
