/** The emulator's own behaviour: validation, auth, proxies, controls over HTTP, faults, rate limit. */
import { request } from "undici";
import { type Emulator, startEmulator, validatorFor } from "../../src/emulator";

const KEY = "sk_emulator_test";
let emulator: Emulator;

async function call(method: string, path: string, body?: unknown, key = KEY) {
  const res = await request(`${emulator.url}${path}`, {
    method: method as "GET",
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    headers: res.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

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
    expect((await call("GET", "/auth/connections", undefined, "nope")).status).toBe(401);
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
      await call("GET", "/auth/connections", undefined, "wrong"),
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
    expect(emulator.connections()).toHaveLength(1);
    emulator.injectFault({ kind: "reset-before", method: "POST" });
    await expect(
      call("POST", "/auth/connections", { profile_name: "q", domain: "d.com" }),
    ).rejects.toThrow();
    expect(emulator.connections()).toHaveLength(1);
  });
});
