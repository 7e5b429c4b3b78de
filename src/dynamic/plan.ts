/**
 * The diff decision of the shared skeleton as one pure function: the resource's own plan, plus
 * the project move (docs/behaviour.md) as a replace of `project`, created first since the
 * unique key cannot collide across projects. The provider's `diff` and the pull-request comment
 * both take it from here. One step is `diff`'s alone: a desired project written otherwise than
 * the recorded one (an id for a name) is a move here, and `diff` then asks the API (one GET in
 * the desired project), finding no move when the object answers there; the comment cannot ask.
 */
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
  return { plan, body: spec.updateBody(plan, olds, desired) };
}

/** Whether a plan does anything: a replacement or a changed field. */
export function hasChanges(plan: ChangePlan): boolean {
  return plan.replaces.length > 0 || plan.changed.length > 0;
}
