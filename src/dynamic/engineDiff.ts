/**
 * What the real engine shows of a change, and how check and diff answer so that it names the
 * planned fields and nothing else.
 *
 * Pulumi's Node.js dynamic-provider host answers Diff with `changes`, `replaces` and
 * `deleteBeforeReplace` only, never the changed keys. So:
 * - `changes: true` (DIFF_SOME) leaves `diffReasons` empty and `detailedDiff` null, and the
 *   preview prints every difference between the old and new inputs;
 * - `changes` left undefined (DIFF_UNKNOWN) makes the engine diff the old inputs against the
 *   checked new inputs itself: the keys that differ become `diffReasons`, the `detailedDiff`
 *   and what `replaceOnChanges` reads; when none differ the step is a same.
 *
 * Hence the rules:
 * - check aligns the new inputs with the old ones (`alignWithOldInputs`): a field the planner
 *   sees as unchanged keeps its old input value, so a server-owned field the program dropped, a
 *   set in another order, a domain in another case or `adopt` differ in nothing;
 * - diff answers DIFF_NONE when its plan is empty, DIFF_UNKNOWN when every planned field shows
 *   in the inputs, and DIFF_SOME when one does not (drift only the state holds, a project move
 *   by config), so that no planned change is ever lost to the engine's own diff.
 *
 * On a replacement the engine checks the program's inputs again without old inputs, so the new
 * object is created from the program's inputs alone (a dropped server-owned field is not sent).
 */
import { jsonEqual } from "./jsonEqual";
import { PROVIDER_KEY } from "./engineKeys";
import { PROJECT_KEY } from "./project";

/** The fields a plan changes or replaces. */
export interface PlannedFields {
  replaces: readonly string[];
  changed: readonly string[];
}

/**
 * `news` (checked) aligned with `oldInputs` (the inputs the engine holds): every key the plan
 * from `oldInputs` to `news` leaves alone takes its old input value (or stays absent), and a
 * planned list keeps the old order with new members last, so that a one-member addition is one
 * added element, not a shifted list. Every list input of these resources is a set. `project`
 * is left as the program gives it: where it lives is planned from the state, not the inputs.
 * Without old inputs (a create, or the check a replacement repeats) `news` is returned as is.
 */
export function alignWithOldInputs(
  plan: (olds: Record<string, unknown>, news: Record<string, unknown>) => PlannedFields,
  oldInputs: Record<string, unknown>,
  news: Record<string, unknown>,
): Record<string, unknown> {
  const olds = withoutKeys(oldInputs);
  if (Object.keys(olds).length === 0) return news;
  const planned = plan(olds, news);
  const moving = new Set([...planned.replaces, ...planned.changed]);
  const out: Record<string, unknown> = { ...news };
  for (const key of new Set([...Object.keys(olds), ...Object.keys(news)])) {
    if (key === PROVIDER_KEY || key === PROJECT_KEY) continue;
    if (moving.has(key)) {
      if (news[key] !== undefined) out[key] = keepSetOrder(olds[key], news[key]);
    } else if (Object.hasOwn(olds, key) && olds[key] !== undefined) {
      out[key] = olds[key];
    } else {
      delete out[key];
    }
  }
  return out;
}

/**
 * Whether the engine's diff of old against new inputs will see every planned field. The old
 * inputs are not sent to diff; the inputs as the state holds them (`liveInputs`) stand in: a
 * planned field equal there is a change the inputs cannot show. A project move never shows
 * (the input may name the project another way, or be config).
 */
export function plannedFieldsShow(
  planned: PlannedFields,
  liveInputs: Record<string, unknown> | undefined,
  news: Record<string, unknown>,
): boolean {
  if (liveInputs === undefined || planned.replaces.includes(PROJECT_KEY)) return false;
  return [...planned.replaces, ...planned.changed].every(
    (field) => !jsonEqual(liveInputs[field], news[field]),
  );
}

/** A new list in the old one's order, new members last; anything else as given. */
function keepSetOrder(old: unknown, next: unknown): unknown {
  if (!isStringList(old) || !isStringList(next) || new Set(next).size !== next.length) {
    return next;
  }
  const kept = old.filter((member) => next.includes(member));
  return [...new Set(kept), ...next.filter((member) => !old.includes(member))];
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

function withoutKeys(values: Record<string, unknown> | undefined): Record<string, unknown> {
  const { [PROVIDER_KEY]: _provider, ...rest } = values ?? {};
  return rest;
}
