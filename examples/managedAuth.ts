/**
 * The example stack: a team's whole Netflix managed-auth setup in one program. A browser
 * profile, the credential Kernel logs in with (its values from Pulumi's encrypted config), a
 * residential proxy, and the auth connection that ties them together. References between the
 * resources (`creds.name`, `residential.id`) give Pulumi the order: the connection is created
 * after what it points at, and destroyed before it.
 *
 * `index.ts` runs it as the Pulumi program of the project at the repository root:
 *   pulumi config set netflixUser me@example.com
 *   pulumi config set --secret netflixPassword '...'
 */
import * as pulumi from "@pulumi/pulumi";
import * as kernel from "pulumi-kernel";

export function managedAuthStack() {
  const config = new pulumi.Config();

  const profile = new kernel.Profile("team-netflix", { name: "team-netflix" });

  const creds = new kernel.Credential("netflix", {
    name: "netflix-creds",
    domain: "netflix.com",
    values: {
      username: config.require("netflixUser"),
      password: config.requireSecret("netflixPassword"),
    },
  });

  // `kernel.Proxy`, not a named import: `Proxy` would shadow JavaScript's global.
  const residential = new kernel.Proxy("residential", {
    type: "residential",
    name: "residential-us",
    config: { country: "US" },
  });

  const netflix = new kernel.AuthConnection("netflix", {
    profileName: profile.name,
    domain: "netflix.com",
    loginUrl: "https://www.netflix.com/login",
    credential: { name: creds.name },
    allowedDomains: ["login.netflix.com", "auth.netflix.com"],
    healthCheckInterval: 1800,
    // Keep a recording of each login, to see what the agent saw when one fails.
    recordSession: true,
    proxy: { id: residential.id },
  });

  return { profile, creds, residential, netflix };
}
