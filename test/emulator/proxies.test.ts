/** `/proxies` through HTTP: config per type, secrets never answered, rename only, one store with
 *  the proxies auth connections select. */
import { type Emulator, startEmulator } from "../../src/emulator";
import { caller, detailText } from "./resourceClient";

const KEY = "sk_emulator_proxies";
const PASSWORD = "pr0xy-pa55word";
const BUNDLE = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----";
let emulator: Emulator;
const printed: string[] = [];
const call = caller(() => emulator.url, KEY);

beforeEach(async () => {
  printed.splice(0);
  emulator = await startEmulator({
    apiKey: KEY,
    projects: [{ id: "proj_other", name: "other" }],
    proxies: [{ id: "px_seeded", name: "residential" }],
    print: (line) => printed.push(line),
  });
});

afterEach(async () => {
  await emulator.close();
});

describe("/proxies", () => {
  it("creates every type with the server's defaults", async () => {
    const cases: [unknown, Record<string, unknown>][] = [
      [{ type: "datacenter" }, { protocol: "https", config: { country: "US" } }],
      [{ type: "isp", config: { country: "DE" } }, { config: { country: "DE" } }],
      [
        { type: "residential", config: { country: "US", city: "sanfrancisco", os: "macos" } },
        { config: { country: "US", city: "sanfrancisco", os: "macos" } },
      ],
      [
        { type: "mobile", protocol: "http", config: { country: "US", state: "CA" } },
        { protocol: "http" },
      ],
    ];
    for (const [body, expected] of cases) {
      const res = await call("POST", "/proxies", body);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: expect.stringMatching(/^proxy_/),
        status: "available",
        ...expected,
      });
    }
  });

  it("keeps a custom proxy's password and CA bundle out of answers and the printed log", async () => {
    const created = await call("POST", "/proxies", {
      type: "custom",
      name: "corp",
      config: {
        host: "proxy.corp",
        port: 3128,
        username: "bob",
        password: PASSWORD,
        ca_bundle: BUNDLE,
      },
      bypass_hosts: ["intranet.corp"],
    });
    expect(created.body).toMatchObject({
      type: "custom",
      name: "corp",
      bypass_hosts: ["intranet.corp"],
      config: {
        host: "proxy.corp",
        port: 3128,
        username: "bob",
        has_password: true,
        has_ca_bundle: true,
      },
    });
    const read = await call("GET", `/proxies/${created.body.id}`);
    const list = await call("GET", "/proxies");
    const everything = JSON.stringify([created.body, read.body, list.body, printed]);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain("MIIBfake");
  });

  it("refuses a config that does not fit the type, naming the field", async () => {
    const cityAlone = await call("POST", "/proxies", {
      type: "residential",
      config: { city: "sanfrancisco" },
    });
    expect(cityAlone.status).toBe(400);
    expect(detailText(cityAlone.body)).toMatch(/country/);
    const foreignKey = await call("POST", "/proxies", {
      type: "datacenter",
      config: { os: "windows" },
    });
    expect(foreignKey.status).toBe(400);
    expect(detailText(foreignKey.body)).toMatch(/config/);
    const noHost = await call("POST", "/proxies", { type: "custom", config: { port: 8080 } });
    expect(noHost.status).toBe(400);
    expect(detailText(noHost.body)).toMatch(/host/);
    const noConfig = await call("POST", "/proxies", { type: "custom" });
    expect(noConfig.status).toBe(400);
    expect(detailText(noConfig.body)).toMatch(/config/);
    const badType = await call("POST", "/proxies", { type: "satellite" });
    expect(detailText(badType.body)).toMatch(/type/);
  });

  it("PATCH takes only a name, trims it, and allows duplicates", async () => {
    const a = await call("POST", "/proxies", { type: "datacenter", name: "  edge " });
    expect(a.body.name).toBe("edge");
    await call("POST", "/proxies", { type: "datacenter", name: "other" });
    const renamed = await call("PATCH", `/proxies/${a.body.id}`, { name: " other " });
    expect(renamed.body).toMatchObject({ id: a.body.id, name: "other" });
    expect((await call("GET", "/proxies?name=other")).body).toHaveLength(2);
    const typeChange = await call("PATCH", `/proxies/${a.body.id}`, { name: "x", type: "isp" });
    expect(typeChange.status).toBe(400);
    expect(detailText(typeChange.body)).toMatch(/type/);
  });

  it("is addressed by id or exact name, per project; deletes with 204, then not_found", async () => {
    const { body } = await call("POST", "/proxies", { type: "datacenter", name: "n" });
    expect((await call("GET", "/proxies/n")).body).toMatchObject({ id: body.id });
    await call("POST", "/proxies", { type: "isp", name: "n" });
    const ambiguous = await call("GET", "/proxies/n");
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body).toMatchObject({ code: "ambiguous_proxy_name" });
    expect(
      (await call("GET", `/proxies/${body.id}`, undefined, { project: "other" })).body,
    ).toMatchObject({ code: "not_found" });
    expect((await call("DELETE", `/proxies/${body.id}`)).status).toBe(204);
    expect((await call("GET", `/proxies/${body.id}`)).body).toMatchObject({ code: "not_found" });
  });

  it("serves the seeded proxies, and connections select the same objects by name or id", async () => {
    const seeded = await call("GET", "/proxies/px_seeded");
    expect(seeded.body).toMatchObject({ id: "px_seeded", name: "residential" });
    const made = await call("POST", "/proxies", { type: "isp", name: "made-here" });
    const byName = await call("POST", "/auth/connections", {
      profile_name: "p1",
      domain: "a.com",
      browser: { proxy: { name: "made-here" } },
    });
    expect(byName.status).toBe(200);
    expect(JSON.stringify(byName.body)).toContain(made.body.id);
    const byId = await call("POST", "/auth/connections", {
      profile_name: "p2",
      domain: "a.com",
      browser: { proxy: { id: "px_seeded" } },
    });
    expect(byId.status).toBe(200);
    // A rename through /proxies is what the next lookup by name sees.
    await call("PATCH", `/proxies/${made.body.id}`, { name: "renamed" });
    const stale = await call("POST", "/auth/connections", {
      profile_name: "p3",
      domain: "a.com",
      browser: { proxy: { name: "made-here" } },
    });
    expect(stale.status).toBe(400);
    // A deleted proxy can no longer be selected (p2 goes first: a proxy in use stays).
    expect((await call("DELETE", "/proxies/px_seeded")).body.code).toBe("resource_in_use");
    await call("DELETE", `/auth/connections/${byId.body.id}`);
    expect((await call("DELETE", "/proxies/px_seeded")).status).toBe(204);
    const gone = await call("POST", "/auth/connections", {
      profile_name: "p4",
      domain: "a.com",
      browser: { proxy: { id: "px_seeded" } },
    });
    expect(gone.status).toBe(400);
  });

  it("drifts config and status through emulator.drift and the HTTP control", async () => {
    const { body } = await call("POST", "/proxies", {
      type: "custom",
      config: { host: "h", port: 1, password: PASSWORD },
    });
    expect(emulator.drift(body.id, { config: { port: 2 } })).toMatchObject({ config: { port: 2 } });
    const control = await call("PATCH", `/_emulator/proxies/${body.id}`, {
      status: "unavailable",
      config: { has_password: false },
    });
    expect(control.body).toMatchObject({ status: "unavailable", config: { has_password: false } });
    expect((await call("GET", `/proxies/${body.id}`)).body).toMatchObject({
      status: "unavailable",
      config: { host: "h", port: 2, has_password: false },
    });
  });
});
