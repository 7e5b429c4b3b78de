/** The emulator's own behaviour: validation, auth, proxies, controls over HTTP, faults, rate limit. */
import { request } from "undici";
import { type Emulator, startEmulator, validatorFor } from "../../src/emulator";
import { caller } from "./resourceClient";

const KEY = "sk_emulator_test";
let emulator: Emulator;

const call = caller(() => emulator.url, KEY);

beforeEach(async () => {
  emulator = await startEmulator({
    apiKey: KEY,
    proxies: [
      { id: "px_1", name: "residential" },
      { id: "px_2", name: "shared" },
      { id: "px_3", name: "shared" },
    ],
  });
});

afterEach(async () => {
  await emulator.close();
});

describe("API behaviour", () => {
  it("PATCH changes only the fields sent; an empty login_url clears; allowed_domains replaces", async () => {
    const created = await call("POST", "/auth/connections", {
      profile_name: "p",
      domain: "d.com",
      login_url: "https://d.com/login",
      allowed_domains: ["a.com", "b.com"],
      health_check_interval: 1800,
    });
    const patched = await call("PATCH", `/auth/connections/${created.body.id}`, {
      login_url: "",
      allowed_domains: ["c.com"],
    });
    expect(patched.body).toMatchObject({
      allowed_domains: ["c.com"],
      health_check_interval: 1800,
      save_credentials: true,
    });
    expect(patched.body).not.toHaveProperty("login_url");
  });

  it("refuses unknown PATCH fields (additionalProperties: false) and both proxy forms at once", async () => {
    const { body } = await call("POST", "/auth/connections", {
      profile_name: "p",
      domain: "d.com",
    });
    expect(
      (await call("PATCH", `/auth/connections/${body.id}`, { status: "AUTHENTICATED" })).status,
    ).toBe(400);
    expect(
      (
        await call("PATCH", `/auth/connections/${body.id}`, {
          proxy: { id: "px_1", name: "residential" },
        })
      ).status,
    ).toBe(400);
  });

  it("refuses a proxy name that matches several proxies", async () => {
    const res = await call("POST", "/auth/connections", {
      profile_name: "p",
      domain: "d.com",
      proxy: { name: "shared" },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/2 proxies are named shared/);
  });

  it("deletes with 204 and then answers 404 not_found", async () => {
    const { body } = await call("POST", "/auth/connections", {
      profile_name: "p",
      domain: "d.com",
    });
    expect((await call("DELETE", `/auth/connections/${body.id}`)).status).toBe(204);
    const again = await call("DELETE", `/auth/connections/${body.id}`);
    expect(again).toMatchObject({ status: 404, body: { code: "not_found" } });
  });

  it("pages with X-Has-More and an absolute X-Next-Offset", async () => {
    for (let i = 0; i < 3; i++)
      await call("POST", "/auth/connections", { profile_name: `p${i}`, domain: "d.com" });
    const first = await call("GET", "/auth/connections?limit=2");
    expect(first.headers["x-has-more"]).toBe("true");
    expect(first.headers["x-next-offset"]).toBe("2");
    const last = await call("GET", "/auth/connections?limit=2&offset=2");
    expect(last.body).toHaveLength(1);
    expect(last.headers).toMatchObject({ "x-has-more": "false", "x-next-offset": "0" });
    expect((await call("GET", "/auth/connections?limit=0")).status).toBe(400);
  });

  it("answers 401 to a wrong key and logs every API request", async () => {
    expect((await call("GET", "/auth/connections", undefined, { key: "nope" })).status).toBe(401);
    expect(emulator.requests()).toEqual([
      expect.objectContaining({ method: "GET", path: "/auth/connections", status: 401 }),
    ]);
  });
});

describe("response shapes", () => {
  it("answers errors in the API's Error shape and connections in its ManagedAuth shape", async () => {
    const created = await call("POST", "/auth/connections", {
      profile_name: "p",
      domain: "d.com",
      login_url: "https://d.com/l",
    });
    expect(validatorFor("ManagedAuth")(created.body)).toEqual([]);
    const errors = [
      await call("POST", "/auth/connections", { profile_name: "p", domain: "d.com" }),
      await call("POST", "/auth/connections", { profile_name: "q" }),
      await call("GET", "/auth/connections/missing"),
      await call("GET", "/auth/connections", undefined, { key: "wrong" }),
    ];
    expect(errors.map((e) => e.status)).toEqual([409, 400, 404, 401]);
    for (const e of errors) expect(validatorFor("Error")(e.body)).toEqual([]);
  });
});

describe("controls over HTTP under /_emulator/", () => {
  it("drift, deletion behind the back, faults, settings and the request log", async () => {
    const { body } = await call("POST", "/auth/connections", {
      profile_name: "p",
      domain: "d.com",
    });
    const control = (method: string, path: string, payload?: unknown) =>
      call(method, `/_emulator${path}`, payload);

    await control("PATCH", `/connections/${body.id}`, {
      health_check_interval: 9999,
      status: "AUTHENTICATED",
    });
    expect((await call("GET", `/auth/connections/${body.id}`)).body).toMatchObject({
      health_check_interval: 9999,
      status: "AUTHENTICATED",
    });

    await control("POST", "/faults", {
      kind: "status",
      method: "GET",
      path: "/auth/connections/*",
      status: 503,
      retryAfter: 2,
      times: 1,
    });
    const faulted = await call("GET", `/auth/connections/${body.id}`);
    expect(faulted.status).toBe(503);
    expect(faulted.headers["retry-after"]).toBe("2");
    expect((await call("GET", `/auth/connections/${body.id}`)).status).toBe(200);

    await control("DELETE", `/connections/${body.id}`);
    expect((await call("GET", `/auth/connections/${body.id}`)).status).toBe(404);

    const log = await control("GET", "/requests");
    expect(log.body.map((e: { status: number }) => e.status)).toEqual([200, 200, 503, 200, 404]);
    expect(log.body[2].fault).toBe("status");

    await control("PUT", "/settings", { rateLimit: { ratePerSecond: 1, burst: 1 } });
    expect((await call("GET", "/auth/connections")).status).toBe(200);
    const limited = await call("GET", "/auth/connections");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers["retry-after-ms"])).toBeGreaterThan(0);
  });

  it("a reset-after fault acts and then closes the connection", async () => {
    emulator.injectFault({ kind: "reset-after", method: "POST", path: "/auth/connections" });
    await expect(
      call("POST", "/auth/connections", { profile_name: "p", domain: "d.com" }),
    ).rejects.toThrow();
    expect(emulator.objects("authConnections")).toHaveLength(1);
    emulator.injectFault({ kind: "reset-before", method: "POST" });
    await expect(
      call("POST", "/auth/connections", { profile_name: "q", domain: "d.com" }),
    ).rejects.toThrow();
    expect(emulator.objects("authConnections")).toHaveLength(1);
  });
});

describe("today's fields over HTTP", () => {
  it("browser.proxy by id, name and mode; PATCH leaves browser properties out unchanged", async () => {
    const created = await call("POST", "/auth/connections", {
      profile_name: "p",
      domain: "d.com",
      browser: { proxy: { name: "residential" }, stealth: false },
    });
    expect(created.body).toMatchObject({
      proxy_id: "px_1",
      browser: { proxy: { id: "px_1", name: "residential" }, stealth: false },
      record_session: false,
      auto_reauth: true,
      health_checks: true,
    });
    const id = created.body.id;
    const stealth = await call("PATCH", `/auth/connections/${id}`, { browser: { stealth: true } });
    expect(stealth.body).toMatchObject({ proxy_id: "px_1", browser: { stealth: true } });
    const direct = await call("PATCH", `/auth/connections/${id}`, {
      browser: { proxy: { mode: "direct" } },
    });
    expect(direct.body.browser).toEqual({ proxy: { mode: "direct" }, stealth: true });
    expect(direct.body).not.toHaveProperty("proxy_id");
    const legacy = await call("PATCH", `/auth/connections/${id}`, {
      proxy: { name: "residential" },
    });
    expect(legacy.body).toMatchObject({ proxy_id: "px_1", browser: { proxy: { id: "px_1" } } });
  });

  it("refuses browser.proxy with two selectors, an unknown mode, or a name of no proxy", async () => {
    for (const proxy of [{ id: "px_1", name: "residential" }, { mode: "off" }, { name: "nope" }]) {
      const res = await call("POST", "/auth/connections", {
        profile_name: "p",
        domain: "d.com",
        browser: { proxy },
      });
      expect(res.status).toBe(400);
      expect(validatorFor("Error")(res.body)).toEqual([]);
    }
  });

  it("health_check_interval: max(3600, plan minimum) by default; below the minimum is a 400", async () => {
    emulator.setPlan("free");
    const created = await call("POST", "/auth/connections", { profile_name: "p", domain: "d.com" });
    expect(created.body.health_check_interval).toBe(21600);
    const low = await call("PATCH", `/auth/connections/${created.body.id}`, {
      health_check_interval: 3600,
    });
    expect(low.status).toBe(400);
    expect(low.body.message).toMatch(/health_check_interval.*free plan/);
    expect(
      (
        await call("POST", "/auth/connections", {
          profile_name: "q",
          domain: "d.com",
          health_check_interval: 90000,
        })
      ).status,
    ).toBe(400);
  });

  it("drift over the controls accepts the new fields", async () => {
    const { body } = await call("POST", "/auth/connections", {
      profile_name: "p",
      domain: "d.com",
    });
    const drifted = await call("PATCH", `/_emulator/connections/${body.id}`, {
      browser: { stealth: false, proxy: { id: "px_2" } },
      record_session: true,
      auto_reauth: false,
    });
    expect(drifted.status).toBe(200);
    expect((await call("GET", `/auth/connections/${body.id}`)).body).toMatchObject({
      browser: { stealth: false, proxy: { id: "px_2", name: "shared" } },
      proxy_id: "px_2",
      record_session: true,
      auto_reauth: false,
    });
    expect((await call("PATCH", "/_emulator/connections/ma_none", { a: 1 })).status).toBe(404);
  });
});

describe("projects", () => {
  it("scopes every object to the project named by X-Kernel-Project (id or exact name)", async () => {
    emulator.addProject({ id: "proj_b", name: "team-b" });
    const inB = await call(
      "POST",
      "/auth/connections",
      { profile_name: "p", domain: "d.com" },
      { project: "team-b" },
    );
    expect(inB.status).toBe(200);
    // Uniqueness is per project: the same key in the default project is no conflict.
    expect(
      (await call("POST", "/auth/connections", { profile_name: "p", domain: "d.com" })).status,
    ).toBe(200);
    expect((await call("GET", `/auth/connections/${inB.body.id}`)).body.code).toBe("not_found");
    const byId = await call("GET", `/auth/connections/${inB.body.id}`, undefined, {
      project: "proj_b",
    });
    expect(byId.status).toBe(200);
    // A proxy of the default project is not one of team-b's.
    const proxy = await call(
      "PATCH",
      `/auth/connections/${inB.body.id}`,
      { proxy: { id: "px_1" } },
      { project: "team-b" },
    );
    expect(proxy.status).toBe(400);
    const unknown = await call("GET", "/auth/connections", undefined, { project: "team-c" });
    expect(unknown).toMatchObject({ status: 404, body: { code: "project_not_found" } });
    expect(emulator.requests().map((r) => r.project)).toEqual([
      "proj_b",
      undefined,
      undefined,
      "proj_b",
      "proj_b",
      undefined,
    ]);
    expect(emulator.objects("authConnections")).toHaveLength(2);
  });
});

describe("robustness: hostile requests, bodies and hosts", () => {
  it("controls need the API key when one is set; the control index does not", async () => {
    expect((await call("GET", "/_emulator/requests", undefined, { key: null })).status).toBe(401);
    expect((await call("GET", "/_emulator/requests", undefined, { key: "wrong" })).status).toBe(
      401,
    );
    expect((await call("POST", "/_emulator/reset", undefined, { key: "wrong" })).status).toBe(401);
    expect((await call("GET", "/_emulator/requests")).status).toBe(200);
    const index = await call("GET", "/_emulator/", undefined, { key: null });
    expect(index.status).toBe(200);
    expect(index.body.controls).toEqual(
      expect.arrayContaining([expect.stringMatching(/settings/)]),
    );
    expect(JSON.stringify(index.body)).not.toContain(KEY);
  });

  it("GET / lists the API routes without auth", async () => {
    const res = await call("GET", "/", undefined, { key: null });
    expect(res.status).toBe(200);
    expect(res.body.routes).toEqual(expect.arrayContaining(["POST /auth/connections"]));
    expect(JSON.stringify(res.body)).not.toContain(KEY);
  });

  it.each([
    [{ rateLimit: 0 }],
    [{ rateLimit: -1 }],
    [{ planMinimum: "x" }],
    [{ plan: "abc" }],
    [{ rateBurst: 0, rateLimit: 5 }],
    [{ latencyMs: "soon" }],
    [{ nonsense: true }],
  ])("settings %p: 400 and nothing changes", async (body) => {
    const before = emulator.settings();
    const res = await call("PUT", "/_emulator/settings", body);
    expect(res.status).toBe(400);
    expect(emulator.settings()).toEqual(before);
    expect((await call("GET", "/auth/connections")).status).toBe(200);
  });

  it("a malformed percent-escape in a path is a 400, not a 500", async () => {
    for (const path of [
      "/auth/connections/%E0%A4%A",
      "/auth/connections/%zz",
      "/_emulator/connections/%",
    ]) {
      const res = await call("GET", path);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("bad_request");
    }
  });

  it("ids are percent-decoded once", async () => {
    const res = await call("GET", "/auth/connections/ma%2F..%2Fx");
    expect(res.body).toMatchObject({
      code: "not_found",
      message: expect.stringContaining("ma/../x"),
    });
  });
});

describe("rate limit", () => {
  it("takes a burst, answers 429 with Retry-After, and changes mid-run", async () => {
    emulator.setRateLimit(1, 3);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call("GET", "/auth/connections")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call("GET", "/auth/connections");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);

    const set = await call("PUT", "/_emulator/settings", { rateLimit: 1000, rateBurst: 50 });
    expect(set.body.rateLimit).toEqual({ ratePerSecond: 1000, burst: 50 });
    for (let i = 0; i < 20; i++) expect((await call("GET", "/auth/connections")).status).toBe(200);

    await call("PUT", "/_emulator/settings", { rateLimit: 0.001 });
    expect(emulator.settings().rateLimit).toEqual({ ratePerSecond: 0.001, burst: 1 });
    expect((await call("GET", "/auth/connections")).status).toBe(200);
    const slow = await call("GET", "/auth/connections");
    expect(slow.status).toBe(429);
    expect(Number(slow.headers["retry-after"])).toBeGreaterThan(900);
    await call("PUT", "/_emulator/settings", { rateLimit: null });
    expect((await call("GET", "/auth/connections")).status).toBe(200);
  });
});

describe("printed log", () => {
  it("prints one line per request with secrets masked", async () => {
    const lines: string[] = [];
    const printing = await startEmulator({ print: (line) => lines.push(line) });
    try {
      await request(`${printing.url}/auth/connections`, {
        method: "POST",
        headers: { authorization: "Bearer any", "content-type": "application/json" },
        body: JSON.stringify({
          profile_name: "p",
          domain: "d.com",
          values: { password: "hunter2" },
          token: "ops_token",
        }),
      }).then((r) => r.body.text());
    } finally {
      await printing.close();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^POST \/auth\/connections -> 400 /);
    expect(lines[0]).not.toMatch(/hunter2|ops_token/);
    expect(lines[0]).toContain('"values":"***"');
  });
});
