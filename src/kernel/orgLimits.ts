/**
 * `GET /org/limits` (Python SDK 0.89+): the plan's minimum health-check interval, its
 * connection limit (null: none) and the connections in use, all org-wide. Read by `doctor` and
 * after a refusal that they explain; never on a path that succeeds.
 */
import { z } from "zod";
import type { KernelOperation } from "./client";

export const ORG_LIMITS_PATH = "/org/limits";

const orgLimitsSchema = z.looseObject({
  min_health_check_interval_seconds: z.number().nullish(),
  max_auth_connections: z.number().nullish(),
  auth_connections_used: z.number().nullish(),
});

export type OrgLimits = z.infer<typeof orgLimitsSchema>;

export function parseOrgLimits(json: unknown): OrgLimits {
  return orgLimitsSchema.parse(json);
}

/** The limits, or the reason they could not be read (a key that may not read them, say). */
export async function readOrgLimits(
  op: KernelOperation,
): Promise<{ limits: OrgLimits } | { error: string }> {
  try {
    return { limits: await op.request("GET", ORG_LIMITS_PATH, { parse: parseOrgLimits }) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
