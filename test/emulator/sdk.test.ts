/**
 * Conformance with the official client: @onkernel/sdk@0.52.0, whose request types match the
 * seed, used against the emulator as it would be against the Kernel API.
 */
import Kernel from "@onkernel/sdk";
import { type Emulator, startEmulator, validatorFor } from "../../src/emulator";

const KEY = "sk_sdk_conformance";
let emulator: Emulator;
let kernel: Kernel;

beforeAll(async () => {
  emulator = await startEmulator({
    apiKey: KEY,
    proxies: [{ id: "px_1", name: "residential" }],
    planMinimum: 1200,
  });
  kernel = new Kernel({ apiKey: KEY, baseURL: emulator.url, maxRetries: 0 });
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => emulator.store.clear());

describe("@onkernel/sdk against the emulator", () => {
  it("create, retrieve, update, list and delete", async () => {
    const created = await kernel.auth.connections.create({
      profile_name: "team-netflix",
      domain: "netflix.com",
      login_url: "https://www.netflix.com/login",
      credential: { provider: "1p", path: "Team/Netflix" },
      allowed_domains: ["login.netflix.com"],
      proxy: { name: "residential" },
    });
    expect(created).toMatchObject({
      profile_name: "team-netflix",
      domain: "netflix.com",
      status: "NEEDS_AUTH",
      save_credentials: true,
      health_check_interval: 3600,
      proxy_id: "px_1",
      can_reauth: true,
    });
    expect(validatorFor("ManagedAuth")(created)).toEqual([]);

    expect(await kernel.auth.connections.retrieve(created.id)).toEqual(created);

    const updated = await kernel.auth.connections.update(created.id, {
      health_check_interval: 7200,
      login_url: "",
    });
    expect(updated.health_check_interval).toBe(7200);
    expect(updated.login_url).toBeUndefined();
    expect(updated.allowed_domains).toEqual(["login.netflix.com"]);

    for (let i = 0; i < 4; i++) {
      await kernel.auth.connections.create({ profile_name: `p${i}`, domain: "hulu.com" });
    }
    const seen: string[] = [];
    let offset = 0;
    for (;;) {
      const page = await kernel.auth.connections.list({ limit: 2, offset });
      seen.push(...page.getPaginatedItems().map((c) => c.profile_name));
      if (!page.has_more) break;
      offset = page.next_offset ?? 0;
    }
    expect(seen).toEqual(["team-netflix", "p0", "p1", "p2", "p3"]);
    const filtered = await kernel.auth.connections.list({ domain: "hulu.com", profile_name: "p2" });
    expect(filtered.getPaginatedItems().map((c) => c.profile_name)).toEqual(["p2"]);

    await kernel.auth.connections.delete(created.id);
    await expect(kernel.auth.connections.retrieve(created.id)).rejects.toBeInstanceOf(
      Kernel.NotFoundError,
    );
  });

  it("auto-pagination follows the absolute X-Next-Offset over several pages", async () => {
    // 0.68 fixed the SDK's paging to read X-Next-Offset as absolute, as the emulator writes it.
    for (let i = 0; i < 5; i++)
      await kernel.auth.connections.create({ profile_name: `q${i}`, domain: "d.com" });
    const seen: string[] = [];
    for await (const c of kernel.auth.connections.list({ limit: 2 })) seen.push(c.profile_name);
    expect(seen).toEqual(["q0", "q1", "q2", "q3", "q4"]);
  });

  it("answers 400 for a body the schema refuses, and for the plan minimum", async () => {
    const err = await kernel.auth.connections
      .create({ profile_name: "p", domain: "d.com", health_check_interval: 100 })
      .catch((e) => e);
    expect(err).toBeInstanceOf(Kernel.BadRequestError);
    expect(err.error).toMatchObject({
      code: "bad_request",
      details: [expect.objectContaining({ code: "invalid_input" })],
    });

    const plan = await kernel.auth.connections
      .create({ profile_name: "p", domain: "d.com", health_check_interval: 600 })
      .catch((e) => e);
    expect(plan).toBeInstanceOf(Kernel.BadRequestError);
    expect(plan.error.message).toMatch(/plan's minimum of 1200/);
  });

  it("answers 400 for a proxy name that matches no proxy", async () => {
    const err = await kernel.auth.connections
      .create({ profile_name: "p", domain: "d.com", proxy: { name: "nope" } })
      .catch((e) => e);
    expect(err).toBeInstanceOf(Kernel.BadRequestError);
  });

  it("answers 401 without the right key", async () => {
    const wrong = new Kernel({ apiKey: "wrong", baseURL: emulator.url, maxRetries: 0 });
    await expect(wrong.auth.connections.list()).rejects.toBeInstanceOf(Kernel.AuthenticationError);
  });

  it("answers 404 not_found for an unknown id", async () => {
    const err = await kernel.auth.connections.retrieve("ma_missing").catch((e) => e);
    expect(err).toBeInstanceOf(Kernel.NotFoundError);
    expect(err.error.code).toBe("not_found");
  });

  it("answers 409 for a second connection with the same (profile_name, domain)", async () => {
    await kernel.auth.connections.create({ profile_name: "p", domain: "d.com" });
    await expect(
      kernel.auth.connections.create({ profile_name: "p", domain: "D.com" }),
    ).rejects.toBeInstanceOf(Kernel.ConflictError);
  });
});
