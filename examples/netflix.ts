/**
 * The example stack: one Kernel auth connection keeping a team's Netflix profile logged in.
 * `index.ts` runs it as the Pulumi program of the project at the repository root.
 */
import { AuthConnection } from "pulumi-kernel";

export function netflixStack() {
  const netflix = new AuthConnection("netflix", {
    profileName: "team-netflix",
    domain: "netflix.com",
    loginUrl: "https://www.netflix.com/login",
    credential: { name: "netflix-creds" },
    allowedDomains: ["login.netflix.com", "auth.netflix.com"],
    healthCheckInterval: 1800,
    saveCredentials: true,
    proxy: { name: "residential" },
  });
  return { netflix, status: netflix.status };
}
