/**
 * Conformance with the official client: @onkernel/sdk@0.84.0 used against the emulator as it
 * would be against the Kernel API. `browser` (Python SDK 0.93) is not in 0.84's types, so those
 * bodies are cast; the SDK sends what it is given.
 */
import Kernel from "@onkernel/sdk";
import type { ConnectionCreateParams } from "@onkernel/sdk/resources/auth/connections";
import { type Emulator, startEmulator, validatorFor } from "../../src/emulator";

const KEY = "sk_sdk_conformance";
let emulator: Emulator;
let kernel: Kernel;

/** A create body with fields newer than 0.84's types. */
const withBrowser = (body: Record<string, unknown>) => body as unknown as ConnectionCreateParams;

beforeAll(async () => {
  emulator = await startEmulator({
    apiKey: KEY,
    projects: [{ id: "proj_b", name: "team-b" }],
    proxies: [
      { id: "px_1", name: "residential" },
      { id: "px_b", name: "residential", project: "team-b" },
    ],
    plan: "startup",
  });
  kernel = new Kernel({ apiKey: KEY, baseURL: emulator.url, maxRetries: 0 });
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => emulator.reset());

describe("@onkernel/sdk@0.84.0 against the emulator", () => {
  it("create, retrieve, update and delete with today's fields", async () => {
    const created = await kernel.auth.connections.create(
      withBrowser({
        profile_name: "team-netflix",
        domain: "netflix.com",
        login_url: "https://www.netflix.com/login",
        credential: { provider: "1p", path: "Team/Netflix" },
        allowed_domains: ["login.netflix.com", "*.okta.com"],
        health_checks: true,
        auto_reauth: false,
        record_session: true,
        save_credentials: false,
        browser: { proxy: { name: "residential" }, stealth: false },
      }),
    );
    expect(created).toMatchObject({
      profile_name: "team-netflix",
      domain: "netflix.com",
      status: "NEEDS_AUTH",
      health_check_interval: 3600,
      health_checks: true,
      auto_reauth: false,
      record_session: true,
      save_credentials: false,
      proxy_id: "px_1",
      browser: { proxy: { id: "px_1", name: "residential" }, stealth: false },
      can_reauth: true,
    });
    expect(validatorFor("ManagedAuth")(created)).toEqual([]);
    expect(await kernel.auth.connections.retrieve(created.id)).toEqual(created);

    const updated = await kernel.auth.connections.update(created.id, {
      health_check_interval: 7200,
      login_url: "",
      record_session: false,
    });
    expect(updated).toMatchObject({
      health_check_interval: 7200,
      record_session: false,
      auto_reauth: false,
      allowed_domains: ["login.netflix.com", "*.okta.com"],
      browser: { proxy: { id: "px_1" }, stealth: false },
    });
    expect(updated.login_url).toBeUndefined();

    // The deprecated proxy field still works, and detaching through browser.proxy clears proxy_id.
    const legacy = await kernel.auth.connections.create({
      profile_name: "old",
      domain: "d.com",
      proxy: { id: "px_1" },
    });
    expect(legacy).toMatchObject({ proxy_id: "px_1", browser: { proxy: { id: "px_1" } } });
    const detached = await kernel.auth.connections.update(
      legacy.id,
      withBrowser({ browser: { proxy: { mode: "default" } } }),
    );
    expect(detached.proxy_id).toBeUndefined();
    expect(detached).toMatchObject({ browser: { proxy: { mode: "default" }, stealth: true } });

    await kernel.auth.connections.delete(created.id);
    await expect(kernel.auth.connections.retrieve(created.id)).rejects.toBeInstanceOf(
      Kernel.NotFoundError,
    );
  });

  it("lists many items over several pages, by hand and by auto-pagination", async () => {
    for (let i = 0; i < 45; i++) {
      await kernel.auth.connections.create({ profile_name: `p${i}`, domain: "hulu.com" });
    }
    await kernel.auth.connections.create({ profile_name: "other", domain: "d.com" });
    const expected = Array.from({ length: 45 }, (_, i) => `p${i}`);

    const seen: string[] = [];
    const offsets: (number | null)[] = [];
    let offset = 0;
    for (;;) {
      const page = await kernel.auth.connections.list({ domain: "hulu.com", limit: 10, offset });
      seen.push(...page.getPaginatedItems().map((c) => c.profile_name));
      offsets.push(page.next_offset);
      if (!page.has_more) break;
      offset = page.next_offset ?? 0;
    }
    expect(seen).toEqual(expected);
    expect(offsets).toEqual([10, 20, 30, 40, 0]);

    const auto: string[] = [];
    for await (const c of kernel.auth.connections.list({ domain: "hulu.com", limit: 7 })) {
      auto.push(c.profile_name);
    }
    expect(auto).toEqual(expected);

    const filtered = await kernel.auth.connections.list({ domain: "hulu.com", profile_name: "p2" });
    expect(filtered.getPaginatedItems().map((c) => c.profile_name)).toEqual(["p2"]);
    const searched = await kernel.auth.connections.list({ query: "oth" });
    expect(searched.getPaginatedItems().map((c) => c.profile_name)).toEqual(["other"]);
  });

  it("400: a body the schema refuses, the plan minimum, an unknown proxy name", async () => {
    const schema = await kernel.auth.connections
      .create({ profile_name: "p", domain: "d.com", health_check_interval: 100 })
      .catch((e) => e);
    expect(schema).toBeInstanceOf(Kernel.BadRequestError);
    expect(schema.error).toMatchObject({
      code: "bad_request",
      details: [expect.objectContaining({ code: "invalid_input" })],
    });

    const plan = await kernel.auth.connections
      .create({ profile_name: "p", domain: "d.com", health_check_interval: 600 })
      .catch((e) => e);
    expect(plan).toBeInstanceOf(Kernel.BadRequestError);
    expect(plan.error.message).toMatch(
      /health_check_interval 600 .*startup plan's minimum of 1200/,
    );

    const proxy = await kernel.auth.connections
      .create(
        withBrowser({ profile_name: "p", domain: "d.com", browser: { proxy: { name: "x" } } }),
      )
      .catch((e) => e);
    expect(proxy).toBeInstanceOf(Kernel.BadRequestError);
    expect(emulator.objects("authConnections")).toEqual([]);
  });

  it("401 without the right key", async () => {
    const wrong = new Kernel({ apiKey: "wrong", baseURL: emulator.url, maxRetries: 0 });
    await expect(wrong.auth.connections.list()).rejects.toBeInstanceOf(Kernel.AuthenticationError);
  });

  it("404 not_found for an unknown id", async () => {
    const err = await kernel.auth.connections.retrieve("ma_missing").catch((e) => e);
    expect(err).toBeInstanceOf(Kernel.NotFoundError);
    expect(err.error.code).toBe("not_found");
  });

  it("409 for a second connection with the same (profile_name, domain)", async () => {
    await kernel.auth.connections.create({ profile_name: "p", domain: "d.com" });
    const err = await kernel.auth.connections
      .create({ profile_name: "p", domain: "D.com" })
      .catch((e) => e);
    expect(err).toBeInstanceOf(Kernel.ConflictError);
    expect(validatorFor("Error")(err.error)).toEqual([]);
  });

  it("the project header scopes objects, uniqueness and proxy names", async () => {
    const teamB = new Kernel({
      apiKey: KEY,
      baseURL: emulator.url,
      maxRetries: 0,
      defaultHeaders: { "X-Kernel-Project": "team-b" },
    });
    const byId = new Kernel({
      apiKey: KEY,
      baseURL: emulator.url,
      maxRetries: 0,
      projectID: "proj_b",
    });
    const inDefault = await kernel.auth.connections.create({ profile_name: "p", domain: "d.com" });
    // Same key in another project: no 409; the name resolves to that project's proxy.
    const inB = await teamB.auth.connections.create(
      withBrowser({
        profile_name: "p",
        domain: "d.com",
        browser: { proxy: { name: "residential" } },
      }),
    );
    expect(inB.proxy_id).toBe("px_b");
    expect((await byId.auth.connections.retrieve(inB.id)).id).toBe(inB.id);
    await expect(teamB.auth.connections.retrieve(inDefault.id)).rejects.toBeInstanceOf(
      Kernel.NotFoundError,
    );
    await expect(kernel.auth.connections.retrieve(inB.id)).rejects.toBeInstanceOf(
      Kernel.NotFoundError,
    );
    expect((await teamB.auth.connections.list()).getPaginatedItems().map((c) => c.id)).toEqual([
      inB.id,
    ]);

    const unknown = new Kernel({
      apiKey: KEY,
      baseURL: emulator.url,
      maxRetries: 0,
      defaultHeaders: { "X-Kernel-Project": "team-c" },
    });
    const err = await unknown.auth.connections.list().catch((e) => e);
    expect(err).toBeInstanceOf(Kernel.NotFoundError);
    expect(err.error.code).toBe("project_not_found");
  });
});
