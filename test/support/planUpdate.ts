import { planUpdate } from "../../src/dynamic/plan";
import type { ResourceSpec } from "../../src/dynamic/spec";

/** The PATCH body the provider's update sends for `spec`, as a function of the old outputs and the desired inputs. */
export function patchBodyOf<Inputs extends object, Outputs extends object>(
  spec: Pick<ResourceSpec<Inputs, Outputs, unknown>, "plan" | "updateBody">,
): (olds: Partial<Outputs>, desired: Inputs) => Record<string, unknown> {
  return (olds, desired) => planUpdate(spec, olds, desired).body;
}
