/**
 * The Extension's planner, shared by diff and update. The API has no update, so every change
 * is a replacement: new content (`sourceSha256`, the archive's hash, whatever path it comes
 * from) or another name. A path that moves with the same content is no change. The new
 * extension is made after the old one is deleted exactly when both carry the same name, which
 * the API keeps unique in a project.
 */
import { UNKNOWN } from "../dynamic/engineKeys";
import type { ChangePlan } from "../dynamic/spec";
import type { ExtensionOutputs, ExtensionUpdatableField } from "./types";

export function planChanges(
  olds: Partial<ExtensionOutputs>,
  news: Record<string, unknown>,
): ChangePlan<ExtensionUpdatableField> {
  const replaces: string[] = [];
  if (news.sourceSha256 === UNKNOWN || news.sourceSha256 !== olds.sourceSha256) {
    replaces.push("sourceSha256");
  }
  if (news.name === UNKNOWN || news.name !== olds.name) replaces.push("name");
  // A name not known yet may be the same one: the safe order.
  const sameName = news.name !== undefined && (news.name === UNKNOWN || news.name === olds.name);
  return { replaces, deleteBeforeReplace: replaces.length > 0 && sameName, changed: [] };
}
