/**
 * The whole life of the example stack through Pulumi's own dynamic-provider host, against the
 * emulator: create, no-op, drift found by refresh and corrected by one PATCH, replacement,
 * deletion behind Pulumi's back, destroy.
 */
import { HostCallError } from "../../src/host/providerHost";
import { CheckFailedError } from "../../src/host/engine";
import { EXAMPLE_POST_BODY as EXAMPLE_POST } from "../support/example";
import { HOST_KEY, type HostFixture, requestLines, startHostFixture } from "../support/hostFixture";

let f: HostFixture;

beforeAll(async () => {
  f = await startHostFixture();
});

beforeEach(() => f.reset());

afterAll(() => f?.stop());

async function created() {
  const [step] = await f.engine.up([{ name: "netflix", inputs: f.inputs }]);
  expect(step.kind).toBe("create");
  f.emulator.clearRequests();
  return f.engine.state.get("netflix")!;
}

describe("create and no-op", () => {
  it("creates with one POST carrying the program's fields", async () => {
    const [step] = await f.engine.up([{ name: "netflix", inputs: f.inputs }]);
    expect(step.kind).toBe("create");
    expect(requestLines(f.emulator)).toEqual([
      { method: "POST", path: "/auth/connections", body: EXAMPLE_POST },
    ]);
    const state = f.engine.state.get("netflix")!;
    expect(state.id).toMatch(/^ma_/);
    expect(state.outputs).toMatchObject({
      status: "NEEDS_AUTH",
      canReauth: true,
      proxyId: "px_residential",
    });
  });

  it("a second up has nothing to do and sends nothing", async () => {
    await created();
    const [step] = await f.engine.up([{ name: "netflix", inputs: f.inputs }]);
    expect(step).toMatchObject({ kind: "same", changes: [] });
    expect(f.emulator.requests()).toEqual([]);
  });

  it("reorders and re-cases nothing into a change", async () => {
    await created();
    const shuffled = {
      ...f.inputs,
      domain: "NetFlix.com",
      allowedDomains: ["Login.Netflix.com", "auth.netflix.com", "auth.netflix.com"],
    };
    const step = await f.engine.preview("netflix", shuffled);
    expect(step.kind).toBe("same");
  });

  it("rejects invalid input in check, before any request, naming the path", async () => {
    const err = await f.engine
      .up([{ name: "netflix", inputs: { ...f.inputs, allowedDomains: ["ok.com", "https://bad"] } }])
      .catch((e) => e);
    expect(err).toBeInstanceOf(CheckFailedError);
    expect(err.failures).toEqual([
      { property: "allowedDomains[1]", reason: expect.stringMatching(/host name/) },
    ]);
    expect(f.emulator.requests()).toEqual([]);
  });
});

describe("preview with values not known yet", () => {
  const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

  it("passes unknowns through check at any depth; an unknown field is a change", async () => {
    const state = await created();
    const news = { ...f.inputs, credential: { name: UNKNOWN }, allowedDomains: ["a.com", UNKNOWN] };
    const checked = await f.host.check(state.urn, state.inputs, news);
    expect(checked.failures).toEqual([]);
    expect(checked.inputs).toMatchObject({
      credential: { name: UNKNOWN },
      allowedDomains: ["a.com", UNKNOWN],
    });
    const diff = await f.host.diff(state.id, state.urn, state.outputs, checked.inputs);
    // Undefined changes (DIFF_UNKNOWN): the engine names the changed inputs itself.
    expect(diff).toEqual({ changes: "unknown", replaces: [], deleteBeforeReplace: false });
    expect(f.emulator.requests()).toEqual([]);
  });

  it("an unknown domain is a replacement that deletes first", async () => {
    const state = await created();
    const checked = await f.host.check(state.urn, state.inputs, { ...f.inputs, domain: UNKNOWN });
    const diff = await f.host.diff(state.id, state.urn, state.outputs, checked.inputs);
    expect(diff).toEqual({ changes: "unknown", replaces: ["domain"], deleteBeforeReplace: true });
  });
});

describe("drift: refresh shows live => desired, up corrects it with one PATCH", () => {
  // [field, drift, the preview's lines (as `pulumi preview --diff` draws them), PATCH body]
  const drifts: [string, Record<string, unknown>, string[], Record<string, unknown>][] = [
    [
      "loginUrl",
      { login_url: "https://www.netflix.com/other" },
      ['~ loginUrl: "https://www.netflix.com/other" => "https://www.netflix.com/login"'],
      { login_url: "https://www.netflix.com/login" },
    ],
    [
      "loginUrl cleared",
      { login_url: null },
      ['+ loginUrl: "https://www.netflix.com/login"'],
      { login_url: "https://www.netflix.com/login" },
    ],
    [
      "credential",
      { credential: { name: "someone-elses" } },
      ['~ credential.name: "someone-elses" => "netflix-creds"'],
      { credential: { name: "netflix-creds" } },
    ],
    [
      "allowedDomains",
      { allowed_domains: ["evil.com"] },
      [
        '~ allowedDomains[0]: "evil.com" => "auth.netflix.com"',
        '+ allowedDomains[1]: "login.netflix.com"',
      ],
      { allowed_domains: ["auth.netflix.com", "login.netflix.com"] },
    ],
    [
      "healthCheckInterval",
      { health_check_interval: 7200 },
      ["~ healthCheckInterval: 7200 => 1800"],
      { health_check_interval: 1800 },
    ],
    [
      "saveCredentials",
      { save_credentials: false },
      ["~ saveCredentials: false => true"],
      { save_credentials: true },
    ],
    [
      "proxy",
      { proxy_id: "px_datacenter" },
      ['- proxy.id: "px_datacenter"', '+ proxy.name: "residential"'],
      { browser: { proxy: { name: "residential" } } },
    ],
  ];

  it.each(drifts)("%s", async (field, change, previewLines, patchBody) => {
    const state = await created();
    f.emulator.drift(state.id, change);
    await f.engine.refresh();
    expect(f.emulator.requests().map((r) => r.method)).toEqual(["GET"]);
    const preview = await f.engine.preview("netflix", f.inputs);
    expect(preview.kind).toBe("update");
    expect(preview.changes).toEqual(previewLines);
    expect(preview.diffReasons).toEqual([field.split(" ")[0]]);
    f.emulator.clearRequests();
    const [step] = await f.engine.up([{ name: "netflix", inputs: f.inputs }]);
    expect(step.kind).toBe("update");
    expect(requestLines(f.emulator)).toEqual([
      { method: "PATCH", path: `/auth/connections/${state.id}`, body: patchBody },
    ]);
    expect(f.emulator.objects("authConnections")).toEqual([
      expect.objectContaining({ ...EXAMPLE_POST_LIVE, id: state.id }),
    ]);
    f.emulator.clearRequests();
    const [again] = await f.engine.up([{ name: "netflix", inputs: f.inputs }]);
    expect(again.kind).toBe("same");
    expect(f.emulator.requests()).toEqual([]);
  });

  it("all fields at once: one PATCH with exactly the drifted fields", async () => {
    const state = await created();
    for (const [, change] of drifts.filter(([name]) => name !== "loginUrl cleared"))
      f.emulator.drift(state.id, change);
    f.emulator.drift(state.id, {
      status: "AUTHENTICATED",
      last_auth_check_at: "2030-01-01T00:00:00Z",
    });
    await f.engine.refresh();
    const preview = await f.engine.preview("netflix", f.inputs);
    expect(preview.diffReasons).toEqual([
      "allowedDomains",
      "credential",
      "healthCheckInterval",
      "loginUrl",
      "proxy",
      "saveCredentials",
    ]);
    f.emulator.clearRequests();
    await f.engine.up([{ name: "netflix", inputs: f.inputs }]);
    expect(requestLines(f.emulator)).toEqual([
      {
        method: "PATCH",
        path: `/auth/connections/${state.id}`,
        body: {
          login_url: "https://www.netflix.com/login",
          credential: { name: "netflix-creds" },
          allowed_domains: ["auth.netflix.com", "login.netflix.com"],
          health_check_interval: 1800,
          save_credentials: true,
          browser: { proxy: { name: "residential" } },
        },
      },
    ]);
    expect(f.engine.state.get("netflix")!.outputs.status).toBe("AUTHENTICATED");
  });

  it("runtime-only changes are refreshed but make no diff", async () => {
    const state = await created();
    f.emulator.drift(state.id, {
      status: "AUTHENTICATED",
      last_auth_check_at: "2030-01-01T00:00:00Z",
    });
    const [refresh] = await f.engine.refresh();
    expect(refresh.changes).toEqual([]);
    expect(f.engine.state.get("netflix")!.outputs.status).toBe("AUTHENTICATED");
    expect((await f.engine.preview("netflix", f.inputs)).kind).toBe("same");
  });
});

/** The emulator's record of the example: the POST's fields, the proxy as the id it names. */
const { browser: _browser, ...EXAMPLE_FIELDS } = EXAMPLE_POST;
const EXAMPLE_POST_LIVE = { ...EXAMPLE_FIELDS, proxy_id: "px_residential" };

describe("changes in the program", () => {
  it("PATCHes a removed loginUrl and allowedDomains with the API's clears", async () => {
    const state = await created();
    const { loginUrl: _l, allowedDomains: _a, ...rest } = f.inputs;
    const [step] = await f.engine.up([{ name: "netflix", inputs: rest }]);
    expect(step.changes).toEqual([
      '- allowedDomains: ["auth.netflix.com","login.netflix.com"]',
      '- loginUrl: "https://www.netflix.com/login"',
    ]);
    expect(requestLines(f.emulator)).toEqual([
      {
        method: "PATCH",
        path: `/auth/connections/${state.id}`,
        body: { login_url: "", allowed_domains: [] },
      },
    ]);
  });

  it("replaces on a new domain, creating first", async () => {
    const state = await created();
    const [step] = await f.engine.up([
      { name: "netflix", inputs: { ...f.inputs, domain: "hulu.com" } },
    ]);
    expect(step).toMatchObject({
      kind: "replace",
      deleteBeforeReplace: false,
      diff: { replaces: ["domain"] },
    });
    expect(requestLines(f.emulator).map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /auth/connections",
      `DELETE /auth/connections/${state.id}`,
    ]);
    expect(f.emulator.objects("authConnections").map((c) => c.domain)).toEqual(["hulu.com"]);
  });

  it("replaces on a removed credential, deleting first since the key is kept", async () => {
    const state = await created();
    const { credential: _c, ...rest } = f.inputs;
    const [step] = await f.engine.up([{ name: "netflix", inputs: rest }]);
    expect(step).toMatchObject({
      kind: "replace",
      deleteBeforeReplace: true,
      diff: { replaces: ["credential"] },
    });
    expect(requestLines(f.emulator).map((r) => `${r.method} ${r.path}`)).toEqual([
      `DELETE /auth/connections/${state.id}`,
      "POST /auth/connections",
    ]);
    expect(f.emulator.objects("authConnections")).toHaveLength(1);
    expect(f.emulator.objects("authConnections")[0]).not.toHaveProperty("credential");
  });
});

describe("deletion and 404s", () => {
  it("a connection deleted behind Pulumi's back leaves the state on refresh and is created again", async () => {
    const state = await created();
    f.emulator.deleteObject(state.id, "authConnections");
    const [refresh] = await f.engine.refresh();
    expect(refresh.kind).toBe("gone");
    expect(f.engine.state.has("netflix")).toBe(false);
    const [step] = await f.engine.up([{ name: "netflix", inputs: f.inputs }]);
    expect(step.kind).toBe("create");
    expect(f.emulator.objects("authConnections")).toHaveLength(1);
  });

  it("a 404 that is not the API's not_found is an error and keeps the resource", async () => {
    const state = await created();
    f.emulator.injectFault({
      kind: "status",
      method: "GET",
      path: `/auth/connections/${state.id}`,
      status: 404,
      body: { code: "route_not_found", message: "no route" },
    });
    await expect(f.engine.refresh()).rejects.toThrow(/404 route_not_found/);
    expect(f.engine.state.has("netflix")).toBe(true);
  });

  it("destroy sends one DELETE, and a connection already gone counts as deleted", async () => {
    const state = await created();
    await f.engine.destroy();
    expect(requestLines(f.emulator)).toEqual([
      { method: "DELETE", path: `/auth/connections/${state.id}` },
    ]);
    expect(f.emulator.objects("authConnections")).toEqual([]);
    await expect(f.host.delete(state.id, state.urn, state.outputs)).resolves.toBeUndefined();
  });
});

describe("adoption", () => {
  async function existing() {
    const res = await fetch(`${f.emulator.url}/auth/connections`, {
      method: "POST",
      headers: { authorization: `Bearer ${HOST_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({
        profile_name: "team-netflix",
        domain: "netflix.com",
        health_check_interval: 3600,
      }),
    });
    const body = (await res.json()) as { id: string };
    f.emulator.clearRequests();
    return body.id;
  }

  it("without adopt, a 409 names the existing connection and how to adopt it", async () => {
    const id = await existing();
    const err = await f.engine.up([{ name: "netflix", inputs: f.inputs }]).catch((e) => e);
    expect(err).toBeInstanceOf(HostCallError);
    expect(err.message).toContain(`already exists: ${id}`);
    expect(err.message).toContain("adopt: true");
    expect(f.emulator.objects("authConnections")).toHaveLength(1);
  });

  it("with adopt, takes it over and reconciles it with one PATCH", async () => {
    const id = await existing();
    const [step] = await f.engine.up([{ name: "netflix", inputs: { ...f.inputs, adopt: true } }]);
    expect(step.kind).toBe("create");
    expect(f.engine.state.get("netflix")!.id).toBe(id);
    const patches = requestLines(f.emulator).filter((r) => r.method === "PATCH");
    expect(patches).toEqual([
      {
        method: "PATCH",
        path: `/auth/connections/${id}`,
        body: {
          login_url: "https://www.netflix.com/login",
          credential: { name: "netflix-creds" },
          allowed_domains: ["auth.netflix.com", "login.netflix.com"],
          health_check_interval: 1800,
          browser: { proxy: { name: "residential" } },
        },
      },
    ]);
    expect(f.emulator.objects("authConnections")).toEqual([
      expect.objectContaining({ ...EXAMPLE_POST_LIVE, id }),
    ]);
  });

  it("a failed reconcile is a partial failure that Pulumi records, and the next up finishes", async () => {
    const id = await existing();
    f.emulator.injectFault({
      kind: "status",
      method: "PATCH",
      status: 400,
      body: {
        code: "bad_request",
        message: "health_check_interval 1800 is below your plan's minimum",
      },
    });
    const err = await f.engine
      .up([{ name: "netflix", inputs: { ...f.inputs, adopt: true } }])
      .catch((e) => e);
    expect(err).toBeInstanceOf(HostCallError);
    expect(err.initFailed).toMatchObject({
      id,
      properties: { healthCheckInterval: 3600, __provider: f.inputs.__provider },
    });
    expect(err.initFailed.reasons[0]).toMatch(/pulumi up/);
    // Pulumi records the resource from initFailed; the next up diffs against it and PATCHes.
    f.engine.state.set("netflix", {
      name: "netflix",
      urn: "urn:pulumi:dev::pulumi-kernel::pulumi-nodejs:dynamic/kernel:AuthConnection::netflix",
      id,
      inputs: { ...f.inputs, adopt: true },
      outputs: err.initFailed.properties,
      initErrors: err.initFailed.reasons,
    });
    f.emulator.clearRequests();
    const [step] = await f.engine.up([{ name: "netflix", inputs: { ...f.inputs, adopt: true } }]);
    expect(step.kind).toBe("update");
    expect(f.emulator.requests().map((r) => r.method)).toEqual(["PATCH"]);
    expect(f.emulator.objects("authConnections")).toHaveLength(1);
  });
});
