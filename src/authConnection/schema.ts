/**
 * check: validation and normalisation of the program's inputs. Pure and total: it
 * never throws, it reports every problem with the input path, what would be valid and what was
 * received, and it passes Pulumi's unknown sentinel through at any depth.
 */
import { domainToASCII } from "node:url";
import { z } from "zod";
import { type CheckResult, checkWithSchema, orUnknown } from "../dynamic/checks";
import { UNKNOWN, containsUnknown } from "../dynamic/engineKeys";
import { HEALTH_CHECK_INTERVAL_MAX, HEALTH_CHECK_INTERVAL_MIN } from "./api";
import { BROWSER_REGIONS, type AuthConnectionInputs } from "./types";

export type { CheckFailure, CheckResult } from "../dynamic/checks";

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Enough for every domain and URL of a large stack; cleared when full, so memory stays bounded. */
const RECENT_ANSWERS = 1000;

/**
 * A pure function of a text that keeps its answers for recent texts: host names and URLs are
 * parsed two or three times per provider call (check validates, then normalises; the state
 * canonicalises the API's answer), and parsing them is the costliest part of a check. A Map
 * holds undefined too, so `has` tells a miss.
 */
function keepingRecentAnswers<T>(compute: (value: string) => T): (value: string) => T {
  const answers = new Map<string, T>();
  return (value) => {
    if (answers.has(value)) return answers.get(value) as T;
    const answer = compute(value);
    if (answers.size >= RECENT_ANSWERS) answers.clear();
    answers.set(value, answer);
    return answer;
  };
}

/**
 * A host name in its ASCII form (IDNs converted to punycode, lower case), or undefined when
 * `value` is not a bare host name (no scheme, path, port or wildcard).
 */
export const toAsciiHost: (value: string) => string | undefined =
  keepingRecentAnswers(computeAsciiHost);

function computeAsciiHost(value: string): string | undefined {
  if (value === "" || value.endsWith(".")) return undefined;
  // domainToASCII parses a URL host and would drop a path, query or fragment silently.
  if (/[\s/?#%@:\\[\]*]/.test(value)) return undefined;
  const ascii = domainToASCII(value);
  if (ascii === "" || ascii.length > 253) return undefined;
  return ascii.split(".").every((label) => HOST_LABEL.test(label)) ? ascii : undefined;
}

export function isHostName(value: string): boolean {
  return toAsciiHost(value) !== undefined;
}

/**
 * An allowedDomains entry in ASCII form: a host name, or `*.` followed by a host name of at
 * least two labels (`*.okta.com`; not `*` or `*.com`).
 */
export function toAsciiDomainPattern(value: string): string | undefined {
  if (value.startsWith("*.")) {
    const host = toAsciiHost(value.slice(2));
    return host !== undefined && host.includes(".") ? `*.${host}` : undefined;
  }
  return toAsciiHost(value);
}

export function isHttpUrl(value: string): boolean {
  return parsedUrl(value)?.http ?? false;
}

/** Whether a URL carries a user name or password (`https://me:pw@host/`). */
export function hasUserinfo(value: string): boolean {
  return parsedUrl(value)?.userinfo ?? false;
}

/**
 * A URL's canonical text (`href`) and whether it is an absolute http(s) URL with a host;
 * undefined when it does not parse. The answer is shared: read it, do not change it.
 */
export const parsedUrl: (
  value: string,
) => Readonly<{ href: string; http: boolean; userinfo: boolean }> | undefined =
  keepingRecentAnswers((value) => {
    try {
      const url = new URL(value);
      const http = (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
      return { href: url.href, http, userinfo: url.username !== "" || url.password !== "" };
    } catch {
      return undefined;
    }
  });

const reasons = {
  profileName: "must be a non-empty profile name without leading or trailing spaces",
  domain: "must be a bare host name such as netflix.com (no scheme, path, port or wildcard)",
  loginUrl: "must be an absolute http(s) URL such as https://www.netflix.com/login",
  loginUrlUserinfo:
    "must not hold a user name or password: outputs keep the URL in plain text; put them in " +
    "a Credential",
  allowedDomains:
    "must be a host name such as login.netflix.com, or a wildcard such as *.okta.com " +
    "(`*.` and at least two labels)",
  allowedDomainsList: "must be a list of host names or wildcards such as *.okta.com",
  healthCheckInterval: `must be a whole number of seconds from ${HEALTH_CHECK_INTERVAL_MIN} to ${HEALTH_CHECK_INTERVAL_MAX}`,
  boolean: "must be true or false",
  credential: "must be exactly one of { name }, { provider, path } or { provider, auto: true }",
  proxy: 'must be exactly one of { id }, { name } or { mode: "direct" | "default" }',
  proxyMode: 'must be "direct" (no proxy) or "default" (the default egress)',
  telemetryDestination: "must be exactly one of { id } or { name } of an OTLP destination",
  nonEmpty: "must be a non-empty string without leading or trailing spaces",
  region: `must be one of ${BROWSER_REGIONS.join(", ")} (the browser's region)`,
} as const;

const nonEmptyString = (reason: string) =>
  z.string({ error: reason }).refine((s) => s.length > 0 && s.trim() === s, { error: reason });

const bool = () => orUnknown(z.boolean({ error: reasons.boolean })).optional();

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
      mode: orUnknown(z.enum(["direct", "default"], { error: reasons.proxyMode })).optional(),
    },
    { error: reasons.proxy },
  )
  .superRefine((p, ctx) => {
    const count = [p.id, p.name, p.mode].filter((v) => v !== undefined).length;
    if (count !== 1) ctx.addIssue({ code: "custom", message: reasons.proxy });
  });

const telemetryDestinationSchema = z
  .strictObject(
    {
      id: orUnknown(nonEmptyString(reasons.nonEmpty)).optional(),
      name: orUnknown(nonEmptyString(reasons.nonEmpty)).optional(),
    },
    { error: reasons.telemetryDestination },
  )
  .superRefine((d, ctx) => {
    if ((d.id === undefined) === (d.name === undefined)) {
      ctx.addIssue({ code: "custom", message: reasons.telemetryDestination });
    }
  });

export const inputsSchema = z.strictObject({
  profileName: orUnknown(nonEmptyString(reasons.profileName)),
  domain: orUnknown(z.string({ error: reasons.domain }).refine(isHostName, reasons.domain)),
  loginUrl: orUnknown(
    z
      .string({ error: reasons.loginUrl })
      .refine(isHttpUrl, reasons.loginUrl)
      .refine((u) => !hasUserinfo(u), reasons.loginUrlUserinfo),
  ).optional(),
  credential: orUnknown(credentialSchema).optional(),
  allowedDomains: orUnknown(
    z.array(
      orUnknown(
        z
          .string({ error: reasons.allowedDomains })
          .refine((d) => toAsciiDomainPattern(d) !== undefined, reasons.allowedDomains),
      ),
      { error: reasons.allowedDomainsList },
    ),
  ).optional(),
  healthCheckInterval: orUnknown(
    z
      .number({ error: reasons.healthCheckInterval })
      .int({ error: reasons.healthCheckInterval })
      .min(HEALTH_CHECK_INTERVAL_MIN, { error: reasons.healthCheckInterval })
      .max(HEALTH_CHECK_INTERVAL_MAX, { error: reasons.healthCheckInterval }),
  ).optional(),
  healthChecks: bool(),
  autoReauth: bool(),
  recordSession: bool(),
  saveCredentials: bool(),
  proxy: orUnknown(proxySchema).optional(),
  stealth: bool(),
  telemetryDestination: orUnknown(telemetryDestinationSchema).optional(),
  region: orUnknown(z.enum(BROWSER_REGIONS, { error: reasons.region })).optional(),
});

export const INPUT_NAMES = Object.keys(inputsSchema.shape);

const NESTED_FIELDS: Record<string, readonly string[]> = {
  credential: ["name", "provider", "path", "auto"],
  proxy: ["id", "name", "mode"],
  telemetryDestination: ["id", "name"],
};

/** Validates and normalises; `__provider` is left to the caller. */
export function checkInputs(news: Record<string, unknown>): CheckResult {
  // A login URL with a password in it is never echoed back in a failure.
  const loginUrl = news.loginUrl;
  const secretUrl = typeof loginUrl === "string" && hasUserinfo(loginUrl);
  return checkWithSchema(
    inputsSchema,
    news,
    {
      inputNames: INPUT_NAMES,
      fieldsAt: (path) => NESTED_FIELDS[String(path[0])] ?? [],
      ...(secretUrl ? { secretInputs: ["loginUrl"] } : {}),
    },
    normalizeInputs,
  );
}

/**
 * Equal intent gives equal inputs: ASCII lower-case host names, `allowedDomains` as a sorted
 * set (an empty list is the same as none), a canonical URL, `proxy: {mode: "default"}` the same
 * as no proxy. Server-owned fields are not filled in (docs/behaviour.md).
 * Unknown values stay as they are, wherever they are.
 */
export function normalizeInputs(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  if (typeof out.domain === "string" && out.domain !== UNKNOWN) {
    out.domain = toAsciiHost(out.domain) ?? out.domain;
  }
  if (typeof out.loginUrl === "string" && out.loginUrl !== UNKNOWN) {
    out.loginUrl = parsedUrl(out.loginUrl)?.href ?? new URL(out.loginUrl).href;
  }
  if (Array.isArray(out.allowedDomains)) {
    const list = out.allowedDomains.map((d) =>
      typeof d === "string" && d !== UNKNOWN ? (toAsciiDomainPattern(d) ?? d) : d,
    );
    if (list.includes(UNKNOWN)) out.allowedDomains = list;
    else if (list.length === 0) delete out.allowedDomains;
    else out.allowedDomains = normalizeDomainSet(list as string[]);
  }
  const proxy = out.proxy as Record<string, unknown> | undefined;
  if (proxy && typeof proxy === "object" && proxy.mode === "default") delete out.proxy;
  return out;
}

/** Sorted, unique, lower-case: the form both desired and live sets are compared in. */
export function normalizeDomainSet(domains: readonly string[]): string[] {
  return [...new Set(domains.map((d) => d.toLowerCase()))].sort();
}

/** Narrows checked inputs that hold no unknown value. */
export function asKnownInputs(inputs: Record<string, unknown>): AuthConnectionInputs {
  if (containsUnknown(inputs)) {
    throw new Error("inputs still hold unknown values; they are only allowed during preview");
  }
  return inputs as unknown as AuthConnectionInputs;
}
