/** `/credentials` through HTTP: the API's rules, validation, projects, controls, faults, the log. */
import { type CredentialStore, type Emulator, startEmulator } from "../../src/emulator";
import { caller, detailText } from "./resourceClient";

const KEY = "sk_emulator_credentials";
const PASSWORD = "correct-horse-battery-staple";
const TOTP = "JBSWY3DPEHPK3PXP";
let emulator: Emulator;
const printed: string[] = [];
const call = caller(() => emulator.url, KEY);

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

const netflix = {
  name: "netflix-creds",
  domain: "netflix.com",
  values: { username: "user@example.com", password: PASSWORD },
};

describe("/credentials", () => {
  it("creates, reads by id and by name, and never answers a value", async () => {
    const created = await call("POST", "/credentials", netflix);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^cred_/),
      name: "netflix-creds",
      domain: "netflix.com",
      has_values: true,
      has_totp_secret: false,
      value_keys: ["password", "username"],
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const byId = await call("GET", `/credentials/${created.body.id}`);
    const byName = await call("GET", "/credentials/netflix-creds");
    expect(byName.body).toEqual(byId.body);
    const list = await call("GET", "/credentials");
    for (const answer of [created, byId, byName, list]) {
      expect(JSON.stringify(answer.body)).not.toContain(PASSWORD);
    }
  });

  it("answers 409 naming the existing credential for a name taken in the project", async () => {
    const first = await call("POST", "/credentials", netflix);
    const again = await call("POST", "/credentials", { ...netflix, domain: "other.com" });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "conflict" });
    expect(detailText(again.body)).toContain(first.body.id);
  });

  it("keeps projects apart: the same name elsewhere is fine, another project's object is not_found", async () => {
    const mine = await call("POST", "/credentials", netflix);
    const theirs = await call("POST", "/credentials", netflix, { project: "other" });
    expect(theirs.status).toBe(200);
    expect(theirs.body.id).not.toBe(mine.body.id);
    const crossed = await call("GET", `/credentials/${mine.body.id}`, undefined, {
      project: "proj_other",
    });
    expect(crossed).toMatchObject({ status: 404, body: { code: "not_found" } });
    expect((await call("GET", "/credentials", undefined, { project: "other" })).body).toHaveLength(
      1,
    );
  });

  it("PATCH by name: remove_value_keys first, then values merge; the rotation leaves other keys", async () => {
    await call("POST", "/credentials", netflix);
    const rotated = await call("PATCH", "/credentials/netflix-creds", {
      values: { password: "rotated" },
    });
    expect(rotated.body.value_keys).toEqual(["password", "username"]);
    const reshaped = await call("PATCH", "/credentials/netflix-creds", {
      remove_value_keys: ["username", "password"],
      values: { password: "again" },
    });
    expect(reshaped.body).toMatchObject({ value_keys: ["password"], has_values: true });
  });

  it('clears sso_provider with "" or null and the TOTP secret with ""; the code comes once', async () => {
    const created = await call("POST", "/credentials", {
      ...netflix,
      sso_provider: "google",
      totp_secret: TOTP,
    });
    expect(created.body).toMatchObject({
      sso_provider: "google",
      has_totp_secret: true,
      totp_code: expect.stringMatching(/^\d{6}$/),
      totp_code_expires_at: expect.any(String),
    });
    const path = `/credentials/${created.body.id}`;
    const read = await call("GET", path);
    expect(read.body).not.toHaveProperty("totp_code");
    expect((await call("PATCH", path, { sso_provider: null })).body.sso_provider).toBeNull();
    await call("PATCH", path, { sso_provider: "github" });
    expect((await call("PATCH", path, { sso_provider: "" })).body.sso_provider).toBeNull();
    const cleared = await call("PATCH", path, { totp_secret: "" });
    expect(cleared.body).toMatchObject({ has_totp_secret: false });
    expect(cleared.body).not.toHaveProperty("totp_code");
  });

  it("lists by domain with the API's paging headers and without value_keys", async () => {
    for (const name of ["a", "b", "c"]) await call("POST", "/credentials", { ...netflix, name });
    await call("POST", "/credentials", { ...netflix, name: "z", domain: "other.com" });
    const first = await call("GET", "/credentials?domain=netflix.com&limit=2");
    expect(first.body.map((c: { name: string }) => c.name)).toEqual(["a", "b"]);
    expect(first.body[0]).not.toHaveProperty("value_keys");
    expect(first.headers).toMatchObject({ "x-has-more": "true", "x-next-offset": "2" });
    const last = await call("GET", "/credentials?domain=netflix.com&limit=2&offset=2");
    expect(last.body.map((c: { name: string }) => c.name)).toEqual(["c"]);
    expect(last.headers).toMatchObject({ "x-has-more": "false", "x-next-offset": "0" });
  });

  it("refuses bodies the API's types refuse, naming the field", async () => {
    const missing = await call("POST", "/credentials", { name: "n", domain: "d.com" });
    expect(missing.status).toBe(400);
    expect(detailText(missing.body)).toMatch(/values/);
    const notString = await call("POST", "/credentials", { ...netflix, values: { pin: 1234 } });
    expect(notString.status).toBe(400);
    expect(detailText(notString.body)).toMatch(/values\/pin/);
    await call("POST", "/credentials", netflix);
    const unknown = await call("PATCH", "/credentials/netflix-creds", { domain: "x.com" });
    expect(unknown.status).toBe(400);
    expect(detailText(unknown.body)).toMatch(/domain/);
  });

  it("keeps the values it never answers where a test can check them, per project", async () => {
    const { body } = await call("POST", "/credentials", netflix, { project: "other" });
    await call(
      "PATCH",
      `/credentials/${body.id}`,
      { values: { password: "rotated" } },
      {
        project: "other",
      },
    );
    const store = emulator.storeOf<CredentialStore>("credentials", "other");
    expect(store.table.byId(body.id)?.values).toEqual({
      username: "user@example.com",
      password: "rotated",
    });
    expect(emulator.storeOf<CredentialStore>("credentials").all()).toEqual([]);
  });

  it("deletes with 204, then answers 404 not_found", async () => {
    await call("POST", "/credentials", netflix);
    expect((await call("DELETE", "/credentials/netflix-creds")).status).toBe(204);
    expect(await call("GET", "/credentials/netflix-creds")).toMatchObject({
      status: 404,
      body: { code: "not_found" },
    });
    expect((await call("DELETE", "/credentials/netflix-creds")).status).toBe(404);
  });

  it("drifts value_keys through emulator.drift and the HTTP control", async () => {
    const { body } = await call("POST", "/credentials", netflix);
    const drifted = emulator.drift(body.id, { value_keys: ["username", "pin"] });
    expect(drifted).toMatchObject({ id: body.id, value_keys: ["pin", "username"] });
    const control = await call("PATCH", `/_emulator/credentials/${body.id}`, {
      has_totp_secret: true,
    });
    expect(control.body).toMatchObject({ has_totp_secret: true });
    expect((await call("GET", `/credentials/${body.id}`)).body).toMatchObject({
      value_keys: ["pin", "username"],
      has_totp_secret: true,
    });
    expect((await call("DELETE", `/_emulator/credentials/${body.id}`)).status).toBe(204);
    expect((await call("GET", `/credentials/${body.id}`)).status).toBe(404);
  });

  it("takes faults: a 503 without acting, a reset after acting", async () => {
    emulator.injectFault({ kind: "status", status: 503, method: "POST", path: "/credentials" });
    expect((await call("POST", "/credentials", netflix)).status).toBe(503);
    expect(emulator.objects("credentials")).toHaveLength(0);
    emulator.injectFault({ kind: "reset-after", method: "POST", path: "/credentials" });
    await expect(call("POST", "/credentials", netflix)).rejects.toThrow();
    expect(emulator.objects("credentials")).toMatchObject([{ name: "netflix-creds" }]);
  });

  it("prints the request log with values and the TOTP secret masked", async () => {
    await call("POST", "/credentials", { ...netflix, totp_secret: TOTP });
    await call("PATCH", "/credentials/netflix-creds", { values: { password: "n3w-secret" } });
    expect(printed).toHaveLength(2);
    const text = printed.join("\n");
    expect(text).toContain("POST /credentials");
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain("n3w-secret");
    expect(text).not.toContain(TOTP);
  });
});
