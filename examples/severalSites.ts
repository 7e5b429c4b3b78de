/**
 * Several sites in one stack: one browser profile logged in to each site of a list, each
 * with its own credential (values from encrypted config), all through one residential proxy.
 * Adding a site to the list adds a credential and a connection; removing one deletes them.
 *
 *   pulumi config set --secret githubPassword '...'
 *   pulumi config set --secret notionPassword '...'
 *   pulumi config set --secret figmaPassword '...'
 */
import * as pulumi from "@pulumi/pulumi";
import * as kernel from "pulumi-kernel";

/** One site: its domain, its login page and the user name; the password is `<key>Password`. */
interface Site {
  key: string;
  domain: string;
  loginUrl: string;
  username: string;
}

export const SITES: readonly Site[] = [
  {
    key: "github",
    domain: "github.com",
    loginUrl: "https://github.com/login",
    username: "bot@example.com",
  },
  {
    key: "notion",
    domain: "notion.so",
    loginUrl: "https://www.notion.so/login",
    username: "bot@example.com",
  },
  {
    key: "figma",
    domain: "figma.com",
    loginUrl: "https://www.figma.com/login",
    username: "bot@example.com",
  },
];

export function severalSitesStack(sites: readonly Site[] = SITES) {
  const config = new pulumi.Config();

  // One profile holds every site's login: an agent's browser starts logged in to all of them.
  const profile = new kernel.Profile("agents", { name: "agents" });
  const residential = new kernel.Proxy("residential", {
    type: "residential",
    name: "agents-us",
    config: { country: "US" },
  });

  const connections = sites.map((site) => {
    const credential = new kernel.Credential(site.key, {
      name: `${site.key}-login`,
      domain: site.domain,
      values: {
        username: site.username,
        password: config.requireSecret(`${site.key}Password`),
      },
    });
    return new kernel.AuthConnection(site.key, {
      profileName: profile.name,
      domain: site.domain,
      loginUrl: site.loginUrl,
      credential: { name: credential.name },
      proxy: { id: residential.id },
    });
  });

  // `pulumi stack output statuses`: which sites need a person to log in.
  const statuses = pulumi
    .all(connections.map((c) => pulumi.all([c.domain, c.status])))
    .apply((pairs) => Object.fromEntries(pairs));

  return { profile, residential, connections, statuses };
}
