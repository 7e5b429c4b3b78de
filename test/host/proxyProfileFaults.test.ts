/**
 * Fault cells for Proxy and Profile through Pulumi's host against the emulator: create, update
 * and delete, each meeting a fault. A proxy's name is not a unique key, so a POST of unknown
 * outcome is never retried and the error says what to look for; a profile's name is, so its
 * lookup decides (docs/behaviour.md). No cell may leave a duplicate, or an orphan that no error names.
 */
import { providerText } from "../../src/dynamic/providerText";
import type { FaultRule } from "../../src/emulator";
import { HOST_KEY, type HostFixture, startHostFixture } from "../support/hostFixture";

const PROXY = { type: "datacenter", name: "dc-1", __provider: providerText("proxy") };
const PROFILE = { name: "team", __provider: providerText("profile") };

let f: HostFixture;

beforeAll(async () => {
  f = await startHostFixture({ example: false });
});

afterAll(async () => {
  expect(f.host.output).not.toContain(HOST_KEY);
  await f.stop();
});

beforeEach(() => {
  f.emulator.reset();
  f.engine.state.clear();
});

const statuses = () => f.emulator.requests().map((r) => `${r.method} ${r.status}`);
const proxies = () => f.emulator.objects("proxies").filter((p) => !/^px_/.test(String(p.id)));
const fault = (rule: FaultRule) => f.emulator.injectFault({ times: 1, ...rule });
const failure = (run: Promise<unknown>) =>
  run.then(
    () => undefined,
    (e: Error) => e,
  );

async function up(name: string, inputs: Record<string, unknown>) {
  await f.engine.up([{ name, inputs }]);
  f.emulator.clearRequests();
  return f.engine.state.get(name)!;
}

describe("Proxy create", () => {
  it("503 with Retry-After: the server did not act, the POST is retried", async () => {
    fault({ kind: "status", method: "POST", path: "/proxies", status: 503, retryAfter: 0 });
    await f.engine.up([{ name: "proxy", inputs: PROXY }]);
    expect(statuses()).toEqual(["POST 503", "POST 200"]);
    expect(proxies().map((p) => p.id)).toEqual([f.engine.state.get("proxy")!.id]);
  });

  it.each<[string, FaultRule]>([
    ["500", { kind: "status", method: "POST", path: "/proxies", status: 500 }],
    ["reset after acting", { kind: "reset-after", method: "POST", path: "/proxies" }],
    ["malformed body", { kind: "malformed", method: "POST", path: "/proxies" }],
  ])("%s: outcome unknown, not retried, the error says what to look for", async (_name, rule) => {
    fault(rule);
    const err = await failure(f.engine.up([{ name: "proxy", inputs: PROXY }]));
    expect(err?.message).toMatch(/Creating a proxy named "dc-1" may or may not have worked/);
    expect(err?.message).toMatch(/GET \/proxies\?name=dc-1/);
    expect(statuses()).toEqual([rule.kind === "reset-after" ? "POST reset" : expect.any(String)]);
    expect(f.engine.state.size).toBe(0);
    // At most the one proxy the POST may have made, and the error names where to find it.
    expect(proxies().length).toBeLessThanOrEqual(1);
  });
});

describe("Proxy update (rename)", () => {
  it.each<[string, FaultRule, string[]]>([
    ["500", { kind: "status", status: 500 }, ["PATCH 500", "PATCH 200"]],
    ["reset after acting", { kind: "reset-after" }, ["PATCH reset", "PATCH 200"]],
  ])("%s: the PATCH is retried (same name, same result)", async (_name, rule, expected) => {
    const state = await up("proxy", PROXY);
    fault({ ...rule, method: "PATCH", path: `/proxies/${state.id}` });
    await f.engine.up([{ name: "proxy", inputs: { ...PROXY, name: "dc-2" } }]);
    expect(statuses()).toEqual(expected);
    expect(proxies()).toMatchObject([{ id: state.id, name: "dc-2" }]);
    expect(f.engine.state.get("proxy")!.outputs.name).toBe("dc-2");
  });

  it("400: not retried, names the input, state kept", async () => {
    const state = await up("proxy", PROXY);
    fault({
      kind: "status",
      method: "PATCH",
      path: `/proxies/${state.id}`,
      status: 400,
      body: { code: "bad_request", message: "name is too long" },
    });
    const err = await failure(f.engine.up([{ name: "proxy", inputs: { ...PROXY, name: "x" } }]));
    expect(err?.message).toMatch(/400 bad_request: name is too long/);
    expect(err?.message).toMatch(/Check the Proxy input name/);
    expect(statuses()).toEqual(["PATCH 400"]);
    expect(f.engine.state.get("proxy")!.outputs.name).toBe("dc-1");
  });
});

describe("Proxy delete", () => {
  it("500: the DELETE is retried", async () => {
    const state = await up("proxy", PROXY);
    fault({ kind: "status", method: "DELETE", path: `/proxies/${state.id}`, status: 500 });
    await f.engine.destroy();
    expect(statuses()).toEqual(["DELETE 500", "DELETE 204"]);
    expect(proxies()).toEqual([]);
  });

  it("reset after acting: the retry's not_found counts as deleted", async () => {
    const state = await up("proxy", PROXY);
    fault({ kind: "reset-after", method: "DELETE", path: `/proxies/${state.id}` });
    await f.engine.destroy();
    expect(statuses()).toEqual(["DELETE reset", "DELETE 404"]);
    expect(f.engine.state.size).toBe(0);
  });
});

describe("Profile create", () => {
  it("500: outcome unknown, the lookup finds nothing, the POST is retried", async () => {
    fault({ kind: "status", method: "POST", path: "/profiles", status: 500 });
    await f.engine.up([{ name: "profile", inputs: PROFILE }]);
    expect(statuses()).toEqual(["POST 500", "GET 200", "POST 200"]);
    expect(f.emulator.objects("profiles")).toHaveLength(1);
  });

  it("reset after acting: the lookup finds the new, unused profile and records it", async () => {
    fault({ kind: "reset-after", method: "POST", path: "/profiles" });
    await f.engine.up([{ name: "profile", inputs: PROFILE }]);
    expect(statuses()).toEqual(["POST reset", "GET 200"]);
    const live = f.emulator.objects("profiles");
    expect(live).toHaveLength(1);
    expect(f.engine.state.get("profile")!.id).toBe(live[0].id);
  });

  it("unknown outcome and a used profile of that name: someone else's, fails as a 409", async () => {
    const other = f.emulator
      .storeOf<{
        create(b: { name: string }): { ok: boolean; value: { id: string } };
      }>("profiles")
      .create({ name: "team" });
    f.emulator.drift(other.value.id, { last_used_at: "2026-01-01T00:00:00Z" }, "profiles");
    f.emulator.clearRequests();
    fault({ kind: "status", method: "POST", path: "/profiles", status: 502 });
    const err = await failure(f.engine.up([{ name: "profile", inputs: PROFILE }]));
    expect(err?.message).toContain(`already exists: ${other.value.id}`);
    expect(f.engine.state.size).toBe(0);
  });
});

describe("Profile update and delete", () => {
  it("a rename's 503 is retried", async () => {
    const state = await up("profile", PROFILE);
    fault({
      kind: "status",
      method: "PATCH",
      path: `/profiles/${state.id}`,
      status: 503,
      retryAfter: 0,
    });
    await f.engine.up([{ name: "profile", inputs: { ...PROFILE, name: "team-2" } }]);
    expect(statuses()).toEqual(["PATCH 503", "PATCH 200"]);
  });

  it("a delete's 500 is retried", async () => {
    const state = await up("profile", PROFILE);
    fault({ kind: "status", method: "DELETE", path: `/profiles/${state.id}`, status: 500 });
    await f.engine.destroy();
    expect(statuses()).toEqual(["DELETE 500", "DELETE 204"]);
    expect(f.emulator.objects("profiles")).toEqual([]);
  });
});
