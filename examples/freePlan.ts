/**
 * The smallest auth connection: every optional setting left to the server. On the Free plan
 * the server picks the health-check interval (its minimum there, 21600 s); the provider sends
 * none and reports the one the server chose.
 *
 * The profile is declared too: the API would create a missing one for the connection, and
 * nothing would delete it with the stack.
 */
import * as kernel from "pulumi-kernel";

export function freePlanStack() {
  const profile = new kernel.Profile("team-netflix", { name: "team-netflix" });
  const netflix = new kernel.AuthConnection("netflix-free", {
    profileName: profile.name,
    domain: "netflix.com",
  });
  return { profile, netflix };
}
