/**
 * Logins from 1Password: a credential provider holds the organisation's 1Password service
 * account token, and each auth connection names an item in it instead of a Kernel credential.
 * Kernel fetches the item when it logs in; no password is in the stack.
 *
 *   pulumi config set --secret onePasswordToken ops_...
 *
 * `{ provider, path }` names one item ("Vault/Item"); `{ provider, auto: true }` lets Kernel
 * find the item for the connection's domain.
 */
import * as pulumi from "@pulumi/pulumi";
import * as kernel from "pulumi-kernel";

export function onePasswordStack() {
  const config = new pulumi.Config();

  // Organisation-wide: one per 1Password account, whatever project the connections are in.
  const vault = new kernel.CredentialProvider("team-1password", {
    name: "team-1password",
    providerType: "onepassword",
    token: config.requireSecret("onePasswordToken"),
    // Items are cached this long after a fetch.
    cacheTtlSeconds: 300,
  });

  const github = new kernel.AuthConnection("github", {
    profileName: "team-github",
    domain: "github.com",
    loginUrl: "https://github.com/login",
    // The item at this path in the provider named `vault.name`.
    credential: { provider: vault.name, path: "Engineering/GitHub bot" },
  });

  const linear = new kernel.AuthConnection("linear", {
    profileName: "team-linear",
    domain: "linear.app",
    // Kernel finds the item whose website is linear.app.
    credential: { provider: vault.name, auto: true },
  });

  return { vault, github, linear };
}
