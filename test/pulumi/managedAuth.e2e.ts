/**
 * The example stack (examples/managedAuth.ts, the program the demo runs) through the real
 * `pulumi`, against the emulator: each step checked against what the CLI printed, what
 * `pulumi stack export` holds, and the requests the emulator received. The steps share one
 * stack and run in order. The previews of the password rotation, the drift and the proxy
 * detach are saved under __output__/ (gitignored) as printed.
 */
import {
  OUTPUT_DIR,
  EXAMPLE_PROGRAM,
  EmulatorProcess,
  type LoggedRequest,
  type PreviewJson,
  PulumiStack,
  type StateResource,
  changedSteps,
  saveOutput,
  stepSummary,
} from "./harness";
import { managedAuthConnectionPost } from "../support/example";

const API_KEY = "sk_e2e_managed_auth_key_5b0e2d91";
const USER = "e2e-user-4471@example.com";
const PASSWORD = "e2e-password-one-7c1d93";
const ROTATED = "e2e-password-two-8e2f04";
const PIN = "e2e-pin-5531";
const OTHER_PROJECT = { id: "proj_e2e_staging", name: "staging" };
/**
 * Texts that must never appear in plain text, in output, errors or state. The user name is a
 * credential value too, but plain config (`preview --json` prints plain config, and the
 * provider's entry in the state holds it): it is held to our resources' state alone.
 */
const SECRETS = [API_KEY, PASSWORD, ROTATED, PIN];

const TYPES = {
  profile: "pulumi-nodejs:dynamic/kernel:Profile",
  credential: "pulumi-nodejs:dynamic/kernel:Credential",
  proxy: "pulumi-nodejs:dynamic/kernel:Proxy",
  connection: "pulumi-nodejs:dynamic/kernel:AuthConnection",
};

let emulator: EmulatorProcess;
let stack: PulumiStack;
/** Every stdout and stderr the CLI printed in this suite, for the leak check at the end. */
const printed: string[] = [];

async function run(args: string[]) {
  const result = await stack.run(args);
  printed.push(result.stdout, result.stderr);
  return result;
}

async function ok(args: string[]) {
  const result = await run(args);
  if (result.code !== 0) {
    throw new Error(
      `pulumi ${args.join(" ")}: exit ${result.code}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

async function previewJson(extra: string[] = []): Promise<PreviewJson> {
  const result = await run(["preview", "--json", ...extra]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as PreviewJson;
}

async function state(): Promise<StateResource[]> {
  const exported = await stack.exportState();
  printed.push(exported.text);
  // The dynamic provider's own entry holds the stack's whole config (plain config in plain
  // text, secure config encrypted); the user name is plain config there, by the user's choice.
  const ours = exported.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
  expect(JSON.stringify(ours)).not.toContain(USER);
  return exported.resources;
}

const byType = (resources: StateResource[], type: string) => {
  const found = resources.find((r) => r.type === type);
  if (!found) throw new Error(`no ${type} in the state`);
  return found;
};

/** Runs a step, clearing the emulator's log first; resolves with what the step sent. */
async function sent(step: () => Promise<unknown>): Promise<LoggedRequest[]> {
  await emulator.clearRequests();
  await step();
  return emulator.requests();
}

/** The lines of a `preview --diff` text from the first resource step, URN lines aside. */
function diffText(stdout: string): string {
  return stdout
    .split("\n")
    .filter((line) => !/^\s*\[urn=/.test(line))
    .join("\n");
}

beforeAll(async () => {
  emulator = await EmulatorProcess.start(API_KEY, [
    "--project",
    `${OTHER_PROJECT.id}=${OTHER_PROJECT.name}`,
  ]);
  stack = new PulumiStack("managedAuth", EXAMPLE_PROGRAM);
  await stack.init(
    { "kernel:baseUrl": emulator.url, netflixUser: USER },
    { "kernel:apiKey": API_KEY, netflixPassword: PASSWORD },
  );
});

afterAll(async () => {
  stack?.saveTranscript(OUTPUT_DIR);
  await emulator?.stop();
  stack?.remove();
});

it("1: preview --diff of a new stack creates in dependency order; unknown ids are no error", async () => {
  const requests = await sent(async () => {
    const { code, stdout } = await run(["preview", "--diff"]);
    expect(code).toBe(0);
    const at = (type: string) => stdout.indexOf(`+ ${type}: (create)`);
    for (const type of Object.values(TYPES)) expect(at(type)).toBeGreaterThan(0);
    // The connection needs the proxy's id and the credential's and profile's names.
    expect(at(TYPES.connection)).toBeGreaterThan(at(TYPES.proxy));
    expect(at(TYPES.connection)).toBeGreaterThan(at(TYPES.credential));
    expect(at(TYPES.connection)).toBeGreaterThan(at(TYPES.profile));
    expect(stdout).toMatch(/proxy\s*: \{\s*id: \[unknown\]\s*\}/);
    expect(stdout).toMatch(/password: \[secret\]/);
    expect(stdout).toMatch(/\+ 5 to create/);
  });
  expect(requests).toEqual([]);
});

it("2: up sends exactly the demo's POSTs; secrets are Pulumi secrets in the state; __provider is one short line", async () => {
  const requests = await sent(() => ok(["up", "--yes", "--skip-preview"]));
  expect(
    requests
      .map((r) => `${r.method} ${r.path}`)
      .slice(0, 3)
      .sort(),
  ).toEqual(["POST /credentials", "POST /profiles", "POST /proxies"]);
  expect(requests).toHaveLength(4);
  const proxyId = (await emulator.objects("proxies")).find((p) => p.name === "residential-us")!.id;
  expect(requests[3]).toEqual({
    method: "POST",
    path: "/auth/connections",
    body: managedAuthConnectionPost(String(proxyId)),
  });
  expect(requests.find((r) => r.path === "/credentials")!.body).toEqual({
    name: "netflix-creds",
    domain: "netflix.com",
    values: { username: USER, password: PASSWORD },
  });

  const resources = await state();
  const credential = byType(resources, TYPES.credential);
  // Each value an encrypted secret inside a plain map (so previews name the keys).
  for (const key of ["username", "password"]) {
    expect((credential.inputs!.values as Record<string, unknown>)[key]).toMatchObject({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext: expect.any(String),
    });
  }
  expect(credential.outputs!.values).toMatchObject({ ciphertext: expect.any(String) });
  for (const resource of resources.filter((r) => r.custom && r.type.startsWith("pulumi-nodejs"))) {
    const provider = resource.inputs!.__provider as string;
    expect(provider).not.toContain("\n");
    expect(provider.length).toBeLessThan(200);
    expect(provider).toMatch(/require\("pulumi-kernel\/provider"\)/);
  }
});

it("3: a second up changes nothing and sends nothing", async () => {
  let stdout = "";
  const requests = await sent(async () => {
    ({ stdout } = await ok(["up", "--yes"]));
  });
  expect(stdout).toMatch(/5 unchanged/);
  expect(stdout).not.toMatch(/to update|to create|to delete|to replace/);
  expect(requests).toEqual([]);
});

it("4: a password rotation previews as the credential's `password` key, and sends one PATCH of it", async () => {
  await stack.config("netflixPassword", ROTATED, true);
  const { stdout } = await ok(["preview", "--diff"]);
  saveOutput("step4-preview-diff.txt", stdout);
  expect(diffText(stdout)).toContain(`~ ${TYPES.credential}: (update)`);
  expect(stdout).toMatch(/~ values: \{\n\s+~ password: \[secret\] => \[secret\]\n\s+\}/);
  expect(stdout).toMatch(/~ 1 to update/);
  const preview = await previewJson();
  const steps = changedSteps(preview);
  expect(Object.keys(steps)).toEqual(["Credential::netflix"]);
  const step = steps["Credential::netflix"];
  saveOutput("step4-preview.json", JSON.stringify(stepSummary(step), null, 2));
  expect(step.op).toBe("update");
  expect(step.diffReasons).toEqual(["values"]);
  expect(step.detailedDiff).toEqual({ "values.password": { kind: "update", inputDiff: true } });

  const credentialId = byType(await state(), TYPES.credential).id;
  const requests = await sent(() => ok(["up", "--yes", "--skip-preview"]));
  expect(requests).toEqual([
    {
      method: "PATCH",
      path: `/credentials/${credentialId}`,
      body: { values: { password: ROTATED } },
    },
  ]);
});

it("5: a value key added and removed: the preview names it; up sends `values` / `remove_value_keys` only", async () => {
  const credentialId = byType(await state(), TYPES.credential).id;
  await stack.config("netflixPin", PIN, true);
  const added = await ok(["preview", "--diff"]);
  expect(added.stdout).toMatch(/~ values: \{\n\s+\+ pin\s*: \[secret\]\n\s+\}/);
  const addStep = changedSteps(await previewJson())["Credential::netflix"];
  expect(stepSummary(addStep)).toMatchObject({
    op: "update",
    diffReasons: ["values"],
    detailedDiff: { "values.pin": { kind: "add", inputDiff: true } },
  });
  expect(await sent(() => ok(["up", "--yes", "--skip-preview"]))).toEqual([
    { method: "PATCH", path: `/credentials/${credentialId}`, body: { values: { pin: PIN } } },
  ]);

  await stack.configRm("netflixPin");
  const removed = await ok(["preview", "--diff"]);
  expect(removed.stdout).toMatch(/~ values: \{\n\s+- pin\s*: \[secret\]\n\s+\}/);
  const removeStep = changedSteps(await previewJson())["Credential::netflix"];
  expect(stepSummary(removeStep)).toMatchObject({
    op: "update",
    diffReasons: ["values"],
    detailedDiff: { "values.pin": { kind: "delete", inputDiff: true } },
  });
  expect(await sent(() => ok(["up", "--yes", "--skip-preview"]))).toEqual([
    {
      method: "PATCH",
      path: `/credentials/${credentialId}`,
      body: { remove_value_keys: ["pin"] },
    },
  ]);
});

it("6: drift made in the dashboard: refresh shows it, preview --refresh names exactly it, up --refresh corrects it with one PATCH", async () => {
  const connection = byType(await state(), TYPES.connection);
  await emulator.control("PATCH", `connections/${connection.id}`, {
    allowed_domains: ["login.netflix.com"],
    health_check_interval: 7200,
  });

  const refresh = await ok(["refresh", "--yes", "--diff", "--skip-preview"]);
  saveOutput("step6-refresh.txt", refresh.stdout);
  expect(refresh.stdout).toMatch(/healthCheckInterval\s*: 1800 => 7200/);
  expect(refresh.stdout).toMatch(
    /- \[1\]: "login\.netflix\.com"|~ \[0\]: "auth\.netflix\.com" => "login\.netflix\.com"/,
  );

  await emulator.control("PATCH", `connections/${connection.id}`, {
    allowed_domains: ["login.netflix.com"],
    health_check_interval: 7200,
  });
  const { stdout } = await ok(["preview", "--refresh", "--diff"]);
  saveOutput("step6-preview-refresh-diff.txt", stdout);
  expect(stdout).toMatch(/~ 1 to update/);
  // The CLI aligns the colons of a resource's lines.
  expect(stdout).toMatch(/~ healthCheckInterval\s*: 7200 => 1800/);
  expect(stdout).toMatch(/~ allowedDomains\s*: \[\n\s+\+ \[1\]: "auth\.netflix\.com"\n\s+\]/);
  const step = changedSteps(await previewJson(["--refresh"]))["AuthConnection::netflix"];
  saveOutput("step6-preview.json", JSON.stringify(stepSummary(step), null, 2));
  expect(stepSummary(step)).toEqual({
    op: "update",
    urn: expect.any(String),
    provider: expect.any(String),
    diffReasons: ["allowedDomains", "healthCheckInterval"],
    detailedDiff: {
      "allowedDomains[1]": { kind: "add", inputDiff: true },
      healthCheckInterval: { kind: "update", inputDiff: true },
    },
  });

  const requests = await sent(() => ok(["up", "--refresh", "--yes", "--skip-preview"]));
  expect(requests.filter((r) => r.method !== "GET")).toEqual([
    {
      method: "PATCH",
      path: `/auth/connections/${connection.id}`,
      body: {
        allowed_domains: ["auth.netflix.com", "login.netflix.com"],
        health_check_interval: 1800,
      },
    },
  ]);
  // The refresh: one GET per resource.
  expect(requests.filter((r) => r.method === "GET")).toHaveLength(4);
});

it("8: an object deleted out of band leaves the state at refresh; the next up recreates it and the connection follows", async () => {
  const before = await state();
  const proxy = byType(before, TYPES.proxy);
  const connection = byType(before, TYPES.connection);
  await emulator.control("DELETE", `proxies/${proxy.id}`);
  const refresh = await ok(["refresh", "--yes", "--skip-preview"]);
  expect(refresh.stdout).toMatch(/residential.*deleted/);
  expect((await state()).some((r) => r.type === TYPES.proxy)).toBe(false);

  const requests = await sent(() => ok(["up", "--yes", "--skip-preview"]));
  const created = (await emulator.objects("proxies")).find((p) => p.name === "residential-us")!;
  expect(created.id).not.toBe(proxy.id);
  expect(requests).toEqual([
    {
      method: "POST",
      path: "/proxies",
      body: { type: "residential", name: "residential-us", config: { country: "US" } },
    },
    {
      method: "PATCH",
      path: `/auth/connections/${connection.id}`,
      body: { browser: { proxy: { id: created.id } } },
    },
  ]);
});

it("7: a proxy detach is an update; a project move is a replace that creates first", async () => {
  const connection = byType(await state(), TYPES.connection);
  await stack.config("useResidentialProxy", "false");
  const { stdout } = await ok(["preview", "--diff"]);
  saveOutput("step7-preview-diff.txt", stdout);
  // The program keeps the proxy; only the connection lets go of it.
  expect(stdout).toMatch(new RegExp(`~ ${TYPES.connection}: \\(update\\)`));
  expect(stdout).toMatch(/~ 1 to update\n\s+4 unchanged/);
  expect(stdout).toMatch(/- proxy\s*: \{\n\s+- id: "[^"]+"\n\s+\}/);
  const steps = changedSteps(await previewJson());
  saveOutput("step7-preview.json", JSON.stringify(Object.values(steps).map(stepSummary), null, 2));
  expect(steps["AuthConnection::netflix"]).toMatchObject({
    op: "update",
    diffReasons: ["proxy"],
    detailedDiff: { proxy: { kind: "delete", inputDiff: true } },
  });
  expect(Object.keys(steps)).toEqual(["AuthConnection::netflix"]);
  expect(await sent(() => ok(["up", "--yes", "--skip-preview"]))).toEqual([
    {
      method: "PATCH",
      path: `/auth/connections/${connection.id}`,
      body: { browser: { proxy: { mode: "default" } } },
    },
  ]);

  // A project move (config): every project-scoped resource is created in the new project first.
  await stack.config("kernel:project", OTHER_PROJECT.name);
  const moved = await ok(["preview", "--diff"]);
  saveOutput("step7-project-preview-diff.txt", moved.stdout);
  expect(moved.stdout).toMatch(/\+-4 to replace/);
  // The provider's warning that a replaced connection logs in again reaches the user: the
  // engine passes the provider's stderr on, which a preview prints on its own stderr.
  expect(moved.stderr).toMatch(
    /kernel: warning: AuthConnection \S+: replacing it \(project changed\) makes a new connection/,
  );
  const moves = changedSteps(await previewJson());
  saveOutput(
    "step7-project-preview.json",
    JSON.stringify(Object.values(moves).map(stepSummary), null, 2),
  );
  for (const name of [
    "Profile::team-netflix",
    "Credential::netflix",
    "Proxy::residential",
    "AuthConnection::netflix",
  ]) {
    expect(moves[name]).toMatchObject({ op: "replace", replaceReasons: ["project"] });
  }
  const requests = await sent(() => ok(["up", "--yes", "--skip-preview"]));
  for (const path of ["/profiles", "/credentials", "/proxies", "/auth/connections"]) {
    const post = requests.findIndex((r) => r.method === "POST" && r.path === path);
    const del = requests.findIndex((r) => r.method === "DELETE" && r.path.startsWith(`${path}/`));
    expect(post).toBeGreaterThanOrEqual(0);
    expect([OTHER_PROJECT.id, OTHER_PROJECT.name]).toContain(requests[post].project);
    expect(del).toBeGreaterThan(post);
  }
});

it("11: destroy deletes in reverse order, leaves the emulator empty, and the stack can be removed", async () => {
  const requests = await sent(() => ok(["destroy", "--yes", "--skip-preview"]));
  expect(requests.map((r) => r.method)).toEqual(["DELETE", "DELETE", "DELETE", "DELETE"]);
  expect(requests[0].path).toMatch(/^\/auth\/connections\//);
  for (const resource of ["connections", "credentials", "profiles"]) {
    expect(await emulator.objects(resource)).toEqual([]);
  }
  // Only the emulator's seeded proxy is left.
  expect((await emulator.objects("proxies")).map((p) => p.name)).toEqual(["residential"]);
  await ok(["stack", "rm", "--yes"]);
});

it("no secret (the key, a credential value) appears in plain text in any output or state", () => {
  const all = printed.join("\n");
  for (const secret of SECRETS) expect(all).not.toContain(secret);
});
