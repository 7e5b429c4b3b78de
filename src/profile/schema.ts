/**
 * check for Profile: validation and normalisation (docs/behaviour.md). Pure and total.
 */
import { z } from "zod";
import { type CheckResult, checkWithSchema, orUnknown } from "../dynamic/checks";

const reasons = {
  name: "must be a non-empty profile name without leading or trailing spaces",
} as const;

const trimmedNonEmpty = (reason: string) =>
  z.string({ error: reason }).refine((s) => s.length > 0 && s.trim() === s, { error: reason });

export const inputsSchema = z.strictObject({
  name: orUnknown(trimmedNonEmpty(reasons.name)),
});

export const INPUT_NAMES: readonly string[] = Object.keys(inputsSchema.shape);

/** Validates and normalises a Profile's inputs; engine keys (`__provider`) are left out. */
export function checkInputs(news: Record<string, unknown>): CheckResult {
  return checkWithSchema(inputsSchema, news, { inputNames: INPUT_NAMES }, (data) => {
    const inputs = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
    // `adopt: false` is the same intent as no adopt.
    if (inputs.adopt === false) delete inputs.adopt;
    return inputs;
  });
}
