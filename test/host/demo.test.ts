/**
 * `npm run demo` cannot rot silently: its steps run here, and every request body the issue
 * notes quote is asserted exactly, with the printout checked for secrets.
 */
import type { RequestLogEntry } from "../../src/emulator";
import {
  DEMO_COLLECTOR_TOKEN,
  DEMO_KEY,
  DEMO_NEW_COLLECTOR_TOKEN,
  DEMO_NEW_PASSWORD,
  DEMO_PASSWORD,
  DEMO_PIN,
  DEMO_SECRETS,
  DEMO_USER,
  type DemoResult,
  demoProblems,
  leakedSecrets,
  maskBody,
  runDemo,
} from "../../src/demo/steps";
import { managedAuthConnectionPost } from "../support/example";
import { requestLine } from "../support/requestLine";

let demo: DemoResult;

beforeAll(async () => {
  demo = await runDemo();
}, 120_000);

const sent = (step: number) =>
  demo.requests[step - 1].map((r: RequestLogEntry) => ({
    method: r.method,
    path: r.path,
    ...(r.body === undefined ? {} : { body: r.body }),
    status: r.status,
  }));

/** The id in the path of the step's request to `prefix`. */
const idIn = (step: number, prefix: string) =>
  demo.requests[step - 1]
    .find((r) => r.path.startsWith(`${prefix}/`))!
    .path.slice(prefix.length + 1);

it("1: creates the profile, the proxy and the credential, then the connection with their real ids", () => {
  const proxyId = idIn(7, "/proxies");
  expect(sent(1)).toEqual([
    { method: "POST", path: "/profiles", body: { name: "team-netflix" }, status: 200 },
    {
      method: "POST",
      path: "/proxies",
      body: { type: "residential", name: "residential-us", config: { country: "US" } },
      status: 200,
    },
    {
      method: "POST",
      path: "/credentials",
      body: {
        name: "netflix-creds",
        domain: "netflix.com",
        values: { username: DEMO_USER, password: DEMO_PASSWORD },
      },
      status: 200,
    },
    {
      method: "POST",
      path: "/auth/connections",
      body: managedAuthConnectionPost(proxyId),
      status: 200,
    },
  ]);
  expect(proxyId).toMatch(/^proxy_/);
});

it("2: a no-op up sends nothing", () => {
  expect(sent(2)).toEqual([]);
});

it("3: a password rotation is one PATCH of the password alone", () => {
  const id = idIn(7, "/credentials");
  expect(sent(3)).toEqual([
    {
      method: "PATCH",
      path: `/credentials/${id}`,
      body: { values: { password: DEMO_NEW_PASSWORD } },
      status: 200,
    },
  ]);
});

it("4: an added value key goes alone, and its removal in remove_value_keys", () => {
  const id = idIn(7, "/credentials");
  expect(sent(4)).toEqual([
    {
      method: "PATCH",
      path: `/credentials/${id}`,
      body: { values: { pin: DEMO_PIN } },
      status: 200,
    },
    {
      method: "PATCH",
      path: `/credentials/${id}`,
      body: { remove_value_keys: ["pin"] },
      status: 200,
    },
  ]);
});

it("5: refresh reads each resource once; the drift is corrected by one PATCH", () => {
  const connection = idIn(7, "/auth/connections");
  expect(sent(5).map((r) => `${r.method} ${r.path.split("/").slice(0, -1).join("/")}`)).toEqual([
    "GET /profiles",
    "GET /proxies",
    "GET /credentials",
    "GET /auth/connections",
    "PATCH /auth/connections",
  ]);
  expect(sent(5).at(-1)).toEqual({
    method: "PATCH",
    path: `/auth/connections/${connection}`,
    body: {
      allowed_domains: ["auth.netflix.com", "login.netflix.com"],
      health_check_interval: 1800,
      record_session: true,
    },
    status: 200,
  });
});

it("6: the proxy is detached by one PATCH of the connection, not a replacement", () => {
  const connection = idIn(7, "/auth/connections");
  expect(sent(6)).toEqual([
    {
      method: "PATCH",
      path: `/auth/connections/${connection}`,
      body: { browser: { proxy: { mode: "default" } } },
      status: 200,
    },
  ]);
  expect(demo.lines).toContain("  ~ kernel:AuthConnection netflix update");
  // No step of the demo replaces anything (a replace step is drawn "+-").
  expect(demo.lines.filter((line) => line.includes("+- "))).toEqual([]);
});

it("7: destroy deletes in reverse order and leaves nothing", () => {
  expect(sent(7).map((r) => `${r.method} ${r.path.replace(/\/[^/]+$/, "")} ${r.status}`)).toEqual([
    "DELETE /auth/connections 204",
    "DELETE /credentials 204",
    "DELETE /proxies 204",
    "DELETE /profiles 204",
  ]);
  expect(demo.leftOver).toBe(0);
});

it("8: on the Free plan the POST carries no interval and the outputs hold the server's 21600", () => {
  const [profile, post, ...deletes] = sent(8);
  expect(profile).toEqual({
    method: "POST",
    path: "/profiles",
    body: { name: "team-netflix" },
    status: 200,
  });
  expect(post).toEqual({
    method: "POST",
    path: "/auth/connections",
    body: { profile_name: "team-netflix", domain: "netflix.com" },
    status: 200,
  });
  expect(deletes.map((r) => `${r.method} ${r.path.replace(/\/[^/]+$/, "")} ${r.status}`)).toEqual([
    "DELETE /auth/connections 204",
    "DELETE /profiles 204",
  ]);
  expect(demo.freePlanOutputs.healthCheckInterval).toBe(21600);
});

it("prints every body with its secrets masked, and no secret anywhere", () => {
  const printed = demo.lines.join("\n");
  expect(printed).toContain('{"values":{"password":"[secret]"}}');
  expect(printed).toContain('{"values":{"pin":"[secret]"}}');
  expect(printed).toContain('{"remove_value_keys":["pin"]}');
  expect(printed).toContain('{"browser":{"proxy":{"mode":"default"}}}');
  expect(printed).toContain('"values":{"password":"[secret]","username":"[secret]"}');
  expect(leakedSecrets(printed)).toEqual([]);
  expect(leakedSecrets(demo.hostOutput)).toEqual([]);
  for (const secret of DEMO_SECRETS) expect(printed).not.toContain(secret);
});

/** A step's requests as `METHOD /path`, each object's id written `{id}`. */
const lines = (step: number) => demo.requests[step - 1].map(requestLine);

it("9: the platform: the project first (then its cap), everything in it, the pool last", () => {
  const created = lines(9);
  expect(created.slice(0, 2)).toEqual(["POST /org/projects", "PATCH /org/projects/{id}/limits"]);
  expect(created.at(-1)).toBe("POST /browser_pools");
  expect([...created.slice(2, -1)].sort()).toEqual(
    ["POST /extensions", "POST /profiles", "POST /proxies", "POST /telemetry/destinations"].sort(),
  );
  // Every project-scoped request went to the new project, by the name the program gave.
  const projectId = idIn(11, "/org/projects");
  for (const r of demo.requests[8].filter((r) => !/^\/(org|telemetry)\//.test(r.path))) {
    expect(r.project).toBe(projectId);
  }
  const pool = sent(9).at(-1)!;
  expect(pool.body).toMatchObject({
    size: 2,
    profile: { name: "shopper" },
    extensions: [{ id: expect.stringMatching(/^ext_/) }],
    telemetry: { enabled: true, export: { otlp: { destination: { name: "agents-collector" } } } },
  });
  expect(sent(9).find((r) => r.path === "/telemetry/destinations")!.body).toMatchObject({
    headers: { Authorization: `Bearer ${DEMO_COLLECTOR_TOKEN}` },
  });
});

it("10: a bigger pool and a rotated header are one PATCH each, of exactly what changed", () => {
  expect(sent(10)).toEqual([
    {
      method: "PATCH",
      path: `/telemetry/destinations/${idIn(10, "/telemetry/destinations")}`,
      body: { headers: { Authorization: `Bearer ${DEMO_NEW_COLLECTOR_TOKEN}` } },
      status: 200,
    },
    {
      method: "PATCH",
      path: `/browser_pools/${idIn(10, "/browser_pools")}`,
      body: { size: 3, discard_all_idle: true },
      status: 200,
    },
  ]);
});

it("11: destroy deletes the pool first and the project last, and leaves nothing", () => {
  const deleted = lines(11);
  expect(deleted[0]).toBe("DELETE /browser_pools/{id}");
  expect(deleted.at(-1)).toBe("DELETE /org/projects/{id}");
  expect(deleted).toHaveLength(6);
  expect(demo.leftOver).toBe(0);
});

describe("maskBody", () => {
  it("masks each of the emulator's secret keys at any depth, keeping the keys of values", () => {
    expect(
      maskBody({
        values: { a: "1", b: "2" },
        token: "t",
        config: { password: "p", ca_bundle: "c", host: "h" },
        list: [{ totp_secret: "s" }],
        remove_value_keys: ["a"],
      }),
    ).toEqual({
      values: { a: "[secret]", b: "[secret]" },
      token: "[secret]",
      config: { password: "[secret]", ca_bundle: "[secret]", host: "h" },
      list: [{ totp_secret: "[secret]" }],
      remove_value_keys: ["a"],
    });
  });

  it("finds the leak check's secrets by name, never printing them", () => {
    expect(leakedSecrets(`x ${DEMO_PIN} y`)).toEqual(["the PIN"]);
  });
});

describe("demoProblems (what makes npm run demo exit 1)", () => {
  it("is empty for this run", () => {
    expect(demoProblems(demo)).toEqual([]);
  });

  it("names a key or a value in the printout or the host's output, and objects left over", () => {
    const bad = {
      ...demo,
      lines: [...demo.lines, `Authorization: Bearer ${DEMO_KEY}`],
      hostOutput: `${demo.hostOutput}password=${DEMO_NEW_PASSWORD}`,
      leftOver: 2,
    };
    expect(demoProblems(bad)).toEqual([
      "the API key appeared in the printout",
      "the rotated password appeared in the host's output",
      "2 objects left in the emulators after destroy",
    ]);
  });
});
