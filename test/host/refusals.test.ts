/**
 * What today's API refuses or does on its own, through Pulumi's dynamic-provider host against
 * the emulator: proxies in use (destroy order, a replaced proxy under a connection, a refusal
 * naming the connection), proxies the API deletes on its own, the plan's limits, proxy names
 * that are not unique, answers with enum values this version does not know, and the message
 * each documented error code gets. Reads that explain a refusal happen only after it.
 */
import { typeToken } from "../../src/dynamic/engineKeys";
import { providerText } from "../../src/dynamic/providerText";
import type { ConnectionStore } from "../../src/emulator/resources/authConnections/store";
import type { ProxyStore } from "../../src/emulator/resources/proxies/store";
import { type Declared, placeholderId } from "../../src/host/engine";
import { CONTROL_PREFIX } from "../../src/emulator";
import { HOST_KEY, type HostFixture, requestLines, startHostFixture } from "../support/hostFixture";

let f: HostFixture;

beforeAll(async () => {
  f = await startHostFixture({ example: false });
});

beforeEach(async () => {
  await f.reset();
  f.emulator.updateSettings({ plan: "enterprise", maxAuthConnections: null });
});

afterAll(async () => {
  expect(f.host.output).not.toContain(HOST_KEY);
  await f.stop();
});

const proxy = (type = "isp"): Declared => ({
  name: "egress",
  type: typeToken("Proxy"),
  inputs: { type, name: "egress", __provider: providerText("proxy") },
});

const connection = (inputs: Record<string, unknown> = {}): Declared => ({
  name: "conn",
  inputs: {
    profileName: "team",
    domain: "example.com",
    proxy: { id: placeholderId(typeToken("Proxy"), "egress") },
    __provider: providerText(),
    ...inputs,
  },
});

const lines = () => requestLines(f.emulator).map((r) => `${r.method} ${r.path}`);
const liveProxyIds = () =>
  f.emulator
    .objects("proxies")
    .map((p) => String(p.id))
    .filter((id) => !id.startsWith("px_"));

describe("a proxy in use cannot be deleted (400 resource_in_use)", () => {
  it("destroy deletes the connection before the proxy it uses", async () => {
    await f.engine.up([proxy(), connection()]);
    const [proxyId, connId] = [f.engine.state.get("egress")!.id, f.engine.state.get("conn")!.id];
    f.emulator.clearRequests();
    await f.engine.destroy();
    expect(lines()).toEqual([`DELETE /auth/connections/${connId}`, `DELETE /proxies/${proxyId}`]);
    expect(f.emulator.requests().map((r) => r.status)).toEqual([204, 204]);
    expect(f.engine.state.size).toBe(0);
  });

  it("a replaced proxy: created first, the connection moves to it, then the old one is deleted", async () => {
    await f.engine.up([proxy("isp"), connection()]);
    const old = f.engine.state.get("egress")!.id;
    const connId = f.engine.state.get("conn")!.id;
    f.emulator.clearRequests();
    const steps = await f.engine.up([proxy("mobile"), connection()]);
    expect(steps.map((s) => s.kind)).toEqual(["replace", "update"]);
    const fresh = f.engine.state.get("egress")!.id;
    expect(fresh).not.toBe(old);
    expect(requestLines(f.emulator)).toEqual([
      { method: "POST", path: "/proxies", body: { type: "mobile", name: "egress" } },
      {
        method: "PATCH",
        path: `/auth/connections/${connId}`,
        body: { browser: { proxy: { id: fresh } } },
      },
      { method: "DELETE", path: `/proxies/${old}` },
    ]);
    expect(f.emulator.requests().map((r) => r.status)).toEqual([200, 200, 204]);
    expect(liveProxyIds()).toEqual([fresh]);
    expect(f.engine.state.get("conn")!.outputs.proxyId).toBe(fresh);
  });

  it("any other refusal names the connection holding the proxy, from one listing, and keeps the state", async () => {
    await f.engine.up([proxy()]);
    const proxyId = f.engine.state.get("egress")!.id;
    // A connection this stack does not manage (the dashboard, another stack) uses it.
    const outside = f.emulator.storeOf<ConnectionStore>("authConnections").create({
      profile_name: "outside",
      domain: "other.com",
      browser: { proxy: { id: proxyId } },
    });
    if (!outside.ok) throw new Error(outside.error.message);
    f.emulator.clearRequests();
    const err = (await f.engine.destroy().catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(`DELETE /proxies/${proxyId} failed with 400 resource_in_use`);
    expect(err.message).toContain(
      `held by the auth connection ${outside.value.id} (profile "outside", domain other.com)`,
    );
    expect(err.message).toMatch(/proxy: \{mode: "default"\}/);
    expect(requestLines(f.emulator)).toEqual([
      { method: "DELETE", path: `/proxies/${proxyId}` },
      { method: "GET", path: "/auth/connections" },
    ]);
    expect(f.emulator.requests()[1].query).toEqual({ limit: "100", offset: "0" });
    expect(f.engine.state.get("egress")?.id).toBe(proxyId);
  });
});

describe("proxies the API deletes on its own (unused 14 days, past 100 in an org)", () => {
  it("a refresh sees the proxy gone, and the next up creates it again", async () => {
    await f.engine.up([proxy()]);
    const gone = f.engine.state.get("egress")!.id;
    const res = await fetch(`${f.emulator.url}${CONTROL_PREFIX}/proxies/${gone}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${HOST_KEY}` },
    });
    expect(res.status).toBe(204);
    f.emulator.clearRequests();
    const [refresh] = await f.engine.refresh();
    expect(refresh.kind).toBe("gone");
    expect(f.engine.state.has("egress")).toBe(false);
    const [step] = await f.engine.up([proxy()]);
    expect(step.kind).toBe("create");
    expect(lines()).toEqual([`GET /proxies/${gone}`, "POST /proxies"]);
    expect(liveProxyIds()).toEqual([f.engine.state.get("egress")!.id]);
  });
});

describe("plan limits (GET /org/limits, read only after a refusal)", () => {
  const bare = (profileName: string, inputs: Record<string, unknown> = {}): Declared => ({
    name: profileName,
    inputs: { profileName, domain: "example.com", __provider: providerText(), ...inputs },
  });

  it("a create past the connection limit says the limit and how many are in use", async () => {
    f.emulator.updateSettings({ maxAuthConnections: 1 });
    await f.engine.up([bare("first")]);
    expect(lines()).toEqual(["POST /auth/connections"]);
    f.emulator.clearRequests();
    const err = (await f.engine.up([bare("second")]).catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(/failed with 403 insufficient_plan/);
    expect(err.message).toContain(
      "The plan's limit of 1 auth connections is reached: 1 are in use across the organisation",
    );
    expect(err.message).not.toMatch(/Set the API key/);
    expect(lines()).toEqual(["POST /auth/connections", "GET /org/limits"]);
    // /org/limits is org-wide: no project header.
    expect(f.emulator.requests()[1].projectHeaders).toBeUndefined();
  });

  it("an interval below the plan's minimum names the minimum", async () => {
    f.emulator.updateSettings({ plan: "startup" });
    const err = (await f.engine
      .up([bare("fast", { healthCheckInterval: 600 })])
      .catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(/failed with 400/);
    expect(err.message).toContain(
      "The plan's minimum health-check interval is 1200 seconds (GET /org/limits)",
    );
    expect(lines()).toEqual(["POST /auth/connections", "GET /org/limits"]);
    // On the same plan, an interval at the minimum creates with the POST alone.
    f.emulator.clearRequests();
    await f.engine.up([bare("fast", { healthCheckInterval: 1200 })]);
    expect(lines()).toEqual(["POST /auth/connections"]);
  });
});

describe("proxy names are not unique", () => {
  it("a proxy by a name several proxies share fails naming them; nothing is created", async () => {
    const store = f.emulator.storeOf<ProxyStore>("proxies");
    const ids = [
      store.create({ type: "isp", name: "dup" }),
      store.create({ type: "mobile", name: "dup" }),
    ].map((made) => (made.ok ? made.value.id : ""));
    const err = (await f.engine
      .up([connection({ proxy: { name: "dup" } })])
      .catch((e: Error) => e)) as Error;
    expect(err.message).toContain(
      `The proxy name "dup" matches 2 proxies in the project (${ids.join(", ")})`,
    );
    expect(err.message).toContain("Refer to one by id");
    expect(lines()).toEqual(["POST /auth/connections", "GET /proxies"]);
    expect(f.emulator.requests()[1].query).toEqual({ name: "dup", limit: "10" });
    expect(f.emulator.connections()).toEqual([]);
  });
});

describe("enum values this version does not know are kept and shown", () => {
  it("a connection's new status and can_reauth_reason, and a proxy's new type", async () => {
    await f.engine.up([proxy(), connection()]);
    const connId = f.engine.state.get("conn")!.id;
    const proxyId = f.engine.state.get("egress")!.id;
    f.emulator.drift(connId, {
      status: "NEEDS_CUSTOMER_INPUT",
      can_reauth_reason: "requires_customer_input",
    });
    f.emulator.drift(proxyId, { type: "wireguard", status: "degraded" }, "proxies");
    const steps = await f.engine.refresh();
    expect(steps.map((s) => s.kind)).toEqual(["refresh", "refresh"]);
    expect(f.engine.state.get("conn")!.outputs).toMatchObject({
      status: "NEEDS_CUSTOMER_INPUT",
      canReauthReason: "requires_customer_input",
    });
    expect(f.engine.state.get("egress")!.outputs).toMatchObject({
      type: "wireguard",
      status: "degraded",
    });
    // Runtime fields never make a diff; the proxy's live type does (the program asks for isp).
    expect((await f.engine.preview("conn", connection().inputs, {})).kind).toBe("same");
    const proxyStep = await f.engine.preview("egress", proxy().inputs, {
      type: typeToken("Proxy"),
    });
    expect(proxyStep.changes).toContain('~ type: "wireguard" => "isp"');
  });
});

describe("each documented error code gets the words a user needs", () => {
  const PROFILE = { name: "team", __provider: providerText("profile") };
  const profile = (inputs: Record<string, unknown> = {}): Declared => ({
    name: "profile",
    inputs: { ...PROFILE, ...inputs },
  });

  // [code, status, the call that meets it, what the message must say]
  const CASES: [string, number, "create" | "update" | "delete", RegExp][] = [
    ["not_found", 404, "update", /The object is gone from Kernel .*`pulumi refresh`/],
    ["not_found", 404, "create", /Something the create refers to does not exist/],
    [
      "project_not_found",
      404,
      "create",
      /not in this API key's organisation: check the resource's project input, kernel:project, KERNEL_PROJECT or KERNEL_PROJECT_ID/,
    ],
    ["projects_disabled", 404, "create", /This organisation has no projects: remove/],
    ["bad_request", 400, "create", /Check the Profile input name/],
    ["resource_in_use", 400, "delete", /Something still uses it/],
    [
      "insufficient_plan",
      403,
      "create",
      /Your Kernel plan does not allow this; `npx pulumi-kernel doctor`/,
    ],
    ["conflict", 409, "update", /conflict with what exists now: run `pulumi refresh`/],
  ];

  it.each(CASES)("%s (%d on %s)", async (code, status, call, says) => {
    if (call !== "create") await f.engine.up([profile()]);
    const id = f.engine.state.get("profile")?.id;
    const [method, path] =
      call === "create"
        ? ["POST", "/profiles"]
        : [call === "update" ? "PATCH" : "DELETE", `/profiles/${id}`];
    f.emulator.injectFault({
      kind: "status",
      method,
      path,
      status,
      body: { code, message: `the API says ${code} about name` },
    });
    const run =
      call === "delete"
        ? f.engine.destroy()
        : f.engine.up([profile(call === "update" ? { name: "renamed" } : {})]);
    const err = (await run.catch((e: Error) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toContain(`failed with ${status} ${code}: the API says ${code}`);
    expect(err.message).toMatch(says);
    if (status === 403) expect(err.message).not.toMatch(/Set the API key/);
  });

  it("rate_limited: a wait longer than the budget fails at once, saying which setting bounds it", async () => {
    f.emulator.injectFault({
      kind: "status",
      method: "POST",
      path: "/profiles",
      status: 429,
      retryAfter: 3600,
      body: { code: "rate_limited", message: "slow down" },
    });
    const err = (await f.engine.up([profile()]).catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(/429 rate_limited: slow down/);
    expect(err.message).toMatch(
      /asked to wait .*\(Retry-After\).*KERNEL_OPERATION_TIMEOUT_SECONDS/,
    );
  });
});
