/**
 * Today's API through Pulumi's dynamic-provider host against the emulator: server-owned
 * defaults on a Free plan, a proxy detached in place, a project move, the new settings, and a
 * stack written by the v1 provider that must preview no change.
 */
import { authConnectionUrn } from "../../src/host/providerHost";
import v1 from "./fixtures/v1-state.json";
import {
  HOST_KEY,
  type HostFixture,
  PROXIES,
  requestLines,
  startHostFixture,
} from "../support/hostFixture";

let f: HostFixture;

beforeAll(async () => {
  f = await startHostFixture({
    emulator: {
      plan: "free",
      projects: [{ id: "proj_staging", name: "staging" }],
      // Names are per project: "residential" in staging is another proxy.
      proxies: [...PROXIES, { id: "px_staging_res", name: "residential", project: "staging" }],
    },
  });
});

afterAll(async () => {
  expect(f.host.output).not.toContain(HOST_KEY);
  await f.stop();
});

beforeEach(() => {
  f.emulator.reset();
  f.engine.state.clear();
});

const provider = () => f.inputs.__provider;

/** The example without the settings the Free plan decides: nothing server-owned is set. */
function freeProgram() {
  const { healthCheckInterval: _h, saveCredentials: _s, ...rest } = f.inputs;
  return rest;
}

describe("server-owned defaults (docs/behaviour.md)", () => {
  it("creates on the Free plan with no interval set: none is sent, the live 21600 is output", async () => {
    const [step] = await f.engine.up([{ name: "netflix", inputs: freeProgram() }]);
    expect(step.kind).toBe("create");
    const [post] = requestLines(f.emulator);
    expect(post.body).not.toHaveProperty("health_check_interval");
    expect(post.body).not.toHaveProperty("save_credentials");
    expect(f.engine.state.get("netflix")!.outputs).toMatchObject({
      healthCheckInterval: 21600,
      saveCredentials: true,
      healthChecks: true,
      autoReauth: true,
      stealth: true,
    });
    f.emulator.clearRequests();
    const [again] = await f.engine.up([{ name: "netflix", inputs: freeProgram() }]);
    expect(again.kind).toBe("same");
    expect(f.emulator.requests()).toEqual([]);
  });

  it("a bare create sends only the key", async () => {
    await f.engine.up([
      {
        name: "bare",
        inputs: { profileName: "p", domain: "example.com", __provider: provider() },
      },
    ]);
    expect(requestLines(f.emulator)).toEqual([
      {
        method: "POST",
        path: "/auth/connections",
        body: { profile_name: "p", domain: "example.com" },
      },
    ]);
  });

  it("removing a server-owned setting is no change; a drift of an unset one is quiet", async () => {
    await f.engine.up([
      { name: "netflix", inputs: { ...freeProgram(), healthCheckInterval: 43200 } },
    ]);
    const state = f.engine.state.get("netflix")!;
    expect((await f.engine.preview("netflix", freeProgram())).kind).toBe("same");
    f.emulator.drift(state.id, { auto_reauth: false, browser: { stealth: false } });
    await f.engine.refresh();
    const preview = await f.engine.preview("netflix", {
      ...freeProgram(),
      healthCheckInterval: 43200,
    });
    expect(preview).toMatchObject({ kind: "same", changes: [] });
  });

  it("manages the new settings: one PATCH with proxy and stealth in one browser object", async () => {
    await f.engine.up([{ name: "netflix", inputs: freeProgram() }]);
    const id = f.engine.state.get("netflix")!.id;
    f.emulator.clearRequests();
    const inputs = {
      ...freeProgram(),
      healthChecks: false,
      autoReauth: false,
      recordSession: true,
      stealth: false,
      proxy: { mode: "direct" },
    };
    const [step] = await f.engine.up([{ name: "netflix", inputs }]);
    expect(step.kind).toBe("update");
    expect(requestLines(f.emulator)).toEqual([
      {
        method: "PATCH",
        path: `/auth/connections/${id}`,
        body: {
          health_checks: false,
          auto_reauth: false,
          record_session: true,
          browser: { proxy: { mode: "direct" }, stealth: false },
        },
      },
    ]);
    expect(f.engine.state.get("netflix")!.outputs).toMatchObject({
      proxy: { mode: "direct" },
      stealth: false,
      recordSession: true,
    });
    f.emulator.clearRequests();
    expect((await f.engine.up([{ name: "netflix", inputs }]))[0].kind).toBe("same");
    expect(f.emulator.requests()).toEqual([]);
  });

  it("browser.region: sent inside browser, changed by one PATCH, server-owned while unset", async () => {
    const inEu = { ...freeProgram(), stealth: false, region: "eu-west" };
    await f.engine.up([{ name: "netflix", inputs: inEu }]);
    const id = f.engine.state.get("netflix")!.id;
    expect(requestLines(f.emulator)[0].body).toMatchObject({
      browser: { stealth: false, region: "eu-west" },
    });
    expect(f.engine.state.get("netflix")!.outputs.region).toBe("eu-west");
    f.emulator.clearRequests();
    const [moved] = await f.engine.up([
      { name: "netflix", inputs: { ...inEu, region: "us-west" } },
    ]);
    expect(moved.kind).toBe("update");
    expect(requestLines(f.emulator)).toEqual([
      {
        method: "PATCH",
        path: `/auth/connections/${id}`,
        body: { browser: { region: "us-west" } },
      },
    ]);
    // Removed from the program: no change, the live region stays and is shown.
    f.emulator.clearRequests();
    const withoutRegion = { ...freeProgram(), stealth: false };
    expect((await f.engine.up([{ name: "netflix", inputs: withoutRegion }]))[0].kind).toBe("same");
    expect(f.emulator.requests()).toEqual([]);
    // A region this version does not know, and the runtime reason health checks cannot verify
    // the connection: read, shown, never a difference.
    f.emulator.drift(id, {
      browser: { region: "sa-east" },
      health_check_unavailable_reason: "no_auth_check_url",
    });
    await f.engine.refresh();
    expect(f.engine.state.get("netflix")!.outputs).toMatchObject({
      region: "sa-east",
      healthCheckUnavailableReason: "no_auth_check_url",
    });
    expect(await f.engine.preview("netflix", withoutRegion)).toMatchObject({
      kind: "same",
      changes: [],
    });
  });

  it("a drifted setting the program sets shows as live => desired after refresh", async () => {
    await f.engine.up([{ name: "netflix", inputs: { ...freeProgram(), recordSession: true } }]);
    f.emulator.drift(f.engine.state.get("netflix")!.id, { record_session: false });
    await f.engine.refresh();
    const preview = await f.engine.preview("netflix", { ...freeProgram(), recordSession: true });
    expect(preview).toMatchObject({ kind: "update", changes: ["~ recordSession: false => true"] });
  });
});

describe("proxy", () => {
  it("removing the proxy detaches it with one PATCH, in place", async () => {
    await f.engine.up([{ name: "netflix", inputs: freeProgram() }]);
    const id = f.engine.state.get("netflix")!.id;
    f.emulator.clearRequests();
    const { proxy: _p, ...withoutProxy } = freeProgram();
    const [step] = await f.engine.up([{ name: "netflix", inputs: withoutProxy }]);
    expect(step.kind).toBe("update");
    expect(requestLines(f.emulator)).toEqual([
      {
        method: "PATCH",
        path: `/auth/connections/${id}`,
        body: { browser: { proxy: { mode: "default" } } },
      },
    ]);
    expect(f.emulator.objects("authConnections")[0]).not.toHaveProperty("proxy_id");
    expect(f.engine.state.get("netflix")!.outputs).not.toHaveProperty("proxyId");
    f.emulator.clearRequests();
    expect((await f.engine.up([{ name: "netflix", inputs: withoutProxy }]))[0].kind).toBe("same");
  });

  it("a proxy by name that drifts to another id is re-sent by name", async () => {
    await f.engine.up([{ name: "netflix", inputs: freeProgram() }]);
    const id = f.engine.state.get("netflix")!.id;
    f.emulator.drift(id, { browser: { proxy: { id: "px_datacenter" } } });
    await f.engine.refresh();
    f.emulator.clearRequests();
    const [step] = await f.engine.up([{ name: "netflix", inputs: freeProgram() }]);
    expect(step.changes).toEqual(['- proxy.id: "px_datacenter"', '+ proxy.name: "residential"']);
    expect(requestLines(f.emulator)).toEqual([
      {
        method: "PATCH",
        path: `/auth/connections/${id}`,
        body: { browser: { proxy: { name: "residential" } } },
      },
    ]);
  });
});

describe("project (docs/behaviour.md)", () => {
  it("a new project is a replace: created in the new project first, then deleted from the old", async () => {
    await f.engine.up([{ name: "netflix", inputs: freeProgram() }]);
    const old = f.engine.state.get("netflix")!;
    expect(old.outputs).not.toHaveProperty("project");
    f.emulator.clearRequests();
    const [step] = await f.engine.up([
      { name: "netflix", inputs: { ...freeProgram(), project: "staging" } },
    ]);
    expect(step).toMatchObject({
      kind: "replace",
      deleteBeforeReplace: false,
      diff: { replaces: ["project"] },
    });
    const log = f.emulator.requests().map((r) => [r.method, r.path, r.project ?? null]);
    expect(log).toEqual([
      // diff asks whether the object is in "staging" too (one project written two ways): no.
      ["GET", `/auth/connections/${old.id}`, "proj_staging"],
      ["POST", "/auth/connections", "proj_staging"],
      ["DELETE", `/auth/connections/${old.id}`, null],
    ]);
    expect(requestLines(f.emulator)[1].body).not.toHaveProperty("project");
    const moved = f.engine.state.get("netflix")!;
    expect(moved.outputs).toMatchObject({ project: "staging", proxyId: "px_staging_res" });
    expect(f.emulator.objects("authConnections").map((c) => c.id)).toEqual([moved.id]);

    // Later calls use the recorded project; the same desired project is no change.
    f.emulator.clearRequests();
    await f.engine.refresh();
    expect(f.emulator.requests().map((r) => r.project)).toEqual(["proj_staging"]);
    expect((await f.engine.preview("netflix", { ...freeProgram(), project: "staging" })).kind).toBe(
      "same",
    );
    // No desired project at all is no change either: the object stays where it is.
    expect((await f.engine.preview("netflix", freeProgram())).kind).toBe("same");
  });
});

describe("migration from a v1 state", () => {
  const fixtures = Object.entries(v1).filter(([name]) => name !== "_about") as [
    string,
    {
      program: Record<string, unknown>;
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
      requests: { method: string; path: string; body?: unknown }[];
    },
  ][];

  /** The live objects the v1 provider made (its POSTs replayed), and its state with their ids. */
  async function adoptV1State() {
    for (const [name, fixture] of fixtures) {
      const post = fixture.requests.find((r) => r.method === "POST")!;
      const res = await fetch(`${f.emulator.url}/auth/connections`, {
        method: "POST",
        headers: { authorization: `Bearer ${HOST_KEY}`, "content-type": "application/json" },
        body: JSON.stringify(post.body),
      });
      expect(res.status).toBe(200);
      const { id } = (await res.json()) as { id: string };
      f.engine.state.set(name, {
        name,
        urn: authConnectionUrn(name),
        id,
        inputs: fixture.inputs,
        outputs: fixture.outputs,
      });
    }
    f.emulator.clearRequests();
  }

  const program = (name: string) => ({
    ...fixtures.find(([n]) => n === name)![1].program,
    __provider: provider(),
  });

  it("previews no change and sends nothing on the first up with the program unchanged", async () => {
    f.emulator.setPlan("enterprise");
    await adoptV1State();
    for (const [name] of fixtures) {
      expect({ name, step: await f.engine.preview(name, program(name)) }).toMatchObject({
        name,
        step: { kind: "same", changes: [] },
      });
    }
    const steps = await f.engine.up(fixtures.map(([name]) => ({ name, inputs: program(name) })));
    expect(steps.map((s) => s.kind)).toEqual(fixtures.map(() => "same"));
    expect(f.emulator.requests()).toEqual([]);
  });

  it("still previews no change after a refresh with the new version", async () => {
    f.emulator.setPlan("enterprise");
    await adoptV1State();
    const refreshed = await f.engine.refresh();
    expect(refreshed.map((s) => s.kind)).toEqual(fixtures.map(() => "refresh"));
    for (const [name] of fixtures) {
      expect({ name, step: await f.engine.preview(name, program(name)) }).toMatchObject({
        name,
        step: { kind: "same" },
      });
    }
  });
});
