/**
 * Conformance of the newer resources with the official client, @onkernel/sdk@0.84.0, used
 * against the emulator as against the Kernel API; every answer also fits the OpenAPI document.
 */
import { createHash } from "node:crypto";
import Kernel, { toFile } from "@onkernel/sdk";
import { zipOf } from "../../src/extension/zip";
import { type Emulator, startEmulator, validatorFor } from "../../src/emulator";

const KEY = "sk_sdk_resources";
let emulator: Emulator;
let kernel: Kernel;

beforeAll(async () => {
  emulator = await startEmulator({
    apiKey: KEY,
    projects: [{ id: "proj_other", name: "other" }],
  });
  kernel = new Kernel({ apiKey: KEY, baseURL: emulator.url, maxRetries: 0 });
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => emulator.reset());

function fits(schema: string, value: unknown) {
  expect(validatorFor(schema)(value)).toEqual([]);
}

describe("@onkernel/sdk 0.84 against the emulator", () => {
  it("credentials: create, retrieve by name, rotate, list with auto-paging, delete", async () => {
    const created = await kernel.credentials.create({
      name: "netflix-creds",
      domain: "netflix.com",
      values: { username: "u@example.com", password: "hunter2" },
      totp_secret: "JBSWY3DPEHPK3PXP",
    });
    fits("Credential", created);
    expect(created.totp_code).toMatch(/^\d{6}$/);
    const byName = await kernel.credentials.retrieve("netflix-creds");
    expect(byName).toMatchObject({ id: created.id, value_keys: ["password", "username"] });
    expect(byName.totp_code).toBeUndefined();
    const rotated = await kernel.credentials.update(created.id, {
      values: { password: "rotated" },
      remove_value_keys: ["username"],
    });
    expect(rotated.value_keys).toEqual(["password"]);
    for (let i = 0; i < 4; i++) {
      await kernel.credentials.create({ name: `c${i}`, domain: "netflix.com", values: {} });
    }
    const names: string[] = [];
    for await (const c of kernel.credentials.list({ domain: "netflix.com", limit: 2 })) {
      fits("Credential", c);
      names.push(c.name);
    }
    expect(names).toEqual(["netflix-creds", "c0", "c1", "c2", "c3"]);
    await kernel.credentials.delete("netflix-creds");
    await expect(kernel.credentials.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
  });

  it("credentials: a taken name is a 409 the client surfaces", async () => {
    await kernel.credentials.create({ name: "n", domain: "d.com", values: {} });
    await expect(
      kernel.credentials.create({ name: "n", domain: "d.com", values: {} }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("credential providers: create, retrieve, update, list, delete", async () => {
    const created = await kernel.credentialProviders.create({
      name: "my-1p",
      provider_type: "onepassword",
      token: "ops_token",
    });
    fits("CredentialProvider", created);
    expect(created).toMatchObject({ enabled: true, priority: 0 });
    const updated = await kernel.credentialProviders.update(created.id, {
      token: "ops_rotated",
      priority: 5,
    });
    expect(updated.priority).toBe(5);
    expect(await kernel.credentialProviders.retrieve(created.id)).toEqual(updated);
    const all = [];
    for await (const p of kernel.credentialProviders.list()) all.push(p);
    expect(all.map((p) => p.id)).toEqual([created.id]);
    await kernel.credentialProviders.delete(created.id);
    await expect(kernel.credentialProviders.retrieve(created.id)).rejects.toMatchObject({
      status: 404,
    });
  });

  it("proxies: every type, a custom proxy's secrets kept out, rename, list, delete", async () => {
    const dc = await kernel.proxies.create({ type: "datacenter", name: "dc" });
    expect(dc.config).toEqual({ country: "US" });
    const res = await kernel.proxies.create({
      type: "residential",
      config: { country: "US", city: "sanfrancisco" },
    });
    const mobile = await kernel.proxies.create({ type: "mobile", config: { country: "US" } });
    const isp = await kernel.proxies.create({ type: "isp", protocol: "http" });
    const custom = await kernel.proxies.create({
      type: "custom",
      name: "corp",
      config: { host: "proxy.corp", port: 3128, username: "bob", password: "s3cret" },
    });
    expect(custom.config).toMatchObject({ username: "bob", has_password: true });
    for (const p of [dc, res, mobile, isp, custom]) fits("Proxy", p);
    const renamed = await kernel.proxies.update(dc.id as string, { name: "  dc-2 " });
    expect(renamed.name).toBe("dc-2");
    expect(await kernel.proxies.retrieve(dc.id as string)).toMatchObject({ name: "dc-2" });
    const ids = [];
    for await (const p of kernel.proxies.list({ limit: 2 })) ids.push(p.id);
    expect(ids).toHaveLength(5);
    expect(JSON.stringify(await kernel.proxies.retrieve(custom.id as string))).not.toContain(
      "s3cret",
    );
    await kernel.proxies.delete(custom.id as string);
    await expect(kernel.proxies.retrieve(custom.id as string)).rejects.toMatchObject({
      status: 404,
    });
  });

  it("profiles: create, rename, retrieve by name, a taken name is 409, delete", async () => {
    const created = await kernel.profiles.create({ name: "team-netflix" });
    fits("Profile", created);
    await expect(kernel.profiles.create({ name: "team-netflix" })).rejects.toMatchObject({
      status: 409,
    });
    const renamed = await kernel.profiles.update("team-netflix", { name: "team-nf" });
    expect(renamed).toMatchObject({ id: created.id, name: "team-nf" });
    expect((await kernel.profiles.retrieve("team-nf")).id).toBe(created.id);
    await kernel.profiles.delete(created.id);
    await expect(kernel.profiles.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
  });

  it("extensions: upload a ZIP (multipart), metadata by name, download, a taken name is 409, delete", async () => {
    const archive = zipOf([{ path: "manifest.json", data: Buffer.from("{}") }]);
    const file = await toFile(archive, "ext.zip", { type: "application/zip" });
    const uploaded = await kernel.extensions.upload({ file, name: "blocker" });
    fits("Extension", uploaded);
    expect(uploaded).toMatchObject({
      name: "blocker",
      size_bytes: archive.length,
      checksum: createHash("sha256").update(archive).digest("hex"),
    });
    expect(await kernel.extensions.get("blocker")).toMatchObject({ id: uploaded.id });
    const download = await kernel.extensions.download(uploaded.id);
    expect(Buffer.from(await download.arrayBuffer()).equals(archive)).toBe(true);
    await expect(
      kernel.extensions.upload({ file: await toFile(archive, "ext.zip"), name: "blocker" }),
    ).rejects.toMatchObject({ status: 409 });
    await kernel.extensions.delete("blocker");
    await expect(kernel.extensions.get(uploaded.id)).rejects.toMatchObject({ status: 404 });
  });

  it("browser pools: create, update, retrieve by name, a taken name is 409, a leased pool's delete needs force", async () => {
    const created = await kernel.browserPools.create({ size: 2, name: "warm" });
    fits("BrowserPool", created);
    await expect(kernel.browserPools.create({ size: 1, name: "warm" })).rejects.toMatchObject({
      status: 409,
    });
    const updated = await kernel.browserPools.update("warm", { size: 3, discard_all_idle: true });
    fits("BrowserPool", updated);
    expect(updated.browser_pool_config.size).toBe(3);
    expect((await kernel.browserPools.retrieve("warm")).id).toBe(created.id);
    emulator.drift(created.id, { acquired_count: 1 }, "browserPools");
    await expect(kernel.browserPools.delete("warm")).rejects.toMatchObject({ status: 409 });
    // The client sends force in the DELETE's body.
    await kernel.browserPools.delete("warm", { force: true });
    expect(emulator.requests().at(-1)).toMatchObject({ method: "DELETE", body: { force: true } });
    await expect(kernel.browserPools.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
  });

  it("scopes by the client's project: another project's credential is not found", async () => {
    const other = new Kernel({
      apiKey: KEY,
      baseURL: emulator.url,
      maxRetries: 0,
      defaultHeaders: { "X-Kernel-Project": "other" },
    });
    const mine = await kernel.credentials.create({ name: "n", domain: "d.com", values: {} });
    await expect(other.credentials.retrieve(mine.id)).rejects.toMatchObject({ status: 404 });
    const theirs = await other.credentials.create({ name: "n", domain: "d.com", values: {} });
    expect(theirs.id).not.toBe(mine.id);
  });
});
