import { lastPage, lookupApi } from "../../test/support/lookups";
import { runLookup } from "./core";
import { AmbiguousLookupError, LookupArgumentError, LookupNotFoundError } from "./errors";
import { appLookup } from "./getApp";

const version = (over: Record<string, unknown> = {}) => ({
  id: "app_1",
  app_name: "scraper",
  version: "1.0.0",
  deployment: "dep_1",
  region: "aws.us-east-1a",
  actions: [{ name: "scrape", input_schema: { type: "object" } }, { name: "login" }],
  env_vars: { TOKEN: "", API_URL: "" },
  ...over,
});

describe("getApp", () => {
  it("by name and version: lists /apps filtered by both; env vars by name only", async () => {
    const api = lookupApi(() => lastPage([version({ env_vars: { TOKEN: "s3cr3t-value" } })]));
    const app = await runLookup(appLookup, { name: "scraper", version: "1.0.0" }, api.deps);
    expect(app).toEqual({
      id: "app_1",
      name: "scraper",
      version: "1.0.0",
      deploymentId: "dep_1",
      region: "aws.us-east-1a",
      actions: ["scrape", "login"],
      envVarKeys: ["TOKEN"],
    });
    expect(JSON.stringify(app)).not.toContain("s3cr3t-value");
    expect(api.sent()).toEqual(["GET /apps?app_name=scraper&version=1.0.0&limit=100&offset=0"]);
  });

  it("by name alone: the one version when there is one", async () => {
    const api = lookupApi(() =>
      lastPage([version({ app_name: "Scraper", id: "app_0" }), version()]),
    );
    expect((await runLookup(appLookup, { name: "scraper" }, api.deps)).id).toBe("app_1");
    expect(api.sent()).toEqual(["GET /apps?app_name=scraper&limit=100&offset=0"]);
  });

  it("by name alone when it has several versions: an error naming them", async () => {
    const api = lookupApi(() =>
      lastPage([version(), version({ id: "app_2", version: "2.0.0", deployment: "dep_2" })]),
    );
    const err = await runLookup(appLookup, { name: "scraper" }, api.deps).catch((e: Error) => e);
    expect(err).toBeInstanceOf(AmbiguousLookupError);
    expect((err as AmbiguousLookupError).matches).toEqual(["1.0.0", "2.0.0"]);
    expect((err as Error).message).toBe(
      'getApp: app "scraper" in the default project has 2 versions (1.0.0, 2.0.0); give `version`',
    );
  });

  it("by id: pages the list until the id is found", async () => {
    const api = lookupApi((req) =>
      req.path.includes("offset=0")
        ? {
            status: 200,
            body: [version()],
            headers: { "x-has-more": "true", "x-next-offset": "1" },
          }
        : lastPage([version({ id: "app_2", version: "2.0.0", deployment: "dep_2" })]),
    );
    expect((await runLookup(appLookup, { id: "app_2" }, api.deps)).deploymentId).toBe("dep_2");
    expect(api.sent()).toEqual(["GET /apps?limit=100&offset=0", "GET /apps?limit=100&offset=1"]);
  });

  it("not found: names the app, the version and the project", async () => {
    const api = lookupApi(() => lastPage([]));
    const err = await runLookup(
      appLookup,
      { name: "scraper", version: "9.9.9", project: "prod" },
      api.deps,
    ).catch((e: Error) => e);
    expect(err).toBeInstanceOf(LookupNotFoundError);
    expect((err as Error).message).toBe(
      'getApp: no app with name "scraper" and version "9.9.9" in project "prod"',
    );
    const byId = await runLookup(appLookup, { id: "app_x" }, api.deps).catch((e: Error) => e);
    expect((byId as Error).message).toBe(
      'getApp: no app version with id "app_x" in the default project',
    );
  });

  it("refuses a version with an id", async () => {
    const api = lookupApi(() => lastPage([]));
    await expect(runLookup(appLookup, { id: "app_1", version: "1.0.0" }, api.deps)).rejects.toThrow(
      LookupArgumentError,
    );
    expect(api.requests).toHaveLength(0);
  });
});
