/**
 * The emulator's adjustable settings (plan, rate limit, latency), parsed once for the three ways
 * they arrive (start options, CLI flags, the settings control) so all three refuse the same bad
 * values with the same words.
 */

/** Minimum `health_check_interval` per plan, in seconds (KERNEL-API.md). */
export const PLAN_MINIMUMS = {
  free: 21600,
  hobbyist: 3600,
  startup: 1200,
  enterprise: 300,
} as const;

export type PlanName = keyof typeof PLAN_MINIMUMS;

export interface Plan {
  /** A plan's name, or "custom" when set by a number. */
  name: PlanName | "custom";
  minimum: number;
}

export interface RateLimit {
  ratePerSecond: number;
  burst: number;
}

/** A rate limit as given: requests per second, or both numbers. */
export type RateLimitInput = number | { ratePerSecond: number; burst?: number };

export interface Settings {
  plan: Plan;
  rateLimit?: RateLimit;
  latencyMs: number;
  /**
   * The plan's `max_auth_connections`, counted org-wide (`GET /org/limits`); a create past it
   * is 403 `insufficient_plan`. Absent: unlimited, which the API answers as null.
   */
  maxAuthConnections?: number;
}

export const DEFAULT_PLAN: PlanName = "enterprise";
export const MAX_HEALTH_CHECK_INTERVAL = 86400;
/** The API's default interval, raised to the plan minimum when that is larger. */
export const DEFAULT_HEALTH_CHECK_INTERVAL = 3600;

export class SettingsError extends Error {}

const PLAN_HELP = `${Object.keys(PLAN_MINIMUMS).join(", ")} or a whole number of seconds (1..${MAX_HEALTH_CHECK_INTERVAL})`;

/** A plan by name (case-insensitive) or by its minimum in seconds (a number or digits). */
export function parsePlan(value: unknown, what = "plan"): Plan {
  if (typeof value === "string" && value.toLowerCase() in PLAN_MINIMUMS) {
    const name = value.toLowerCase() as PlanName;
    return { name, minimum: PLAN_MINIMUMS[name] };
  }
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= MAX_HEALTH_CHECK_INTERVAL) {
    return { name: "custom", minimum: n };
  }
  throw new SettingsError(`${what} takes ${PLAN_HELP}; got ${JSON.stringify(value)}`);
}

/** A plan minimum as a number only (the older `planMinimum` setting). */
export function parsePlanMinimum(value: unknown, what = "planMinimum"): Plan {
  if (typeof value !== "number") {
    throw new SettingsError(
      `${what} takes a whole number of seconds (1..${MAX_HEALTH_CHECK_INTERVAL}); got ${JSON.stringify(value)}`,
    );
  }
  return parsePlan(value, what);
}

/** `health_check_interval` when a create does not send one: max(3600, the plan minimum). */
export function defaultInterval(plan: Plan): number {
  return Math.max(DEFAULT_HEALTH_CHECK_INTERVAL, plan.minimum);
}

export function describePlan(plan: Plan): string {
  return plan.name === "custom"
    ? `your plan's minimum of ${plan.minimum} seconds`
    : `the ${plan.name} plan's minimum of ${plan.minimum} seconds`;
}

/**
 * A rate limit from a per-second rate (or `{ratePerSecond, burst}`) and an optional burst; the
 * burst is 1 unless given. `null`/`undefined` mean no limit. Rates must be positive and finite
 * (a rate of 0 would answer `Retry-After: Infinity`).
 */
export function parseRateLimit(rate: unknown, burst?: unknown): RateLimit | undefined {
  if (rate === null || rate === undefined) {
    if (burst !== undefined && burst !== null) {
      throw new SettingsError("rateBurst needs a rateLimit");
    }
    return undefined;
  }
  let perSecond: unknown = rate;
  let b: unknown = burst;
  if (typeof rate === "object") {
    const r = rate as Record<string, unknown>;
    const extra = Object.keys(r).filter((k) => k !== "ratePerSecond" && k !== "burst");
    if (extra.length) throw new SettingsError(`rateLimit has unknown keys: ${extra.join(", ")}`);
    perSecond = r.ratePerSecond;
    b = burst ?? r.burst;
  }
  if (typeof perSecond === "string" && /^\d+(\.\d+)?$/.test(perSecond))
    perSecond = Number(perSecond);
  if (typeof perSecond !== "number" || !Number.isFinite(perSecond) || perSecond <= 0) {
    throw new SettingsError(
      `rateLimit takes a positive number of requests per second; got ${JSON.stringify(perSecond)}`,
    );
  }
  if (typeof b === "string" && /^\d+$/.test(b)) b = Number(b);
  if (b === undefined || b === null) b = 1;
  if (typeof b !== "number" || !Number.isInteger(b) || b < 1) {
    throw new SettingsError(
      `rateBurst takes a whole number of at least 1; got ${JSON.stringify(b)}`,
    );
  }
  return { ratePerSecond: perSecond, burst: b };
}

export function parseLatency(value: unknown): number {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n) || n < 0) {
    throw new SettingsError(
      `latencyMs takes a number of milliseconds >= 0; got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/** A connection limit: a whole number >= 0; `null` (or absent) is unlimited. */
export function parseMaxAuthConnections(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) {
    throw new SettingsError(
      `maxAuthConnections takes a whole number >= 0, or null for unlimited; got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

const SETTING_KEYS = [
  "plan",
  "planMinimum",
  "rateLimit",
  "rateBurst",
  "latencyMs",
  "maxAuthConnections",
];

/**
 * The settings after a change (the settings control's body). Throws SettingsError, changing
 * nothing, on any bad value or unknown key. `rateBurst` alone re-bursts the current limit.
 */
export function applySettings(current: Settings, body: unknown): Settings {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new SettingsError("settings take a JSON object");
  }
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).filter((k) => !SETTING_KEYS.includes(k));
  if (unknown.length) {
    throw new SettingsError(
      `unknown settings: ${unknown.join(", ")} (known: ${SETTING_KEYS.join(", ")})`,
    );
  }
  if ("plan" in b && "planMinimum" in b)
    throw new SettingsError("give plan or planMinimum, not both");
  const next: Settings = { ...current };
  if ("plan" in b) next.plan = parsePlan(b.plan);
  if ("planMinimum" in b) next.plan = parsePlanMinimum(b.planMinimum);
  if ("latencyMs" in b) next.latencyMs = parseLatency(b.latencyMs);
  if ("maxAuthConnections" in b) {
    const max = parseMaxAuthConnections(b.maxAuthConnections);
    if (max === undefined) delete next.maxAuthConnections;
    else next.maxAuthConnections = max;
  }
  if ("rateLimit" in b) {
    next.rateLimit = parseRateLimit(b.rateLimit, b.rateBurst);
  } else if ("rateBurst" in b) {
    if (!current.rateLimit) throw new SettingsError("rateBurst needs a rateLimit");
    next.rateLimit = parseRateLimit(current.rateLimit.ratePerSecond, b.rateBurst);
  }
  return next;
}
