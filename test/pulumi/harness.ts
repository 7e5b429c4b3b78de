/**
 * The end-to-end suites' helpers around the real CLI (src/host/pulumiCli.ts): what a preview's
 * JSON names, and the artefacts each suite saves under __output__/ (gitignored).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PreviewJson, PreviewStep } from "../../src/host/pulumiCli";
import { REPO_ROOT } from "../../src/host/repoRoot";

export * from "../../src/host/pulumiCli";

export const OUTPUT_DIR = path.join(REPO_ROOT, "test", "pulumi", "__output__");

/** The steps that change something (not `same`), keyed by the resource's name. */
export function changedSteps(preview: PreviewJson): Record<string, PreviewStep> {
  return Object.fromEntries(
    preview.steps
      .filter((s) => s.op !== "same")
      .map((s) => [`${s.urn.split("::")[2].split(":").pop()}::${s.urn.split("::").pop()}`, s]),
  );
}

/** A step without its states: what the report quotes. */
export function stepSummary(step: PreviewStep): Omit<PreviewStep, "oldState" | "newState"> {
  const { oldState: _old, newState: _new, ...rest } = step;
  return rest;
}

/** Writes a named artefact (a preview's text or JSON) under `__output__/`. */
export function saveOutput(name: string, text: string): void {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUTPUT_DIR, name), text);
}
