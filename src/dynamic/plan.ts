/**
 * The diff decision of the shared skeleton as one pure function: the resource's own plan, plus
 * the project move (docs/behaviour.md) as a replace of `project`, created first since the
 * unique key cannot collide across projects. The provider's `diff` and the pull-request comment
 * both take it from here. One step is `diff`'s alone: a desired project written otherwise than
 * the recorded one (an id for a name) is a move here, and `diff` then asks the API (one GET in
 * the desired project), finding no move when the object answers there; the comment cannot ask.
 */
import { UNKNOWN, containsUnknown } from "./engineKeys";
import { PROJECT_KEY, type ProjectSettings, desiredProject, projectMoves } from "./project";
import type { ChangePlan, ResourceSpec } from "./spec";

export type { ChangePlan } from "./spec";

/** What a spec's `plan` needs to be called with. */
export interface Planner<State extends object> {
  projectScoped: boolean;
  plan(olds: Partial<State>, news: Record<string, unknown>): ChangePlan;
}

/** The plan with the project move added: `replaces` ends with `project` when it moves. */
export function planDiff<State extends object>(
  spec: Planner<State>,
  olds: Partial<State>,
  news: Record<string, unknown>,
  settings: ProjectSettings,
): ChangePlan {
  const plan = spec.plan(olds, news);
  const replaces = [...plan.replaces];
  let deleteBeforeReplace = plan.deleteBeforeReplace;
  if (
    spec.projectScoped &&
    projectMoves(olds as Record<string, unknown>, desiredProject(news[PROJECT_KEY], settings))
  ) {
    replaces.push(PROJECT_KEY);
    deleteBeforeReplace = false;
  }
  return {
    replaces,
    deleteBeforeReplace: replaces.length > 0 && deleteBeforeReplace,
    changed: [...plan.changed],
  };
}

/**
 * What update sends: the resource's plan from `olds` to `desired`, and the PATCH body for it
 * (`{}` when nothing is to send). The provider's update and takeover run exactly this, and the
 * planner laws hold it (test/property).
 */
export function planUpdate<Inputs extends object, Outputs extends object>(
  spec: Pick<ResourceSpec<Inputs, Outputs, unknown>, "plan" | "updateBody">,
  olds: Partial<Outputs>,
  desired: Inputs,
): { plan: ChangePlan; body: Record<string, unknown> } {
  const plan = spec.plan(olds, desired as Record<string, unknown>);
  return { plan, body: spec.updateBody(plan, olds, desired) as Record<string, unknown> };
}

/** Whether a plan does anything: a replacement or a changed field. */
export function hasChanges(plan: ChangePlan): boolean {
  return plan.replaces.length > 0 || plan.changed.length > 0;
}

/** The per-field rules most resources' plans follow. */
export interface FieldRules<Field extends string> {
  /** Inputs a change of which needs a new object (scalars, compared as they are). */
  createOnly?: readonly string[];
  /** The fields a PATCH can change, in the order it lists them. */
  updatable: readonly Field[];
  /**
   * Whether one updatable field is already as desired. Called only for a desired value with
   * nothing unknown in it: an unknown value is always a change.
   */
  equals(field: Field, desired: unknown): boolean;
  /**
   * The fields of the unique key: a replacement that keeps them (or cannot tell yet) would
   * collide with the old object, so the old one is deleted first.
   */
  uniqueKey?: readonly string[];
}

/** A plan from per-field rules: replaces, changed fields and the order of a replacement. */
export function planFields<Field extends string>(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  rules: FieldRules<Field>,
): ChangePlan<Field> {
  const differs = (key: string) => news[key] === UNKNOWN || news[key] !== olds[key];
  const replaces = (rules.createOnly ?? []).filter(differs);
  const changed = rules.updatable.filter(
    (field) => containsUnknown(news[field]) || !rules.equals(field, news[field]),
  );
  const keyKept = (rules.uniqueKey ?? []).every(
    (key) => news[key] === UNKNOWN || news[key] === olds[key],
  );
  return {
    replaces,
    deleteBeforeReplace: replaces.length > 0 && rules.uniqueKey !== undefined && keyKept,
    changed,
  };
}
