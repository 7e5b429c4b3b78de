/**
 * The steps of the example GitHub Actions workflow, read from its YAML by line (the file keeps
 * to one plain shape: `- name:` then `run: |` or `with: script: |` blocks), so that the tests
 * run exactly the commands the workflow runs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../src/host/repoRoot";

export const WORKFLOW = path.join(REPO_ROOT, "examples", "github-actions", "kernel-pr-comment.yml");

/** The block under `key: |` in the step named `name`, dedented. Throws when absent. */
export function stepBlock(name: string, key: "run" | "script"): string {
  const lines = fs.readFileSync(WORKFLOW, "utf8").split("\n");
  const start = lines.findIndex((line) => line.trim() === `- name: ${name}`);
  if (start < 0) throw new Error(`no step named ${JSON.stringify(name)} in ${WORKFLOW}`);
  const stepIndent = lines[start].indexOf("-");
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    const indent = line.length - line.trimStart().length;
    if (line.trim() !== "" && indent <= stepIndent) break;
    if (line.trim() !== `${key}: |`) continue;
    const block: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const inner = lines[j];
      const innerIndent = inner.length - inner.trimStart().length;
      if (inner.trim() !== "" && innerIndent <= indent) break;
      block.push(inner);
    }
    const margin = Math.min(
      ...block.filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length),
    );
    return (
      block
        .map((l) => l.slice(margin))
        .join("\n")
        .trimEnd() + "\n"
    );
  }
  throw new Error(`the step ${JSON.stringify(name)} has no \`${key}: |\` block`);
}
