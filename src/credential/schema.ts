/**
 * Credential's check: validation and normalisation (docs/behaviour.md). Pure and total: it
 * never throws, names the input path of every problem, never echoes a secret value, and passes
 * Pulumi's unknown sentinel through at any depth.
 */
import { domainToASCII } from "node:url";
import { z } from "zod";
import { type CheckResult, orUnknown, toFailures } from "../dynamic/checks";
import { UNKNOWN, withoutEngineKeys } from "../dynamic/engineKeys";
import { SECRET_OUTPUTS, TOTP_ALGORITHMS, TOTP_SETTINGS } from "./types";

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A bare host name, in the ASCII form the API compares (`bücher.de` → `xn--bcher-kva.de`), or
 * undefined when the value is not one (a scheme, a path, a port, a space or a wildcard).
 */
export function asciiHostName(value: string): string | undefined {
  // domainToASCII drops a path silently (`a.com/x` → `a.com`): refuse such characters first.
  if (value === "" || /[\s/\\?#:@*]/.test(value)) return undefined;
  const host = domainToASCII(value).toLowerCase();
  if (host === "" || host.length > 253) return undefined;
  return host.split(".").every((label) => HOST_LABEL.test(label)) ? host : undefined;
}

const reasons = {
  name: "must be a non-empty name without leading or trailing spaces",
  namePath:
    'must not be "." or ".." or hold a control character: the credential is found by its ' +
    "name in a URL path, which cannot carry such a name",
  domain: "must be a bare host name such as netflix.com (no scheme, path, port or wildcard)",
  values: "must be a map of field names (such as username, password) to strings",
  valuesEmpty: "must hold at least one field (such as username or password)",
  valueKey: "field names must be non-empty",
  value: "must be a string",
  ssoProvider: "must be a string naming the SSO provider, such as google",
  totpSecret:
    "must be a base32 TOTP secret (letters A-Z and digits 2-7; spaces and dashes are ignored)",
  totpAlgorithm: `must be one of ${TOTP_ALGORITHMS.join(", ")}`,
  totpDigits: "must be a whole number of digits from 1 to 10, such as 6 or 8",
  totpPeriod: "must be a whole number of seconds, at least 1, such as 30",
  totpSettingAlone: "needs totpSecret: the API takes TOTP settings only with the secret",
} as const;

const trimmedName = (reason: string) =>
  z.string({ error: reason }).refine((s) => s.length > 0 && s.trim() === s, { error: reason });

/** Spaces and dashes (used to group it) and letter case do not change a base32 secret. */
export function normalizeTotpSecret(secret: string): string {
  return secret.replace(/[\s-]+/g, "").toUpperCase();
}

const BASE32 = /^[A-Z2-7]+=*$/;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

const valuesSchema = z.record(
  z.string().refine((key) => key.trim() !== "", { error: reasons.valueKey }),
  orUnknown(z.string({ error: reasons.value })),
  // Only the map's own type problem: the reasons of keys and values are their own.
  { error: (issue) => (issue.code === "invalid_type" ? reasons.values : undefined) },
);

export const inputsSchema = z.strictObject({
  name: orUnknown(
    trimmedName(reasons.name).refine((n) => n !== "." && n !== ".." && !CONTROL.test(n), {
      error: reasons.namePath,
    }),
  ),
  domain: orUnknown(
    z.string({ error: reasons.domain }).refine((d) => asciiHostName(d) !== undefined, {
      error: reasons.domain,
    }),
  ),
  values: orUnknown(
    valuesSchema.refine((v) => Object.keys(v).length > 0, { error: reasons.valuesEmpty }),
  ),
  ssoProvider: orUnknown(
    z.string({ error: reasons.ssoProvider }).refine((s) => s.trim() === s, {
      error: `${reasons.ssoProvider}, without leading or trailing spaces`,
    }),
  ).optional(),
  totpSecret: orUnknown(
    z
      .string({ error: reasons.totpSecret })
      .refine((s) => s.trim() === "" || BASE32.test(normalizeTotpSecret(s)), {
        error: reasons.totpSecret,
      }),
  ).optional(),
  totpAlgorithm: orUnknown(
    z
      .string({ error: reasons.totpAlgorithm })
      .refine((s) => (TOTP_ALGORITHMS as readonly string[]).includes(s.toUpperCase()), {
        error: reasons.totpAlgorithm,
      }),
  ).optional(),
  totpDigits: orUnknown(
    z
      .number({ error: reasons.totpDigits })
      .int({ error: reasons.totpDigits })
      .min(1, { error: reasons.totpDigits })
      .max(10, {
        error: reasons.totpDigits,
      }),
  ).optional(),
  totpPeriod: orUnknown(
    z.number({ error: reasons.totpPeriod }).int({ error: reasons.totpPeriod }).min(1, {
      error: reasons.totpPeriod,
    }),
  ).optional(),
});

export const INPUT_NAMES = Object.keys(inputsSchema.shape);

/** Validates and normalises the program's inputs; engine keys are dropped; never throws. */
export function checkInputs(news: Record<string, unknown>): CheckResult {
  const raw = withoutEngineKeys(news);
  try {
    const parsed = inputsSchema.safeParse(raw);
    if (parsed.success) {
      const inputs = normalizeInputs(parsed.data);
      return { inputs, failures: totpSettingsWithoutSecret(inputs) };
    }
    const failures = toFailures(parsed.error.issues.map(unwrapKeyIssue), raw, {
      inputNames: INPUT_NAMES,
      secretInputs: SECRET_OUTPUTS,
    });
    return { inputs: raw, failures };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      inputs: raw,
      failures: [{ property: "", reason: `could not be checked: ${message}` }],
    };
  }
}

/** Each TOTP setting set while the program sets no secret (unknown counts as set). */
function totpSettingsWithoutSecret(inputs: Record<string, unknown>) {
  if (inputs.totpSecret !== undefined) return [];
  return TOTP_SETTINGS.filter((key) => inputs[key] !== undefined).map((property) => ({
    property,
    reason: reasons.totpSettingAlone,
  }));
}

/** A bad key of `values` comes as "invalid key" wrapping the reason: say the reason itself. */
function unwrapKeyIssue(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code === "invalid_union") {
    const errors = issue.errors.map((branch) => branch.map(unwrapKeyIssue));
    return { ...issue, errors } as z.core.$ZodIssue;
  }
  if (issue.code === "invalid_key") {
    const message = issue.issues[0]?.message ?? issue.message;
    return { code: "custom", path: issue.path, message, input: issue.input };
  }
  return issue;
}

/**
 * Equal intent gives equal inputs: the domain in lower-case ASCII form, an empty `ssoProvider`
 * or `totpSecret` as unset, a TOTP secret without spaces in upper case, the TOTP algorithm in
 * upper case.
 */
export function normalizeInputs(input: Record<string, unknown>): Record<string, unknown> {
  const out = withoutEngineKeys(input);
  if (typeof out.domain === "string" && out.domain !== UNKNOWN) {
    out.domain = asciiHostName(out.domain) ?? out.domain;
  }
  if (out.values !== UNKNOWN && out.values !== null && typeof out.values === "object") {
    out.values = { ...(out.values as Record<string, unknown>) };
  }
  if (out.ssoProvider === "") delete out.ssoProvider;
  if (typeof out.totpSecret === "string" && out.totpSecret !== UNKNOWN) {
    const secret = normalizeTotpSecret(out.totpSecret);
    if (secret === "") delete out.totpSecret;
    else out.totpSecret = secret;
  }
  if (typeof out.totpAlgorithm === "string" && out.totpAlgorithm !== UNKNOWN) {
    out.totpAlgorithm = out.totpAlgorithm.toUpperCase();
  }
  return out;
}
