import {
  applySettings,
  parsePlan,
  parsePlanMinimum,
  parseRateLimit,
  type Settings,
  SettingsError,
} from "./settings";

const BASE: Settings = { plan: parsePlan("enterprise"), latencyMs: 0 };

describe("plans", () => {
  it("by name or by number", () => {
    expect(parsePlan("free")).toEqual({ name: "free", minimum: 21600 });
    expect(parsePlan("Startup")).toEqual({ name: "startup", minimum: 1200 });
    expect(parsePlan(900)).toEqual({ name: "custom", minimum: 900 });
    expect(parsePlan("900")).toEqual({ name: "custom", minimum: 900 });
  });

  it.each(["abc", "", 0, -5, 1.5, 90000, null, {}])("refuses %p, listing what it takes", (v) => {
    expect(() => parsePlan(v)).toThrow(/free, hobbyist, startup, enterprise or a whole number/);
  });

  it("planMinimum takes a number only", () => {
    expect(() => parsePlanMinimum("x")).toThrow(SettingsError);
    expect(() => parsePlanMinimum("1200")).toThrow(SettingsError);
    expect(parsePlanMinimum(1200).minimum).toBe(1200);
  });
});

describe("rate limits", () => {
  it("burst is 1 unless given", () => {
    expect(parseRateLimit(5)).toEqual({ ratePerSecond: 5, burst: 1 });
    expect(parseRateLimit(5, 3)).toEqual({ ratePerSecond: 5, burst: 3 });
    expect(parseRateLimit({ ratePerSecond: 5, burst: 4 })).toEqual({ ratePerSecond: 5, burst: 4 });
    expect(parseRateLimit(null)).toBeUndefined();
  });

  it.each([0, -1, Infinity, NaN, "x", true])("refuses rate %p", (rate) => {
    expect(() => parseRateLimit(rate)).toThrow(SettingsError);
  });

  it.each([0, 1.5, "x"])("refuses burst %p", (burst) => {
    expect(() => parseRateLimit(5, burst)).toThrow(SettingsError);
  });
});

describe("applySettings", () => {
  it("changes what is given, keeps the rest", () => {
    const next = applySettings(BASE, { plan: "free", rateLimit: 10, rateBurst: 5 });
    expect(next).toEqual({
      plan: { name: "free", minimum: 21600 },
      rateLimit: { ratePerSecond: 10, burst: 5 },
      latencyMs: 0,
    });
    expect(applySettings(next, { rateBurst: 2 }).rateLimit).toEqual({
      ratePerSecond: 10,
      burst: 2,
    });
    expect(applySettings(next, { rateLimit: null }).rateLimit).toBeUndefined();
  });

  it.each([
    [{ rateLimit: 0 }],
    [{ planMinimum: "x" }],
    [{ plan: "abc" }],
    [{ latencyMs: -1 }],
    [{ rateBurst: 2 }],
    [{ unknownKey: 1 }],
    [{ plan: "free", planMinimum: 300 }],
    ["not an object"],
  ])("refuses %p as a whole", (body) => {
    expect(() => applySettings(BASE, body)).toThrow(SettingsError);
  });
});
