/**
 * The smallest auth connection: every optional setting left to the server. On the Free plan
 * the server picks the health-check interval (its minimum there, 21600 s); the provider sends
 * none and reports the one the server chose.
 */
import * as kernel from "pulumi-kernel";

export function freePlanStack() {
  const netflix = new kernel.AuthConnection("netflix-free", {
    profileName: "team-netflix",
    domain: "netflix.com",
  });
  return { netflix };
}
