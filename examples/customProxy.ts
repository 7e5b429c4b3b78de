/**
 * Your own proxy server: a `custom` proxy with its password and the CA bundle its TLS
 * certificate chains to, both from Pulumi's encrypted config, so they are secret in the
 * program as well as in state. An auth connection routes its login browser through it.
 *
 *   pulumi config set --secret proxyPassword '...'
 *   pulumi config set --secret proxyCaBundle -- "$(cat corp-ca.pem)"
 *
 * The API can change only a proxy's name in place: a new password or CA bundle makes a new
 * proxy, created before the old one is deleted, and the connection moves over with one PATCH.
 */
import * as pulumi from "@pulumi/pulumi";
import * as kernel from "pulumi-kernel";

export function customProxyStack() {
  const config = new pulumi.Config();

  const office = new kernel.Proxy("office", {
    type: "custom",
    name: "office-squid",
    protocol: "https",
    config: { host: "proxy.corp.example.com", port: 3128, username: "kernel" },
    password: config.requireSecret("proxyPassword"),
    caBundle: config.requireSecret("proxyCaBundle"),
    // Straight to these hosts, not through the proxy.
    bypassHosts: ["*.corp.example.com"],
  });

  const intranet = new kernel.AuthConnection("intranet-wiki", {
    profileName: "team-wiki",
    domain: "wiki.corp.example.com",
    proxy: { id: office.id },
  });

  return { office, intranet };
}
