/**
 * The platform stack: a Kernel project and what runs in it, in one program. A telemetry
 * destination (org-wide) with a secret header, a project with a cap on concurrent sessions, and
 * in that project a profile, a proxy, an extension uploaded from `examples/extension/`, and a
 * browser pool that keeps browsers warm with all of them. References (`team.name`,
 * `collector.name`, `profile.name`) give Pulumi the order: the project first, the pool last, and
 * a destroy in reverse.
 *
 * Config:
 *   pulumi config set --secret collectorToken '...'   # the collector's Authorization header
 *   pulumi config set poolSize 3                      # browsers kept warm (default 2)
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as kernel from "pulumi-kernel";

export function platformStack() {
  const config = new pulumi.Config();
  const poolSize = config.getNumber("poolSize") ?? 2;

  const collector = new kernel.TelemetryDestination("collector", {
    name: "agents-collector",
    endpoint: "https://otel.example.com",
    // Secret: the API answers header values redacted, so each is compared with the last applied.
    headers: {
      Authorization: pulumi.interpolate`Bearer ${config.requireSecret("collectorToken")}`,
    },
  });

  const team = new kernel.Project("agents", {
    name: "agents",
    limits: { maxConcurrentSessions: 20 },
  });

  // Everything below names the project by its name: created in it, after it.
  const profile = new kernel.Profile("shopper", { name: "shopper", project: team.name });

  const egress = new kernel.Proxy("egress", {
    type: "isp",
    name: "egress-us",
    config: { country: "US" },
    project: team.name,
  });

  const marker = new kernel.Extension("marker", {
    name: "page-marker",
    source: path.join(__dirname, "extension"),
    project: team.name,
  });

  const pool = new kernel.BrowserPool("warm", {
    name: "warm",
    size: poolSize,
    project: team.name,
    profile: { name: profile.name },
    extensions: [{ id: marker.id }],
    proxyId: egress.id,
    telemetry: { destination: { name: collector.name } },
    // Idle browsers pick up a change at once, instead of only newly warmed ones.
    rebuildIdleBrowsersOnUpdate: true,
  });

  return { collector, team, profile, egress, marker, pool };
}
