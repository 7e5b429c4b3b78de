/**
 * `/apps` and `/deployments` through HTTP: read-only, project-scoped, seeded through the
 * controls; answers valid against the OpenAPI document.
 */
import { type Emulator, startEmulator, validatorFor } from "../../src/emulator";
import { caller } from "./resourceClient";

const KEY = "sk_emulator_apps_test";
let emulator: Emulator;
const call = caller(() => emulator.url, KEY);

beforeEach(async () => {
  emulator = await startEmulator({ apiKey: KEY, projects: [{ id: "proj_other", name: "other" }] });
});

afterEach(async () => {
  await emulator.close();
});

/** Seeds through the HTTP control, as another process would. */
async function seed(resource: "apps" | "deployments", fields: Record<string, unknown>) {
  const res = await call("POST", `/_emulator/${resource}`, fields);
  expect(res.status).toBe(200);
  return res.body;
}

describe("/deployments", () => {
  it("answers a seeded deployment by id, valid against the document, env values empty", async () => {
    const made = await seed("deployments", {
      env_vars: { TOKEN: "s3cr3t" },
      source_type: "github",
      source_url: "https://github.com/acme/scraper",
    });
    const got = await call("GET", `/deployments/${made.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      id: made.id,
      status: "running",
      region: "aws.us-east-1a",
      env_vars: { TOKEN: "" },
      source_type: "github",
    });
    expect(JSON.stringify(got.body)).not.toContain("s3cr3t");
    expect(validatorFor("Deployment")(got.body)).toEqual([]);
  });

  it("lives in its project only: another project answers 404 not_found", async () => {
    const made = await seed("deployments", { project: "other" });
    expect((await call("GET", `/deployments/${made.id}`)).body).toMatchObject({
      code: "not_found",
    });
    const there = await call("GET", `/deployments/${made.id}`, undefined, { project: "other" });
    expect(there.status).toBe(200);
  });

  it("lists by app name and version; a version without a name is 400", async () => {
    const one = await seed("deployments", {});
    const two = await seed("deployments", {});
    await seed("apps", { app_name: "scraper", version: "1", deployment: one.id });
    await seed("apps", { app_name: "scraper", version: "2", deployment: two.id });
    const ids = async (query: string) =>
      (await call("GET", `/deployments${query}`)).body.map((d: { id: string }) => d.id);
    expect(await ids("?app_name=scraper")).toEqual([one.id, two.id]);
    expect(await ids("?app_name=scraper&app_version=2")).toEqual([two.id]);
    expect((await call("GET", "/deployments?app_version=2")).status).toBe(400);
  });

  it("is read-only through the API", async () => {
    const made = await seed("deployments", {});
    expect((await call("DELETE", `/deployments/${made.id}`)).status).toBe(405);
    expect((await call("POST", "/deployments", {})).status).toBe(405);
  });
});

describe("/apps", () => {
  it("lists seeded app versions filtered by name and version, paged", async () => {
    const dep = await seed("deployments", { env_vars: { API_URL: "https://x" } });
    for (const version of ["1", "2", "3"]) {
      await seed("apps", {
        app_name: "scraper",
        version,
        deployment: dep.id,
        actions: [{ name: "scrape", input_schema: { type: "object" } }],
      });
    }
    await seed("apps", { app_name: "mailer", version: "1", deployment: dep.id });
    const first = await call("GET", "/apps?app_name=scraper&limit=2");
    expect(first.body.map((a: { version: string }) => a.version)).toEqual(["1", "2"]);
    expect(first.headers).toMatchObject({ "x-has-more": "true", "x-next-offset": "2" });
    const exact = await call("GET", "/apps?app_name=scraper&version=3");
    expect(exact.body).toEqual([
      {
        id: expect.stringMatching(/^app_/),
        app_name: "scraper",
        version: "3",
        deployment: dep.id,
        region: "aws.us-east-1a",
        actions: [{ name: "scrape", input_schema: { type: "object" } }],
        env_vars: { API_URL: "" },
      },
    ]);
    expect(validatorFor("App")(exact.body[0])).toEqual([]);
    expect((await call("GET", "/apps?query=MAIL")).body).toHaveLength(1);
  });

  it("is project-scoped: a seed names its project, and a deployment of another is refused", async () => {
    const dep = await seed("deployments", { project: "other" });
    const refused = await call("POST", "/_emulator/apps", {
      app_name: "a",
      version: "1",
      deployment: dep.id,
    });
    expect(refused).toMatchObject({ status: 400, body: { code: "bad_request" } });
    await seed("apps", { project: "proj_other", app_name: "a", version: "1", deployment: dep.id });
    expect((await call("GET", "/apps")).body).toEqual([]);
    expect((await call("GET", "/apps", undefined, { project: "other" })).body).toHaveLength(1);
  });

  it("is read-only through the API, and seen, drifted and deleted through the controls", async () => {
    const dep = await seed("deployments", {});
    const app = await seed("apps", { app_name: "a", version: "1", deployment: dep.id });
    expect((await call("POST", "/apps", {})).status).toBe(405);
    expect((await call("GET", "/_emulator/apps")).body).toEqual([app]);
    await call("PATCH", `/_emulator/deployments/${dep.id}`, { status: "stopped" });
    expect((await call("GET", `/deployments/${dep.id}`)).body.status).toBe("stopped");
    expect((await call("DELETE", `/_emulator/apps/${app.id}`)).status).toBe(204);
    expect((await call("GET", "/apps")).body).toEqual([]);
  });

  it("refuses to seed a resource made through the API, and an unknown project", async () => {
    expect((await call("POST", "/_emulator/profiles", { name: "p" })).status).toBe(404);
    expect((await call("POST", "/_emulator/deployments", { project: "nope" })).status).toBe(404);
    expect((await call("POST", "/_emulator/deployments", [])).status).toBe(400);
  });
});
