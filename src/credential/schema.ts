/**
 * Credential's check: validation and normalisation (BEHAVIOR.md A2, B2). Pure and total: it
 * never throws, names the input path of every problem, never echoes a secret value, and passes
 * Pulumi's unknown sentinel through at any depth.
 */
import { z } from "zod";
import { type CheckResult, asciiHostName, toFailures, withoutEngineKeys } from "./checkSupport";
import { SECRET_OUTPUTS, UNKNOWN } from "./types";

/** Accepts the unknown sentinel in place of any value. */
const orUnknown = <T extends z.ZodType>(schema: T) => z.union([z.literal(UNKNOWN), schema]);

const reasons = {
  name: "must be a non-empty name without leading or trailing spaces",
  domain: "must be a bare host name such as netflix.com (no scheme, path, port or wildcard)",
  values: "must be a map of field names (such as username, password) to strings",
  valueKey: "field names must be non-empty",
  value: "must be a string",
  ssoProvider: "must be a string naming the SSO provider, such as google",
  totpSecret:
    "must be a base32 TOTP secret (letters A-Z and digits 2-7; spaces and dashes are ignored)",
  project: "must be a non-empty project id or name",
  adopt: "must be true or false",
} as const;

const trimmedName = (reason: string) =>
  z.string({ error: reason }).refine((s) => s.length > 0 && s.trim() === s, { error: reason });

/** Spaces and dashes (used to group it) and letter case do not change a base32 secret. */
export function normalizeTotpSecret(secret: string): string {
  return secret.replace(/[\s-]+/g, "").toUpperCase();
}

const BASE32 = /^[A-Z2-7]+=*$/;

const valuesSchema = z.record(
  z.string().refine((key) => key.trim() !== "", { error: reasons.valueKey }),
  orUnknown(z.string({ error: reasons.value })),
  { error: reasons.values },
);

export const inputsSchema = z.strictObject({
  name: orUnknown(trimmedName(reasons.name)),
  domain: orUnknown(
    z.string({ error: reasons.domain }).refine((d) => asciiHostName(d) !== undefined, {
      error: reasons.domain,
    }),
  ),
  values: orUnknown(valuesSchema),
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
  project: orUnknown(trimmedName(reasons.project)).optional(),
  adopt: orUnknown(z.boolean({ error: reasons.adopt })).optional(),
});

export const INPUT_NAMES = Object.keys(inputsSchema.shape);

/** Validates and normalises the program's inputs; engine keys are dropped. */
export function checkInputs(news: Record<string, unknown>): CheckResult {
  const raw = withoutEngineKeys(news);
  const parsed = inputsSchema.safeParse(raw);
  if (!parsed.success) {
    const failures = toFailures(parsed.error.issues, raw, {
      inputNames: INPUT_NAMES,
      secretInputs: SECRET_OUTPUTS,
    });
    // The inputs go back as given (minus engine keys); with failures the engine stops anyway.
    return { inputs: raw, failures };
  }
  return { inputs: normalizeInputs(parsed.data), failures: [] };
}

/**
 * Equal intent gives equal inputs: the domain in lower-case ASCII form, an empty `ssoProvider`
 * or `totpSecret` as unset, a TOTP secret without spaces in upper case, `adopt: false` as unset.
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
  if (out.adopt === false) delete out.adopt;
  return out;
}
