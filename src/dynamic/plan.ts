/**
 * The diff decision of the shared skeleton as one pure function: the resource's own plan, plus
 * the project move (docs/behaviour.md) as a replace of `project`, created first since the
 * unique key cannot collide across projects. The provider's `diff` and the pull-request comment
 * both take it from here. One step is `diff`'s alone: a desired project written otherwise than
 * the recorded one (an id for a name) is a move here, and `diff` then asks the API (one GET in
 * the desired project), finding no move when the object answers there; the comment cannot ask.
 */
import { PROJECT_KEY, type ProjectSettings, desiredProject, projectMoves } from "./project";

/** What diff reports and update carries out: one pure plan per resource (docs/behaviour.md). */
export interface ChangePlan<Field extends string = string> {
  /** Input names whose change needs a new object. */
  replaces: string[];
  /** The new object would collide with the old one (the same unique key in the same project). */
  deleteBeforeReplace: boolean;
  /** Updatable fields that differ or are not known yet. */
  changed: Field[];
}

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
