/** `/profiles` through HTTP: unique names per project, rename by PATCH, id or name addressing. */
import { type Emulator, startEmulator } from "../../src/emulator";
import { caller, detailText } from "./resourceClient";

const KEY = "sk_emulator_profiles";
let emulator: Emulator;
const call = caller(() => emulator.url, KEY);

beforeEach(async () => {
  emulator = await startEmulator({ apiKey: KEY, projects: [{ id: "proj_other", name: "other" }] });
});

afterEach(async () => {
  await emulator.close();
});

describe("/profiles", () => {
  it("creates named and nameless profiles; a taken name in the project is 409", async () => {
    const named = await call("POST", "/profiles", { name: "team-netflix" });
    expect(named.body).toMatchObject({
      id: expect.stringMatching(/^prof_/),
      name: "team-netflix",
      created_at: expect.any(String),
    });
    expect((await call("POST", "/profiles", {})).status).toBe(200);
    const again = await call("POST", "/profiles", { name: "team-netflix" });
    expect(again.status).toBe(409);
    expect(detailText(again.body)).toContain(named.body.id);
    expect(
      (await call("POST", "/profiles", { name: "team-netflix" }, { project: "other" })).status,
    ).toBe(200);
  });

  it("creates a nameless profile from a POST without a body, as the SDK's create() sends it", async () => {
    const res = await call("POST", "/profiles");
    expect(res).toMatchObject({ status: 200, body: { name: null } });
  });

  it("renames by id or name; the old name then answers not_found", async () => {
    const { body } = await call("POST", "/profiles", { name: "old" });
    const renamed = await call("PATCH", "/profiles/old", { name: "new" });
    expect(renamed.body).toMatchObject({ id: body.id, name: "new" });
    expect((await call("GET", "/profiles/old")).body).toMatchObject({ code: "not_found" });
    expect((await call("GET", `/profiles/${body.id}`)).body.name).toBe("new");
    await call("POST", "/profiles", { name: "taken" });
    expect((await call("PATCH", `/profiles/${body.id}`, { name: "taken" })).status).toBe(409);
  });

  it("refuses a PATCH without a name and unknown fields", async () => {
    await call("POST", "/profiles", { name: "p" });
    const empty = await call("PATCH", "/profiles/p", {});
    expect(empty.status).toBe(400);
    expect(detailText(empty.body)).toMatch(/name/);
    expect((await call("POST", "/profiles", { name: "q", stealth: true })).status).toBe(400);
  });

  it("hides another project's profile and deletes with 204", async () => {
    const { body } = await call("POST", "/profiles", { name: "p" });
    expect(
      (await call("GET", `/profiles/${body.id}`, undefined, { project: "other" })).status,
    ).toBe(404);
    expect((await call("DELETE", "/profiles/p")).status).toBe(204);
    expect(await call("DELETE", "/profiles/p")).toMatchObject({
      status: 404,
      body: { code: "not_found" },
    });
  });

  it("lists by exact name and drifts through the control", async () => {
    await call("POST", "/profiles", { name: "a" });
    const { body } = await call("POST", "/profiles", { name: "ab" });
    expect((await call("GET", "/profiles?name=a")).body).toHaveLength(1);
    await call("PATCH", `/_emulator/profiles/${body.id}`, { last_used_at: "2026-11-27T01:00:00Z" });
    expect((await call("GET", "/profiles/ab")).body.last_used_at).toBe("2026-11-27T01:00:00Z");
  });
});
