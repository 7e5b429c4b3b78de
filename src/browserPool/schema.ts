/**
 * check for BrowserPool: validation and normalisation (docs/behaviour.md). Pure and total.
 * Equal intent gives equal inputs: host lists as sorted lower-case sets, proxy routes in the
 * order of their first host, an empty string, list or object the same as none where the API
 * treats it so (`proxyId`, `startUrl`, `extensions`, `chromePolicy`, `network`), and the
 * provider's own flags `false` the same as unset. Server-owned settings are not filled in.
 */
import { z } from "zod";
import { type CheckResult, checkWithSchema, orUnknown } from "../dynamic/checks";
import { UNKNOWN, containsUnknown } from "../dynamic/engineKeys";
import { HEADFUL_MEMORY, HEADLESS_MEMORY, POOL_MEMORY, POOL_REGIONS } from "./types";

const reasons = {
  size: "must be a whole number of browsers, at least 1",
  name: 'must be a non-empty name without leading or trailing spaces, control characters, or the path segments "." and ".."',
  ref: "must be exactly one of { id } or { name }",
  nonEmpty: "must be a non-empty string without leading or trailing spaces",
  boolean: "must be true or false",
  region: `must be one of ${POOL_REGIONS.join(", ")} (the pool's region)`,
  memory: `must be one of ${POOL_MEMORY.join(", ")}`,
  timeout: "must be a whole number of seconds from 10 to 259200 (72 hours)",
  fillRate: "must be a whole percentage of the pool per minute, at least 1",
  pixels: "must be a whole number, at least 1",
  hosts: "must be a list of host names or patterns (non-empty strings)",
  allowedHosts: "must list at least one host: leave allowedHosts out for unfiltered egress",
  policy: "must be an object of Chrome enterprise policy names to values",
} as const;

const nonEmpty = (reason: string = reasons.nonEmpty) =>
  z.string({ error: reason }).refine((s) => s.length > 0 && s.trim() === s, { error: reason });

const poolName = z
  .string({ error: reasons.name })
  .refine((s) => s.length > 0 && s.trim() === s && s !== "." && s !== ".." && !/\p{Cc}/u.test(s), {
    error: reasons.name,
  });

const wholeNumber = (reason: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.number({ error: reason }).int({ error: reason }).min(min, { error: reason }).max(max, {
    error: reason,
  });

const bool = () => orUnknown(z.boolean({ error: reasons.boolean })).optional();

const idOrName = z
  .strictObject(
    { id: orUnknown(nonEmpty()).optional(), name: orUnknown(nonEmpty()).optional() },
    { error: reasons.ref },
  )
  .superRefine((r, ctx) => {
    if ((r.id === undefined) === (r.name === undefined)) {
      ctx.addIssue({ code: "custom", message: reasons.ref });
    }
  });

const hostList = z.array(orUnknown(nonEmpty(reasons.hosts)), { error: reasons.hosts });

const networkSchema = z.strictObject({
  allowedHosts: orUnknown(hostList.min(1, { error: reasons.allowedHosts })).optional(),
  privateHosts: orUnknown(hostList).optional(),
  proxyRoutes: orUnknown(
    z.array(
      orUnknown(
        z.strictObject({
          hosts: orUnknown(hostList.min(1, { error: reasons.hosts })),
          proxyId: orUnknown(nonEmpty()),
        }),
      ),
    ),
  ).optional(),
});

const telemetrySchema = z.strictObject({
  destination: orUnknown(idOrName).optional(),
  storage: bool(),
});

const viewportSchema = z.strictObject({
  width: orUnknown(wholeNumber(reasons.pixels, 1)),
  height: orUnknown(wholeNumber(reasons.pixels, 1)),
  refreshRate: orUnknown(wholeNumber(reasons.pixels, 1)).optional(),
});

export const inputsSchema = z.strictObject({
  size: orUnknown(wholeNumber(reasons.size, 1)),
  name: orUnknown(poolName).optional(),
  region: orUnknown(z.enum(POOL_REGIONS, { error: reasons.region })).optional(),
  profile: orUnknown(idOrName).optional(),
  extensions: orUnknown(z.array(orUnknown(idOrName))).optional(),
  proxyId: orUnknown(z.string({ error: reasons.nonEmpty })).optional(),
  startUrl: orUnknown(z.string({ error: reasons.nonEmpty })).optional(),
  chromePolicy: orUnknown(z.record(z.string(), z.unknown(), { error: reasons.policy })).optional(),
  network: orUnknown(networkSchema).optional(),
  telemetry: orUnknown(telemetrySchema).optional(),
  viewport: orUnknown(viewportSchema).optional(),
  headless: bool(),
  stealth: bool(),
  kioskMode: bool(),
  timeoutSeconds: orUnknown(wholeNumber(reasons.timeout, 10, 259_200)).optional(),
  fillRatePerMinute: orUnknown(wholeNumber(reasons.fillRate, 1)).optional(),
  memory: orUnknown(z.enum(POOL_MEMORY, { error: reasons.memory })).optional(),
  refreshOnProfileUpdate: bool(),
  rebuildIdleBrowsersOnUpdate: bool(),
  forceDestroy: bool(),
});

export const INPUT_NAMES: readonly string[] = Object.keys(inputsSchema.shape);

const NESTED_FIELDS: Record<string, readonly string[]> = {
  profile: ["id", "name"],
  extensions: ["id", "name"],
  network: ["allowedHosts", "privateHosts", "proxyRoutes"],
  telemetry: ["destination", "storage"],
  viewport: ["width", "height", "refreshRate"],
};

/** Validates and normalises a BrowserPool's own inputs (the core handles `project`, `adopt`). */
export function checkInputs(news: Record<string, unknown>): CheckResult {
  const checked = checkWithSchema(
    inputsSchema,
    news,
    {
      inputNames: INPUT_NAMES,
      fieldsAt: (path) =>
        path[0] === "network" && path[1] === "proxyRoutes"
          ? ["hosts", "proxyId"]
          : path[0] === "telemetry" && path[1] === "destination"
            ? ["id", "name"]
            : (NESTED_FIELDS[String(path[0])] ?? []),
    },
    normalizeInputs,
  );
  if (checked.failures.length > 0) return checked;
  return { inputs: checked.inputs, failures: crossFieldFailures(checked.inputs) };
}

/** Rules between inputs, where every value involved is known. */
function crossFieldFailures(inputs: Record<string, unknown>) {
  const failures: { property: string; reason: string }[] = [];
  const { headless, memory, profile, refreshOnProfileUpdate } = inputs;
  if (typeof headless === "boolean" && typeof memory === "string" && memory !== UNKNOWN) {
    const allowed: readonly string[] = headless ? HEADLESS_MEMORY : HEADFUL_MEMORY;
    if (!allowed.includes(memory)) {
      failures.push({
        property: "memory",
        reason: `must be one of ${allowed.join(", ")} for a ${headless ? "headless" : "headful"} pool; received a string ${JSON.stringify(memory)}`,
      });
    }
  }
  if (refreshOnProfileUpdate === true && profile === undefined) {
    failures.push({
      property: "refreshOnProfileUpdate",
      reason: "needs a profile: the pool refreshes its browsers when its profile is updated",
    });
  }
  const telemetry = inputs.telemetry as Record<string, unknown> | undefined;
  if (telemetry && telemetry.storage === false && telemetry.destination === undefined) {
    failures.push({
      property: "telemetry.storage",
      reason: "can be false only with a destination: captured telemetry must go somewhere",
    });
  }
  const routes = (inputs.network as { proxyRoutes?: unknown } | undefined)?.proxyRoutes;
  if (Array.isArray(routes) && !containsUnknown(routes)) {
    const seen = new Set<string>();
    routes.forEach((route: { hosts: string[] }, i) => {
      for (const host of route.hosts) {
        if (seen.has(host)) {
          failures.push({
            property: `network.proxyRoutes[${i}].hosts`,
            reason: `lists ${host}, which another route already has: a host may be in one route`,
          });
        }
        seen.add(host);
      }
    });
  }
  return failures;
}

/**
 * Equal intent gives equal inputs (see the module's comment). Unknown values stay as they
 * are, wherever they are.
 */
export function normalizeInputs(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.fromEntries(
    Object.entries(input).map(([key, value]) => [key, withoutUndefinedFields(value)]),
  );
  for (const key of ["proxyId", "startUrl"]) if (out[key] === "") delete out[key];
  if (Array.isArray(out.extensions) && out.extensions.length === 0) delete out.extensions;
  if (isEmptyObject(out.chromePolicy)) delete out.chromePolicy;
  if (out.network !== undefined && out.network !== UNKNOWN) {
    const network = normalizeNetwork(out.network as Record<string, unknown>);
    if (Object.keys(network).length === 0) delete out.network;
    else out.network = network;
  }
  for (const key of ["rebuildIdleBrowsersOnUpdate", "forceDestroy"]) {
    if (out[key] === false) delete out[key];
  }
  return out;
}

/** Host lists as sets, routes by their first host; unknown parts are left as they are. */
export function normalizeNetwork(network: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...network };
  for (const key of ["allowedHosts", "privateHosts"]) {
    if (Array.isArray(out[key])) out[key] = hostSet(out[key] as string[]);
  }
  if (Array.isArray(out.proxyRoutes) && !containsUnknown(out.proxyRoutes)) {
    out.proxyRoutes = sortRoutes(
      (out.proxyRoutes as { hosts: string[]; proxyId: string }[]).map((r) => ({
        hosts: hostSet(r.hosts),
        proxyId: r.proxyId,
      })),
    );
  }
  return out;
}

/** A sorted, unique, lower-case list; one with an unknown member is left as it is. */
export function hostSet(hosts: readonly string[]): string[] {
  if (hosts.includes(UNKNOWN)) return [...hosts];
  return [...new Set(hosts.map((h) => h.toLowerCase()))].sort();
}

export function sortRoutes<R extends { hosts: string[] }>(routes: readonly R[]): R[] {
  const first = (r: R) => r.hosts[0] ?? "";
  return [...routes].sort((a, b) => (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0));
}

function isEmptyObject(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 0
  );
}

/** zod gives optional fields that were absent as absent; keep nested objects free of undefined. */
function withoutUndefinedFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefinedFields);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUndefinedFields(v)]),
  );
}
