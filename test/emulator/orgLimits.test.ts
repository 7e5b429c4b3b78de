/**
 * Through HTTP: `GET /auth/context` and `GET /org/limits` (with the OpenAPI document's response
 * schemas as the oracle), the plan's connection limit (403 `insufficient_plan`), a proxy in use
 * (400 `resource_in_use`) and proxy names that are not unique.
 */
import { type Emulator, startEmulator } from "../../src/emulator";
import { validatorFor } from "../../src/emulator/openapi";
import { caller } from "./resourceClient";

const KEY = "sk_emulator_org_limits";
let emulator: Emulator;
const call = caller(() => emulator.url, KEY);

beforeEach(async () => {
  emulator = await startEmulator({
    apiKey: KEY,
    plan: "startup",
    projects: [{ id: "proj_other", name: "other" }],
  });
});

afterEach(() => emulator.close());

const connection = (profile: string) => ({ profile_name: profile, domain: "example.com" });

describe("GET /auth/context", () => {
  it("names the org and the project a header reaches; the default project without one", async () => {
    for (const [project, expected] of [
      [undefined, "proj_default"],
      ["other", "proj_other"],
      ["proj_other", "proj_other"],
    ] as const) {
      const res = await call("GET", "/auth/context", undefined, { project });
      expect(res.status).toBe(200);
      expect(validatorFor("AuthContext")(res.body)).toEqual([]);
      expect(res.body.organization.id).toBe("org_emulator");
      expect(res.body.authorization.effective_scope.project_id).toBe(expected);
    }
    expect((await call("GET", "/auth/context", undefined, { project: "nope" })).body.code).toBe(
      "project_not_found",
    );
    expect(
      (await call("GET", "/auth/context", undefined, { key: "sk_wrong_key_123456" })).status,
    ).toBe(401);
  });
});

describe("GET /org/limits and the connection limit", () => {
  it("answers the plan minimum, the limit (null: unlimited) and the org-wide count", async () => {
    await call("POST", "/auth/connections", connection("a"));
    await call("POST", "/auth/connections", connection("b"), { project: "other" });
    const res = await call("GET", "/org/limits");
    expect(res.status).toBe(200);
    expect(validatorFor("OrgLimits")(res.body)).toEqual([]);
    expect(res.body).toMatchObject({
      min_health_check_interval_seconds: 1200,
      max_auth_connections: null,
      auth_connections_used: 2,
    });
  });

  it("refuses a create at the limit with 403 insufficient_plan, counted across projects", async () => {
    emulator.updateSettings({ maxAuthConnections: 2 });
    expect((await call("POST", "/auth/connections", connection("a"))).status).toBe(200);
    expect(
      (await call("POST", "/auth/connections", connection("b"), { project: "other" })).status,
    ).toBe(200);
    const refused = await call("POST", "/auth/connections", connection("c"));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("insufficient_plan");
    expect((await call("GET", "/org/limits")).body).toMatchObject({
      max_auth_connections: 2,
      auth_connections_used: 2,
    });
    // The settings control takes null back to unlimited, and refuses nonsense.
    expect(() => emulator.updateSettings({ maxAuthConnections: -1 })).toThrow(/whole number/);
    emulator.updateSettings({ maxAuthConnections: null });
    expect((await call("POST", "/auth/connections", connection("c"))).status).toBe(200);
  });
});

describe("proxies: in use, and names that are not unique", () => {
  it("refuses to delete a proxy a connection uses (400 resource_in_use) until it moves", async () => {
    const proxy = (await call("POST", "/proxies", { type: "isp", name: "egress" })).body;
    const made = await call("POST", "/auth/connections", {
      ...connection("a"),
      browser: { proxy: { id: proxy.id } },
    });
    const refused = await call("DELETE", `/proxies/${proxy.id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("resource_in_use");
    await call("PATCH", `/auth/connections/${made.body.id}`, {
      browser: { proxy: { mode: "default" } },
    });
    expect((await call("DELETE", `/proxies/${proxy.id}`)).status).toBe(204);
  });

  it("allows duplicate names; a connection's proxy by an ambiguous name is a 400", async () => {
    const one = await call("POST", "/proxies", { type: "isp", name: "egress" });
    const two = await call("POST", "/proxies", { type: "mobile", name: "egress" });
    expect([one.status, two.status]).toEqual([200, 200]);
    expect((await call("GET", "/proxies?name=egress")).body).toHaveLength(2);
    const res = await call("POST", "/auth/connections", {
      ...connection("a"),
      browser: { proxy: { name: "egress" } },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/2 proxies are named egress/);
  });
});
