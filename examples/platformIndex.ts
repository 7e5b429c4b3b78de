/** A Pulumi program of its own for the platform stack (examples/platform.ts): `main` of its Pulumi.yaml. */
import { platformStack } from "./platform";

const { team, pool, collector } = platformStack();

export const projectId = team.id;
export const poolId = pool.id;
export const collectorHeaderNames = collector.headerNames;
