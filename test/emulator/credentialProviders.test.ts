/** `/org/credential_providers` through HTTP: org-wide names, the token kept but never answered. */
import { type Emulator, startEmulator } from "../../src/emulator";
import { caller, detailText } from "./resourceClient";

const KEY = "sk_emulator_providers";
const TOKEN = "ops_eyJzZWNyZXQiOiJ0b2tlbiJ9";
let emulator: Emulator;
const printed: string[] = [];
const call = caller(() => emulator.url, KEY);
const COLLECTION = "/org/credential_providers";

beforeEach(async () => {
  printed.splice(0);
  emulator = await startEmulator({
    apiKey: KEY,
    projects: [{ id: "proj_other", name: "other" }],
    print: (line) => printed.push(line),
  });
});

afterEach(async () => {
  await emulator.close();
});

const onePassword = { name: "my-1p", provider_type: "onepassword", token: TOKEN };

describe("/org/credential_providers", () => {
  it("creates with the server's defaults and answers neither the token nor the cache TTL", async () => {
    const created = await call("POST", COLLECTION, { ...onePassword, cache_ttl_seconds: 60 });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^cp_/),
      name: "my-1p",
      provider_type: "onepassword",
      enabled: true,
      priority: 0,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const read = await call("GET", `${COLLECTION}/${created.body.id}`);
    expect(read.body).toEqual(created.body);
    expect(JSON.stringify((await call("GET", COLLECTION)).body)).not.toContain(TOKEN);
  });

  it("keeps names unique across the org, whatever project header a request carries", async () => {
    const first = await call("POST", COLLECTION, onePassword);
    const again = await call("POST", COLLECTION, onePassword, { project: "other" });
    expect(again.status).toBe(409);
    expect(detailText(again.body)).toContain(first.body.id);
    // Org-wide: another project's header still sees it.
    const seen = await call("GET", `${COLLECTION}/${first.body.id}`, undefined, {
      project: "other",
    });
    expect(seen.status).toBe(200);
  });

  it("PATCH rotates the token and changes enabled, priority and name; a taken name is 409", async () => {
    const { body } = await call("POST", COLLECTION, onePassword);
    const path = `${COLLECTION}/${body.id}`;
    const patched = await call("PATCH", path, {
      token: "ops_rotated",
      enabled: false,
      priority: 2,
      cache_ttl_seconds: 30,
    });
    expect(patched.body).toMatchObject({ enabled: false, priority: 2, name: "my-1p" });
    expect(patched.body).not.toHaveProperty("token");
    await call("POST", COLLECTION, { ...onePassword, name: "second" });
    expect((await call("PATCH", path, { name: "second" })).status).toBe(409);
  });

  it("refuses bodies the API's types refuse, naming the field", async () => {
    const wrongType = await call("POST", COLLECTION, { ...onePassword, provider_type: "lastpass" });
    expect(wrongType.status).toBe(400);
    expect(detailText(wrongType.body)).toMatch(/provider_type/);
    const noToken = await call("POST", COLLECTION, { name: "x", provider_type: "onepassword" });
    expect(detailText(noToken.body)).toMatch(/token/);
    const { body } = await call("POST", COLLECTION, onePassword);
    const bad = await call("PATCH", `${COLLECTION}/${body.id}`, { priority: "high" });
    expect(bad.status).toBe(400);
    expect(detailText(bad.body)).toMatch(/priority/);
  });

  it("lists with paging headers, deletes with 204, then answers 404 not_found", async () => {
    for (const name of ["a", "b", "c"]) await call("POST", COLLECTION, { ...onePassword, name });
    const first = await call("GET", `${COLLECTION}?limit=2`);
    expect(first.body).toHaveLength(2);
    expect(first.headers).toMatchObject({ "x-has-more": "true", "x-next-offset": "2" });
    const id = first.body[0].id;
    expect((await call("DELETE", `${COLLECTION}/${id}`)).status).toBe(204);
    expect(await call("GET", `${COLLECTION}/${id}`)).toMatchObject({
      status: 404,
      body: { code: "not_found" },
    });
  });

  it("drifts through emulator.drift and masks the token in the printed log", async () => {
    const { body } = await call("POST", COLLECTION, onePassword);
    expect(emulator.drift(body.id, { enabled: false })).toMatchObject({ enabled: false });
    expect((await call("GET", `${COLLECTION}/${body.id}`)).body.enabled).toBe(false);
    await call("PATCH", `${COLLECTION}/${body.id}`, { token: "ops_second_secret" });
    const text = printed.join("\n");
    expect(text).toContain(`POST ${COLLECTION}`);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain("ops_second_secret");
  });
});
