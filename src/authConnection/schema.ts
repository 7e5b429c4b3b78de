/**
 * check: validation and normalisation of the program's inputs (BEHAVIOR.md sections 2 and 3).
 * Pure and total: it never throws, it reports every problem with the input path and what would
 * be valid, and it passes Pulumi's unknown sentinel through at any depth.
 */
import { z } from "zod";
import { API_DEFAULTS, HEALTH_CHECK_INTERVAL_MAX, HEALTH_CHECK_INTERVAL_MIN } from "../kernel/api";
import { type CheckedInputs, UNKNOWN } from "./types";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckResult {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
}

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A bare host name: no scheme, path, port or wildcard; compared in lower case. */
export function isHostName(value: string): boolean {
  const host = value.toLowerCase();
  return host.length <= 253 && host.split(".").every((label) => HOST_LABEL.test(label));
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** Accepts the unknown sentinel in place of any value. */
const orUnknown = <T extends z.ZodType>(schema: T) => z.union([z.literal(UNKNOWN), schema]);

const reasons = {
  profileName: "must be a non-empty profile name without leading or trailing spaces",
  domain: "must be a bare host name such as netflix.com (no scheme, path or port)",
  loginUrl: "must be an absolute http(s) URL such as https://www.netflix.com/login",
  allowedDomains: "must be a list of bare host names such as login.netflix.com",
  healthCheckInterval: `must be a whole number of seconds from ${HEALTH_CHECK_INTERVAL_MIN} to ${HEALTH_CHECK_INTERVAL_MAX}`,
  saveCredentials: "must be true or false",
  adopt: "must be true or false",
  credential: "must be exactly one of { name }, { provider, path } or { provider, auto: true }",
  proxy: "must be exactly one of { id } or { name }",
  nonEmpty: "must be a non-empty string",
} as const;

const nonEmptyString = (reason: string) =>
  z.string({ error: reason }).refine((s) => s.length > 0 && s.trim() === s, { error: reason });

const hostName = (reason: string) =>
  z.string({ error: reason }).refine(isHostName, { error: reason });

const credentialSchema = z
  .strictObject(
    {
      name: orUnknown(nonEmptyString(reasons.nonEmpty)).optional(),
      provider: orUnknown(nonEmptyString(reasons.nonEmpty)).optional(),
      path: orUnknown(nonEmptyString(reasons.nonEmpty)).optional(),
      auto: orUnknown(z.literal(true, { error: "must be true (or use path instead)" })).optional(),
    },
    { error: reasons.credential },
  )
  .superRefine((c, ctx) => {
    const has = (k: keyof typeof c) => c[k] !== undefined;
    const shapes = [
      has("name") && !has("provider") && !has("path") && !has("auto"),
      has("provider") && has("path") && !has("name") && !has("auto"),
      has("provider") && has("auto") && !has("name") && !has("path"),
    ];
    if (!shapes.some(Boolean)) ctx.addIssue({ code: "custom", message: reasons.credential });
  });

const proxySchema = z
  .strictObject(
    {
      id: orUnknown(nonEmptyString(reasons.nonEmpty)).optional(),
      name: orUnknown(nonEmptyString(reasons.nonEmpty)).optional(),
    },
    { error: reasons.proxy },
  )
  .superRefine((p, ctx) => {
    if ((p.id === undefined) === (p.name === undefined)) {
      ctx.addIssue({ code: "custom", message: reasons.proxy });
    }
  });

export const inputsSchema = z.strictObject({
  profileName: orUnknown(nonEmptyString(reasons.profileName)),
  domain: orUnknown(hostName(reasons.domain)),
  loginUrl: orUnknown(
    z.string({ error: reasons.loginUrl }).refine(isHttpUrl, reasons.loginUrl),
  ).optional(),
  credential: orUnknown(credentialSchema).optional(),
  allowedDomains: orUnknown(
    z.array(orUnknown(hostName(reasons.allowedDomains)), { error: reasons.allowedDomains }),
  ).optional(),
  healthCheckInterval: orUnknown(
    z
      .number({ error: reasons.healthCheckInterval })
      .int({ error: reasons.healthCheckInterval })
      .min(HEALTH_CHECK_INTERVAL_MIN, { error: reasons.healthCheckInterval })
      .max(HEALTH_CHECK_INTERVAL_MAX, { error: reasons.healthCheckInterval }),
  ).optional(),
  saveCredentials: orUnknown(z.boolean({ error: reasons.saveCredentials })).optional(),
  proxy: orUnknown(proxySchema).optional(),
  adopt: orUnknown(z.boolean({ error: reasons.adopt })).optional(),
});

const INPUT_NAMES = Object.keys(inputsSchema.shape);

/** Validates and normalises; `__provider` and other engine keys are left to the caller. */
export function checkInputs(news: Record<string, unknown>): CheckResult {
  const { __provider: _provider, ...raw } = news ?? {};
  const parsed = inputsSchema.safeParse(raw);
  if (!parsed.success) {
    return { inputs: raw, failures: toFailures(parsed.error.issues, raw) };
  }
  return { inputs: normalizeInputs(parsed.data as Record<string, unknown>), failures: [] };
}

/**
 * Equal intent gives equal inputs: lower-case host names, `allowedDomains` as a sorted set (an
 * empty list is the same as none), defaults filled in, a canonical URL. Unknown values stay as
 * they are, wherever they are.
 */
export function normalizeInputs(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    out[key] = value;
  }
  if (typeof out.domain === "string" && out.domain !== UNKNOWN)
    out.domain = out.domain.toLowerCase();
  if (typeof out.loginUrl === "string" && out.loginUrl !== UNKNOWN) {
    out.loginUrl = new URL(out.loginUrl).href;
  }
  if (Array.isArray(out.allowedDomains)) {
    const list = out.allowedDomains.map((d) =>
      typeof d === "string" && d !== UNKNOWN ? d.toLowerCase() : d,
    );
    if (list.includes(UNKNOWN)) out.allowedDomains = list;
    else if (list.length === 0) delete out.allowedDomains;
    else out.allowedDomains = normalizeDomainSet(list as string[]);
  }
  out.healthCheckInterval ??= API_DEFAULTS.healthCheckInterval;
  out.saveCredentials ??= API_DEFAULTS.saveCredentials;
  if (out.adopt === false) delete out.adopt;
  return out;
}

export function normalizeDomainSet(domains: readonly string[]): string[] {
  return [...new Set(domains.map((d) => d.toLowerCase()))].sort();
}

export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") {
    return Object.values(value).some(containsUnknown);
  }
  return false;
}

/** Narrows checked inputs that hold no unknown value. */
export function asKnownInputs(inputs: Record<string, unknown>): CheckedInputs {
  if (containsUnknown(inputs)) {
    throw new Error("inputs still hold unknown values; they are only allowed during preview");
  }
  return inputs as unknown as CheckedInputs;
}

function toFailures(
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
  prefix: PropertyKey[] = [],
): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union") {
      // orUnknown's first branch is the sentinel; the real reason is in the last branch.
      failures.push(...toFailures(issue.errors[issue.errors.length - 1] ?? [], raw, path));
    } else if (issue.code === "unrecognized_keys") {
      const valid = path.length === 0 ? INPUT_NAMES : validKeysAt(path);
      for (const key of issue.keys) {
        failures.push({
          property: formatPath([...path, key]),
          reason: `is not a known input; valid ${path.length ? "fields" : "inputs"} are ${valid.join(", ")}`,
        });
      }
    } else if (issue.code === "invalid_type" && valueAt(raw, path) === undefined) {
      failures.push({ property: formatPath(path), reason: `is required and ${issue.message}` });
    } else {
      failures.push({ property: formatPath(path), reason: issue.message });
    }
  }
  return dedupe(failures);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

function validKeysAt(path: PropertyKey[]): string[] {
  if (path[0] === "credential") return ["name", "provider", "path", "auto"];
  if (path[0] === "proxy") return ["id", "name"];
  return [];
}

/**
 * `allowedDomains[2]`, `credential.path`: the form Pulumi shows next to the input. A key that
 * is not an identifier (an empty or spaced one, say) is quoted: `["my key"]`.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (!/^[A-Za-z_$][\w$]*$/.test(String(part))) out += `[${JSON.stringify(String(part))}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

function dedupe(failures: CheckFailure[]): CheckFailure[] {
  const seen = new Set<string>();
  return failures.filter((f) => {
    const key = `${f.property}\u0000${f.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
