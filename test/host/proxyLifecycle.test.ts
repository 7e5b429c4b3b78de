/**
 * A Proxy's life through Pulumi's dynamic-provider host against the emulator: create, a no-op
 * up that sends nothing, a rename as one PATCH {name}, a config change as a replacement that
 * creates first, drift found by refresh and corrected, deletion (only the API's not_found
 * counts as already deleted).
 */
import { providerText } from "../../src/dynamic/providerText";
import { CheckFailedError } from "../../src/host/engine";
import { type HostFixture, requestLines, startHostFixture } from "../support/hostFixture";

const PROXY = {
  type: "residential",
  name: "us-west",
  config: { country: "US", state: "CA" },
  __provider: providerText("proxy"),
};

let f: HostFixture;

beforeAll(async () => {
  f = await startHostFixture({ example: false });
});

beforeEach(() => f.reset());

afterAll(() => f?.stop());

async function created(inputs: Record<string, unknown> = PROXY) {
  const [step] = await f.engine.up([{ name: "proxy", inputs }]);
  expect(step.kind).toBe("create");
  f.emulator.clearRequests();
  return f.engine.state.get("proxy")!;
}

const liveProxies = () => f.emulator.objects("proxies").filter((p) => !/^px_/.test(String(p.id)));

describe("create and no-op", () => {
  it("creates with one POST of the fields the program set, and records the API's values", async () => {
    await f.engine.up([{ name: "proxy", inputs: PROXY }]);
    expect(requestLines(f.emulator)).toEqual([
      {
        method: "POST",
        path: "/proxies",
        body: { type: "residential", name: "us-west", config: { country: "US", state: "CA" } },
      },
    ]);
    const state = f.engine.state.get("proxy")!;
    expect(state.id).toBe(liveProxies()[0].id);
    expect(state.outputs).toMatchObject({
      type: "residential",
      name: "us-west",
      protocol: "https",
      config: { country: "US", state: "CA" },
      status: "available",
    });
    expect(state.outputs).not.toHaveProperty("password");
  });

  it("a second up, and one without the name (server-owned), send nothing", async () => {
    await created();
    const [same] = await f.engine.up([{ name: "proxy", inputs: PROXY }]);
    expect(same).toMatchObject({ kind: "same", changes: [] });
    const { name: _name, ...unnamed } = PROXY;
    const [stillSame] = await f.engine.up([{ name: "proxy", inputs: unnamed }]);
    expect(stillSame.kind).toBe("same");
    expect(f.emulator.requests()).toEqual([]);
  });

  it("rejects a padded name in check, before any request", async () => {
    const err = await f.engine
      .up([{ name: "proxy", inputs: { ...PROXY, name: "us-west " } }])
      .catch((e) => e);
    expect(err).toBeInstanceOf(CheckFailedError);
    expect(err.failures).toEqual([
      { property: "name", reason: expect.stringMatching(/leading or trailing spaces/) },
    ]);
    expect(f.emulator.requests()).toEqual([]);
  });
});

describe("changes", () => {
  it("a rename is one PATCH {name}, in place", async () => {
    const before = await created();
    const [step] = await f.engine.up([{ name: "proxy", inputs: { ...PROXY, name: "renamed" } }]);
    expect(step).toMatchObject({ kind: "update", changes: ['~ name: "us-west" => "renamed"'] });
    expect(requestLines(f.emulator)).toEqual([
      { method: "PATCH", path: `/proxies/${before.id}`, body: { name: "renamed" } },
    ]);
    expect(f.engine.state.get("proxy")!.id).toBe(before.id);
  });

  it("a config change replaces, creating the new proxy before deleting the old", async () => {
    const before = await created();
    const news = { ...PROXY, config: { country: "US", state: "NY" } };
    const [step] = await f.engine.up([{ name: "proxy", inputs: news }]);
    expect(step.kind).toBe("replace");
    expect(step.diff).toEqual({
      changes: "unknown",
      replaces: ["config"],
      deleteBeforeReplace: false,
    });
    const after = f.engine.state.get("proxy")!;
    expect(requestLines(f.emulator)).toEqual([
      {
        method: "POST",
        path: "/proxies",
        body: { type: "residential", name: "us-west", config: { country: "US", state: "NY" } },
      },
      { method: "DELETE", path: `/proxies/${before.id}` },
    ]);
    expect(after.id).not.toBe(before.id);
    expect(liveProxies().map((p) => p.id)).toEqual([after.id]);
  });

  it("a type change replaces, and so does a protocol that is set and differs", async () => {
    await created();
    const typeStep = await f.engine.preview("proxy", { ...PROXY, type: "mobile" });
    expect(typeStep.diff?.replaces).toEqual(["type"]);
    const protocolStep = await f.engine.preview("proxy", { ...PROXY, protocol: "http" });
    expect(protocolStep.diff?.replaces).toEqual(["protocol"]);
    expect(f.emulator.requests()).toEqual([]);
  });
});

describe("drift: refresh shows live => desired, up corrects it", () => {
  it("a rename behind Pulumi's back is renamed back with one PATCH", async () => {
    const state = await created();
    f.emulator.drift(state.id, { name: "someone-else" }, "proxies");
    const [refresh] = await f.engine.refresh();
    // Only what the program set: not the protocol the API chose.
    expect(refresh.changes).toEqual(['~ name: "us-west" => "someone-else"']);
    const preview = await f.engine.preview("proxy", PROXY);
    expect(preview).toMatchObject({
      kind: "update",
      changes: ['~ name: "someone-else" => "us-west"'],
    });
    f.emulator.clearRequests();
    await f.engine.up([{ name: "proxy", inputs: PROXY }]);
    expect(requestLines(f.emulator).filter((r) => r.method !== "GET")).toEqual([
      { method: "PATCH", path: `/proxies/${state.id}`, body: { name: "us-west" } },
    ]);
  });

  it("a config key changed behind Pulumi's back is a replacement; an unset one is not", async () => {
    const state = await created();
    f.emulator.drift(state.id, { config: { zip: "94107" } }, "proxies");
    await f.engine.refresh();
    expect((await f.engine.preview("proxy", PROXY)).kind).toBe("same");
    f.emulator.drift(state.id, { config: { state: "TX" } }, "proxies");
    const [refresh] = await f.engine.refresh();
    expect(refresh.changes).toEqual([
      // The zip the program never set is not reported as an input.
      '~ config.state: "CA" => "TX"',
    ]);
    const preview = await f.engine.preview("proxy", PROXY);
    expect(preview.kind).toBe("replace");
    expect(preview.diff?.replaces).toEqual(["config"]);
  });
});

describe("delete", () => {
  it("destroy sends one DELETE", async () => {
    const state = await created();
    await f.engine.destroy();
    expect(requestLines(f.emulator)).toEqual([{ method: "DELETE", path: `/proxies/${state.id}` }]);
    expect(liveProxies()).toEqual([]);
  });

  it("a proxy deleted behind Pulumi's back leaves the state on refresh, and destroy is quiet", async () => {
    const state = await created();
    f.emulator.deleteObject(state.id, "proxies");
    const [refresh] = await f.engine.refresh();
    expect(refresh.kind).toBe("gone");
    expect(f.engine.state.size).toBe(0);
  });

  it("only the API's not_found counts as deleted: another 404 keeps the state", async () => {
    const state = await created();
    f.emulator.injectFault({
      kind: "status",
      method: "DELETE",
      path: `/proxies/${state.id}`,
      status: 404,
      body: { code: "route_not_found", message: "no such route" },
    });
    const err = await f.engine.destroy().catch((e) => e);
    expect(err.message).toMatch(/404 route_not_found/);
    expect(f.engine.state.get("proxy")?.id).toBe(state.id);
    f.emulator.deleteObject(state.id, "proxies");
    await f.engine.destroy();
    expect(f.engine.state.size).toBe(0);
  });
});

describe("projects (docs/behaviour.md)", () => {
  it("creates in the named project, keeps using it, and a new project replaces, creating first", async () => {
    f.emulator.addProject({ id: "proj_prod", name: "prod" });
    f.emulator.addProject({ id: "proj_stage", name: "stage" });
    await f.engine.up([{ name: "proxy", inputs: { ...PROXY, project: "prod" } }]);
    const state = f.engine.state.get("proxy")!;
    expect(state.outputs.project).toBe("prod");
    await f.engine.up([{ name: "proxy", inputs: { ...PROXY, project: "prod", name: "renamed" } }]);
    await f.engine.refresh();
    expect(f.emulator.requests().map((r) => `${r.method} ${r.project}`)).toEqual([
      "POST proj_prod",
      "PATCH proj_prod",
      "GET proj_prod",
    ]);
    f.emulator.clearRequests();
    const moved = await f.engine.preview("proxy", { ...PROXY, project: "stage", name: "renamed" });
    expect(moved.diff).toEqual({
      changes: "some",
      replaces: ["project"],
      deleteBeforeReplace: false,
    });
    // Removing the input (no config project either) is no change.
    expect((await f.engine.preview("proxy", { ...PROXY, name: "renamed" })).kind).toBe("same");
    // The one request: is the proxy in "stage" too (one project written two ways)? No.
    expect(
      f.emulator.requests().map((r) => `${r.method} ${r.path} ${r.project} ${r.status}`),
    ).toEqual([`GET /proxies/${state.id} proj_stage 404`]);
  });
});
