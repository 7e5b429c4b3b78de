/**
 * CredentialProvider's check: validation and normalisation (docs/behaviour.md). Pure and
 * total: it never throws, names the input path of every problem, never echoes the token, and
 * passes Pulumi's unknown sentinel through.
 */
import { z } from "zod";
import { type CheckResult, checkWithSchema, orUnknown } from "../dynamic/checks";
import { PROVIDER_TYPES, SECRET_OUTPUTS } from "./types";

const reasons = {
  // Refused rather than trimmed, as for a proxy's name: the program then says what is stored,
  // and no preview shows the untrimmed name against the trimmed live one.
  name: "must be a non-empty name without leading or trailing spaces (the API trims names)",
  providerType: `must be one of ${PROVIDER_TYPES.map((t) => `"${t}"`).join(", ")}`,
  token: "must be a non-empty service account token",
  cacheTtlSeconds: "must be a whole number of seconds, 0 or more",
  enabled: "must be true or false",
  priority: "must be a whole number (lower numbers are checked first)",
} as const;

const trimmedName = (reason: string) =>
  z.string({ error: reason }).refine((s) => s.length > 0 && s.trim() === s, { error: reason });

export const inputsSchema = z.strictObject({
  name: orUnknown(trimmedName(reasons.name)),
  providerType: orUnknown(z.enum(PROVIDER_TYPES, { error: reasons.providerType })),
  token: orUnknown(
    z.string({ error: reasons.token }).refine((s) => s.trim() !== "", { error: reasons.token }),
  ),
  cacheTtlSeconds: orUnknown(
    z.number({ error: reasons.cacheTtlSeconds }).int({ error: reasons.cacheTtlSeconds }).min(0, {
      error: reasons.cacheTtlSeconds,
    }),
  ).optional(),
  enabled: orUnknown(z.boolean({ error: reasons.enabled })).optional(),
  priority: orUnknown(
    z.number({ error: reasons.priority }).int({ error: reasons.priority }),
  ).optional(),
});

export const INPUT_NAMES = Object.keys(inputsSchema.shape);

/** Validates and normalises the program's inputs; engine keys are dropped; never throws. */
export function checkInputs(news: Record<string, unknown>): CheckResult {
  return checkWithSchema(inputsSchema, news, {
    inputNames: INPUT_NAMES,
    secretInputs: SECRET_OUTPUTS,
  });
}
