/**
 * The README's examples beside examples/managedAuth.ts, each run as Pulumi runs it: the
 * program under `pulumi.runtime.setMocks` (its config from the stack, secrets as secrets),
 * then every resource it declares through Pulumi's dynamic-provider host against the
 * emulator. Each is created in dependency order, a second `up` sends nothing, and no secret of
 * its config appears in plain text in the state. (npm test type-checks the examples.)
 */
import * as path from "node:path";
import { type StackConfig, programResources } from "../../src/host/example";
import { isSecret } from "../../src/host/providerHost";
import { type HostFixture, REPO_ROOT, startHostFixture } from "../support/hostFixture";

const PEM =
  "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUexampleexampleexample\n-----END CERTIFICATE-----\n";

let f: HostFixture;

beforeAll(async () => {
  f = await startHostFixture({ example: false });
});

beforeEach(() => f.reset());

afterAll(() => f?.stop());

/** The example's resources as the engine receives them. */
function declared(file: string, stack: string, config: StackConfig) {
  return programResources(() => {
    jest.isolateModules(() => {
      require(path.join(REPO_ROOT, "examples", file))[stack]();
    });
  }, config);
}

/** The id of the one proxy the emulator holds by that name. */
function proxyNamed(name: string): string {
  const found = f.emulator.objects("proxies").filter((p) => p.name === name);
  expect(found).toHaveLength(1);
  return found[0].id as string;
}

/** Every string of `value` outside a secret marker. */
function plainStrings(value: unknown): string[] {
  if (isSecret(value)) return [];
  if (typeof value === "string") return [value];
  if (value !== null && typeof value === "object") {
    return Object.values(value).flatMap(plainStrings);
  }
  return [];
}

/** Up, then up again: every resource created, then nothing sent. Returns the requests of the first. */
async function upTwice(file: string, stack: string, config: StackConfig) {
  const resources = await declared(file, stack, config);
  const steps = await f.engine.up(resources);
  expect(steps.map((s) => s.kind)).toEqual(resources.map(() => "create"));
  const requests = f.emulator
    .requests()
    .map((r) => ({ line: `${r.method} ${r.path}`, body: r.body }));
  f.emulator.clearRequests();
  const again = await f.engine.up(await declared(file, stack, config));
  expect(again.map((s) => s.kind)).toEqual(resources.map(() => "same"));
  expect(f.emulator.requests()).toEqual([]);
  for (const secret of config.secrets ?? []) {
    expect(plainStrings([...f.engine.state.values()])).not.toContain(config.values[secret]);
  }
  return { resources, requests };
}

it("examples/onePassword.ts: a 1Password provider, and connections naming its items", async () => {
  const token = "ops_example_service_account_token_5d1e";
  const { requests } = await upTwice("onePassword.ts", "onePasswordStack", {
    values: { onePasswordToken: token },
    secrets: ["onePasswordToken"],
  });
  expect(requests.map((r) => r.line)).toEqual([
    "POST /org/credential_providers",
    "POST /auth/connections",
    "POST /auth/connections",
  ]);
  const bodies = requests.slice(1).map((r) => r.body);
  expect(bodies).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        domain: "github.com",
        credential: { provider: "team-1password", path: "Engineering/GitHub bot" },
      }),
      expect.objectContaining({
        domain: "linear.app",
        credential: { provider: "team-1password", auto: true },
      }),
    ]),
  );
});

it("examples/customProxy.ts: a custom proxy with its password and CA bundle from config secrets", async () => {
  const password = "proxy-password-example-81f0";
  const { requests } = await upTwice("customProxy.ts", "customProxyStack", {
    values: { proxyPassword: password, proxyCaBundle: PEM },
    secrets: ["proxyPassword", "proxyCaBundle"],
  });
  expect(requests.map((r) => r.line)).toEqual(["POST /proxies", "POST /auth/connections"]);
  expect(requests[0].body).toMatchObject({
    type: "custom",
    config: { host: "proxy.corp.example.com", port: 3128, password, ca_bundle: PEM },
  });
  const proxyId = proxyNamed("office-squid");
  expect(requests[1].body).toMatchObject({ browser: { proxy: { id: proxyId } } });
});

it("examples/severalSites.ts: one profile and one proxy, a credential and a connection per site", async () => {
  const values = {
    githubPassword: "gh-pw-example-1",
    notionPassword: "notion-pw-example-2",
    figmaPassword: "figma-pw-example-3",
  };
  const { requests } = await upTwice("severalSites.ts", "severalSitesStack", {
    values,
    secrets: Object.keys(values),
  });
  const lines = requests.map((r) => r.line);
  expect(lines.filter((l) => l === "POST /profiles")).toHaveLength(1);
  expect(lines.filter((l) => l === "POST /proxies")).toHaveLength(1);
  expect(lines.filter((l) => l === "POST /credentials")).toHaveLength(3);
  const connections = requests.filter((r) => r.line === "POST /auth/connections");
  const proxyId = proxyNamed("agents-us");
  const byDomain = (body: unknown) => (body as { domain: string }).domain;
  expect(
    connections.map((r) => r.body).sort((a, b) => byDomain(a).localeCompare(byDomain(b))),
  ).toEqual(
    ["figma.com", "github.com", "notion.so"].map((domain) =>
      expect.objectContaining({
        profile_name: "agents",
        domain,
        browser: { proxy: { id: proxyId } },
      }),
    ),
  );
  // Each connection is created after its credential and the proxy it names.
  for (const [site, domain] of [
    ["github", "github.com"],
    ["notion", "notion.so"],
    ["figma", "figma.com"],
  ]) {
    const credential = requests.findIndex(
      (r) =>
        r.line === "POST /credentials" && (r.body as { name?: string }).name === `${site}-login`,
    );
    const connection = requests.findIndex(
      (r) => r.line === "POST /auth/connections" && byDomain(r.body) === domain,
    );
    expect(credential).toBeGreaterThanOrEqual(0);
    expect(credential).toBeLessThan(connection);
  }
});
