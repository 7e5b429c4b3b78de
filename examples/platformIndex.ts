/** A Pulumi program of its own for the platform stack (examples/platform.ts): `main` of its Pulumi.yaml. */
import * as kernel from "pulumi-kernel";
import { platformStack } from "./platform";

const { team, pool, collector, profile } = platformStack();

export const projectId = team.id;
export const poolId = pool.id;
export const collectorHeaderNames = collector.headerNames;
// A lookup reads an object by name, as a stack reads what another one manages: here the
// profile this stack made, once its name is known.
export const shopperProfileId = kernel.getProfileOutput({
  name: profile.name,
  project: team.name,
}).id;
