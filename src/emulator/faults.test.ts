import { RateLimiter } from "./faults";

describe("RateLimiter", () => {
  it("lets a burst through, then asks for the wait until a token is free", () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([limiter.take(), limiter.take(), limiter.take()]).toEqual([0, 0, 0]);
    expect(limiter.take()).toBe(500);
    now = 500;
    expect(limiter.take()).toBe(0);
    expect(limiter.take()).toBe(500);
  });
});
