/**
 * check for Proxy: validation and normalisation (docs/behaviour.md). Pure and total: it never
 * throws, reports every problem with its input path, passes the unknown sentinel through at any
 * depth, and never echoes a password or CA bundle.
 */
import { domainToASCII } from "node:url";
import { isIP } from "node:net";
import { z } from "zod";
import { type CheckFailure, type CheckResult, orUnknown, toFailures } from "../dynamic/checks";
import { UNKNOWN, withoutEngineKeys } from "../dynamic/engineKeys";
import {
  ALL_CONFIG_KEYS,
  CONFIG_KEYS,
  PROXY_PROTOCOLS,
  PROXY_TYPES,
  type ProxyType,
  RESIDENTIAL_OS,
} from "./types";

const reasons = {
  type: `must be one of ${PROXY_TYPES.join(", ")}`,
  name: "must be a non-empty name without leading or trailing spaces (the API trims names)",
  protocol: `must be one of ${PROXY_PROTOCOLS.join(", ")}`,
  config: "must be an object",
  country: "must be a two-letter ISO 3166 country code such as US",
  state: "must be a two-letter state code such as CA",
  city: "must be a non-empty city name without spaces, such as sanfrancisco",
  asn: "must be a non-empty autonomous system number such as 7922",
  os: `must be one of ${RESIDENTIAL_OS.join(", ")}`,
  zip: "must be a US ZIP code such as 94107",
  host: "must be a host name or IP address, without scheme, port or path",
  port: "must be a whole number from 1 to 65535",
  username: "must be a non-empty string",
  password: "must be a non-empty string that is not only spaces",
  caBundle: "must be PEM text holding at least one -----BEGIN CERTIFICATE----- block",
  caBundleKey:
    "must hold certificates only: it holds a PRIVATE KEY block, which must never be sent to " +
    "the API (a CA bundle needs no key)",
  bypassHosts: "must be a list of host names, *.wildcard host names or IP addresses",
  customOnly: "is only for type custom",
} as const;

const trimmedNonEmpty = (reason: string) =>
  z.string({ error: reason }).refine((s) => s.length > 0 && s.trim() === s, { error: reason });
const noSpaces = (reason: string) =>
  z.string({ error: reason }).refine((s) => /^\S+$/.test(s), { error: reason });
const pattern = (re: RegExp, reason: string) =>
  z.string({ error: reason }).refine((s) => re.test(s), { error: reason });

const configFields = {
  country: orUnknown(pattern(/^[A-Za-z]{2}$/, reasons.country)).optional(),
  asn: orUnknown(noSpaces(reasons.asn)).optional(),
  city: orUnknown(noSpaces(reasons.city)).optional(),
  os: orUnknown(z.enum(RESIDENTIAL_OS, { error: reasons.os })).optional(),
  state: orUnknown(pattern(/^[A-Za-z]{2}$/, reasons.state)).optional(),
  zip: orUnknown(pattern(/^\d{5}(-\d{4})?$/, reasons.zip)).optional(),
  host: orUnknown(z.string({ error: reasons.host }).refine(isProxyHost, reasons.host)).optional(),
  port: orUnknown(
    z
      .number({ error: reasons.port })
      .int({ error: reasons.port })
      .min(1, { error: reasons.port })
      .max(65535, { error: reasons.port }),
  ).optional(),
  username: orUnknown(z.string({ error: reasons.username }).min(1, reasons.username)).optional(),
};

function configSchemaFor(type: ProxyType | undefined) {
  const keys = type ? CONFIG_KEYS[type] : ALL_CONFIG_KEYS;
  const shape = Object.fromEntries(keys.map((k) => [k, configFields[k]]));
  return z.strictObject(shape, { error: reasons.config });
}

export const inputsSchema = z.strictObject({
  type: orUnknown(z.enum(PROXY_TYPES, { error: reasons.type })),
  name: orUnknown(trimmedNonEmpty(reasons.name)).optional(),
  protocol: orUnknown(z.enum(PROXY_PROTOCOLS, { error: reasons.protocol })).optional(),
  // Checked per type below, once the type is known.
  config: orUnknown(z.record(z.string(), z.unknown(), { error: reasons.config })).optional(),
  password: orUnknown(
    z.string({ error: reasons.password }).refine((p) => p.trim() !== "", reasons.password),
  ).optional(),
  caBundle: orUnknown(
    z
      .string({ error: reasons.caBundle })
      .refine(isPem, reasons.caBundle)
      .refine((pem) => !/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(pem), reasons.caBundleKey),
  ).optional(),
  bypassHosts: orUnknown(
    z.array(
      orUnknown(z.string({ error: reasons.bypassHosts }).refine(isBypassHost, reasons.bypassHosts)),
      {
        error: reasons.bypassHosts,
      },
    ),
  ).optional(),
});

export const INPUT_NAMES: readonly string[] = Object.keys(inputsSchema.shape);

const SECRET_INPUTS = ["password", "caBundle"];

const failureOptions = (type: ProxyType | undefined) => ({
  inputNames: INPUT_NAMES,
  fieldsAt: () => (type ? CONFIG_KEYS[type] : ALL_CONFIG_KEYS),
  secretInputs: SECRET_INPUTS,
});

/** Validates and normalises a Proxy's inputs; engine keys (`__provider`) are left out. */
export function checkInputs(news: Record<string, unknown>): CheckResult {
  const raw = withoutEngineKeys(news);
  const parsed = inputsSchema.safeParse(raw);
  if (!parsed.success) {
    const type = PROXY_TYPES.find((t) => t === raw.type);
    return { inputs: raw, failures: toFailures(parsed.error.issues, raw, failureOptions(type)) };
  }
  const inputs = parsed.data as Record<string, unknown>;
  const type = inputs.type === UNKNOWN ? undefined : (inputs.type as ProxyType);
  const failures: CheckFailure[] = [];

  if (inputs.config !== undefined && inputs.config !== UNKNOWN) {
    const config = configSchemaFor(type).safeParse(inputs.config);
    if (!config.success) {
      failures.push(...toFailures(config.error.issues, raw, failureOptions(type), ["config"]));
      if (type === "custom") {
        for (const key of ["password", "ca_bundle", "caBundle"]) {
          if (key in (inputs.config as object)) {
            failures.push({
              property: `config.${key}`,
              reason: `must not be in config: set the top-level ${key === "password" ? "password" : "caBundle"} input, which is kept secret`,
            });
          }
        }
      }
    } else {
      const config = inputs.config as Record<string, unknown>;
      if (type === "residential" && config.city !== undefined && config.country === undefined) {
        failures.push({
          property: "config.country",
          reason: "is required when config.city is set",
        });
      }
    }
  }
  if (type === "custom") {
    const config = inputs.config as Record<string, unknown> | undefined;
    if (config !== (UNKNOWN as unknown)) {
      for (const key of ["host", "port"]) {
        if (config?.[key] === undefined) {
          failures.push({ property: `config.${key}`, reason: "is required for type custom" });
        }
      }
    }
  } else if (type !== undefined) {
    for (const key of ["password", "caBundle"]) {
      if (inputs[key] !== undefined) failures.push({ property: key, reason: reasons.customOnly });
    }
  }
  if (failures.length > 0) return { inputs: raw, failures: dedupe(failures) };
  return { inputs: normalizeInputs(inputs), failures: [] };
}

/**
 * Equal intent gives equal inputs: country and state codes in upper case, bypass hosts as a
 * sorted set of lower-case ASCII names (an empty list is the same as none). Unknown values stay.
 */
export function normalizeInputs(input: Record<string, unknown>): Record<string, unknown> {
  const out = withoutUndefined(input);
  if (out.config !== undefined && out.config !== UNKNOWN) {
    const config = withoutUndefined(out.config as Record<string, unknown>);
    for (const key of ["country", "state"]) {
      if (typeof config[key] === "string" && config[key] !== UNKNOWN) {
        config[key] = (config[key] as string).toUpperCase();
      }
    }
    if (Object.keys(config).length === 0) delete out.config;
    else out.config = config;
  }
  if (Array.isArray(out.bypassHosts)) {
    if (out.bypassHosts.includes(UNKNOWN)) {
      out.bypassHosts = out.bypassHosts.map((h) => (h === UNKNOWN ? h : normalizeBypassHost(h)));
    } else if (out.bypassHosts.length === 0) delete out.bypassHosts;
    else out.bypassHosts = normalizeBypassHosts(out.bypassHosts as string[]);
  }
  return out;
}

export function normalizeBypassHosts(hosts: readonly string[]): string[] {
  return [...new Set(hosts.map(normalizeBypassHost))].sort();
}

/** Lower-case ASCII (punycode) form; `*.` and IP addresses kept as they are. */
export function normalizeBypassHost(host: string): string {
  if (isIP(host)) return host.toLowerCase();
  const wildcard = host.startsWith("*.") ? "*." : "";
  const ascii = domainToASCII(host.slice(wildcard.length));
  return ascii === "" ? host.toLowerCase() : wildcard + ascii;
}

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function isAsciiHostName(host: string): boolean {
  return host.length <= 253 && host.split(".").every((label) => HOST_LABEL.test(label));
}

/** A host name (any script), `*.` plus a host name, or an IP address. */
export function isBypassHost(value: string): boolean {
  if (isIP(value)) return true;
  const rest = value.startsWith("*.") ? value.slice(2) : value;
  const ascii = domainToASCII(rest);
  return ascii !== "" && isAsciiHostName(ascii);
}

/** A custom proxy's host: a host name or an IP address (IPv6 with or without brackets). */
export function isProxyHost(value: string): boolean {
  if (isIP(value) || isIP(value.replace(/^\[(.*)\]$/, "$1")) === 6) return true;
  const ascii = domainToASCII(value);
  return ascii !== "" && isAsciiHostName(ascii);
}

function isPem(value: string): boolean {
  return /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(value);
}

function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

function dedupe<T extends { property: string; reason: string }>(failures: T[]): T[] {
  const seen = new Set<string>();
  return failures.filter(
    (f) => !seen.has(`${f.property}\0${f.reason}`) && !!seen.add(`${f.property}\0${f.reason}`),
  );
}
