import { MAX_TIMER_MS, clampTimerMs, sleep } from "./timers";

describe("timers", () => {
  it("clamps delays to what setTimeout honours", () => {
    expect(clampTimerMs(2 ** 40)).toBe(MAX_TIMER_MS);
    expect(clampTimerMs(Infinity)).toBe(MAX_TIMER_MS);
    expect(clampTimerMs(NaN)).toBe(0);
    expect(clampTimerMs(-5)).toBe(0);
    expect(clampTimerMs(1.2)).toBe(2);
  });

  // Node fires a delay above 2^31-1 ms after 1 ms, with a warning, unless it is clamped.
  it("a very long sleep neither overflows nor warns, and aborts on its signal", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      const controller = new AbortController();
      const spy = jest.spyOn(global, "setTimeout");
      const waiting = sleep(2 ** 33, controller.signal);
      // An overflowed delay would be turned into 1 ms: the timer must get the clamped value.
      expect(spy.mock.calls.at(-1)?.[1]).toBe(MAX_TIMER_MS);
      spy.mockRestore();
      controller.abort(new Error("stop"));
      await expect(waiting).rejects.toThrow("stop");
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain("TimeoutOverflowWarning");
    } finally {
      process.off("warning", onWarning);
    }
  });
});
