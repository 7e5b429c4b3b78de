/**
 * check for Extension: the inputs' shapes, then the source read from disk (./source), so that a
 * missing path, a source without `manifest.json` at its root or one larger than the API takes
 * fails here, before any request. The archive's hash joins the inputs as `sourceSha256`.
 */
import * as path from "node:path";
import { z } from "zod";
import { type CheckResult, checkWithSchema, orUnknown } from "../dynamic/checks";
import { UNKNOWN } from "../dynamic/engineKeys";
import { readSource } from "./source";

const reasons = {
  source: "must be the path of a directory or a .zip file holding the extension",
  name: "must be a non-empty extension name without leading or trailing spaces",
} as const;

const trimmedNonEmpty = (reason: string) =>
  z.string({ error: reason }).refine((s) => s.length > 0 && s.trim() === s, { error: reason });

export const extensionInputsSchema = z.strictObject({
  source: orUnknown(z.string({ error: reasons.source }).min(1, { error: reasons.source })),
  name: orUnknown(trimmedNonEmpty(reasons.name)).optional(),
});

export const INPUT_NAMES: readonly string[] = Object.keys(extensionInputsSchema.shape);

/**
 * Validates an Extension's own inputs and reads its source. `limit` is the API's largest
 * archive (tests pass a small one).
 */
export function checkInputs(news: Record<string, unknown>, limit?: number): CheckResult {
  const checked = checkWithSchema(
    extensionInputsSchema,
    news,
    { inputNames: INPUT_NAMES },
    (data) => Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)),
  );
  if (checked.failures.length > 0) return checked;
  const source = checked.inputs.source as string;
  // During a preview the path may not be known yet: nor is its hash.
  if (source === UNKNOWN)
    return { ...checked, inputs: { ...checked.inputs, sourceSha256: UNKNOWN } };
  // The class resolves a relative path in the program's directory; the provider's own working
  // directory is another, so a relative path reaching it would name other files.
  if (!path.isAbsolute(source)) {
    return {
      inputs: checked.inputs,
      failures: [
        {
          property: "source",
          reason:
            `must be an absolute path; received ${JSON.stringify(source)} (the Extension class ` +
            `makes a relative path absolute in the program's working directory)`,
        },
      ],
    };
  }
  const read = readSource(source, limit);
  if (!read.ok)
    return { inputs: checked.inputs, failures: [{ property: "source", reason: read.problem }] };
  return { ...checked, inputs: { ...checked.inputs, sourceSha256: read.archive.sha256 } };
}
