/**
 * check for Profile: validation and normalisation (docs/behaviour.md). Pure and total.
 */
import { z } from "zod";
import { type CheckResult, checkWithSchema, orUnknown } from "../dynamic/checks";
import { projectInputSchema } from "../dynamic/project";

const reasons = {
  name: "must be a non-empty profile name without leading or trailing spaces",
  adopt: "must be true or false",
} as const;

const trimmedNonEmpty = (reason: string) =>
  z.string({ error: reason }).refine((s) => s.length > 0 && s.trim() === s, { error: reason });

export const profileInputsSchema = z.strictObject({
  name: orUnknown(trimmedNonEmpty(reasons.name)),
  project: projectInputSchema.optional(),
  adopt: orUnknown(z.boolean({ error: reasons.adopt })).optional(),
});

export const PROFILE_INPUT_NAMES: readonly string[] = Object.keys(profileInputsSchema.shape);

/** Validates and normalises a Profile's inputs; engine keys (`__provider`) are left out. */
export function checkProfile(news: Record<string, unknown>): CheckResult {
  return checkWithSchema(profileInputsSchema, news, { inputNames: PROFILE_INPUT_NAMES }, (data) => {
    const inputs = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
    // `adopt: false` is the same intent as no adopt.
    if (inputs.adopt === false) delete inputs.adopt;
    return inputs;
  });
}
