/**
 * What an AuthConnection's refusals need besides the API's words, from one read of the plan's
 * limits (`GET /org/limits`) or of the proxies a name matches, made only after the refusal:
 * - a create past the plan's connection limit (403 `insufficient_plan`) says the limit and how
 *   many are in use;
 * - an interval below the plan's minimum (400) names that minimum;
 * - a 400 for a body that selects a proxy by name says, when the name matches several proxies,
 *   which ones (./proxyName).
 * Every other error is left as it is.
 */
import type { WriteAction } from "../dynamic/spec";
import type { KernelOperation } from "../kernel/client";
import { KernelApiError } from "../kernel/errors";
import { type OrgLimits, readOrgLimits } from "../kernel/orgLimits";
import { ambiguousProxyName, proxyNameIn } from "./proxyName";

export async function explainConnectionFailure(
  op: KernelOperation,
  err: unknown,
  action: WriteAction,
  orgOperation: () => KernelOperation,
): Promise<unknown> {
  if (!(err instanceof KernelApiError)) return err;
  if (action.kind === "create" && err.status === 403 && err.code === "insufficient_plan") {
    const read = await readOrgLimits(orgOperation());
    err.message += `. ${connectionLimitText("limits" in read ? read.limits : undefined, "error" in read ? read.error : undefined)}`;
    return err;
  }
  const proxyName = action.kind === "delete" ? undefined : proxyNameIn(action.body);
  if (proxyName !== undefined && err.status === 400) {
    const text = await ambiguousProxyName(op, proxyName);
    if (text !== undefined) {
      err.message += `. ${text}`;
      return err;
    }
  }
  if (action.kind !== "delete" && err.status === 400 && aboutInterval(err)) {
    const read = await readOrgLimits(orgOperation());
    const min = "limits" in read ? read.limits.min_health_check_interval_seconds : undefined;
    if (typeof min === "number") {
      err.message +=
        `. The plan's minimum health-check interval is ${min} seconds (GET /org/limits): set ` +
        `healthCheckInterval to ${min} or more, or leave it out for the API's default`;
    }
    return err;
  }
  return err;
}

/** The plan's connection limit in words, from the limits when they could be read. */
export function connectionLimitText(limits: OrgLimits | undefined, error?: string): string {
  const max = limits?.max_auth_connections;
  const used = limits?.auth_connections_used;
  if (typeof max === "number") {
    const inUse = typeof used === "number" ? `${used} are in use` : "the number in use is unknown";
    return (
      `The plan's limit of ${max} auth connections is reached: ${inUse} across the ` +
      `organisation, every project counted (GET /org/limits). Delete connections no longer ` +
      `needed, or upgrade the plan`
    );
  }
  if (limits) {
    const inUse = typeof used === "number" ? ` (${used} in use)` : "";
    return (
      `The plan's connection limit was reached, but GET /org/limits now shows no limit${inUse}: ` +
      `run \`pulumi up\` again`
    );
  }
  return (
    `The plan's auth connection limit is reached; how many are in use could not be read ` +
    `(${error ?? "no answer"})`
  );
}

/** A 400 about the health-check interval (its field name in the message or details). */
function aboutInterval(err: KernelApiError): boolean {
  const text = [err.apiMessage, ...err.details.map((d) => `${d.code ?? ""} ${d.message ?? ""}`)]
    .join(" ")
    .toLowerCase();
  return /health_check_interval|plan_minimum/.test(text);
}
