import { AppStore } from "./store";

function fixedStore(deployments: Record<string, Record<string, string>> = { dep_1: {} }) {
  let t = Date.parse("2026-11-27T00:00:00Z");
  let n = 0;
  return new AppStore({
    now: () => new Date((t += 1000)),
    newId: () => `app_${++n}`,
    deploymentEnv: (id) => deployments[id],
  });
}

describe("AppStore", () => {
  it("seeds an app version run by a deployment of the project", () => {
    const store = fixedStore();
    expect(
      store.seed({
        app_name: "scraper",
        version: "1.0.0",
        deployment: "dep_1",
        actions: [{ name: "scrape" }],
      }),
    ).toEqual({
      ok: true,
      value: {
        id: "app_1",
        app_name: "scraper",
        version: "1.0.0",
        deployment: "dep_1",
        region: "aws.us-east-1a",
        actions: [{ name: "scrape" }],
        env_vars: {},
      },
    });
    expect(store.runBy("dep_1").map((a) => a.id)).toEqual(["app_1"]);
  });

  it("refuses a deployment the project does not have, a taken version, a missing field", () => {
    const store = fixedStore();
    expect(store.seed({ app_name: "a", version: "1", deployment: "dep_9" })).toMatchObject({
      status: 400,
      error: { message: expect.stringMatching(/^deployment dep_9/) },
    });
    store.seed({ app_name: "a", version: "1", deployment: "dep_1" });
    expect(store.seed({ app_name: "a", version: "1", deployment: "dep_1" })).toMatchObject({
      status: 409,
      error: { details: [{ message: "app_1" }] },
    });
    expect(store.seed({ app_name: "a", deployment: "dep_1" })).toMatchObject({ status: 400 });
    expect(store.all()).toHaveLength(1);
  });

  it("takes the deployment's env vars unless given; answers their names only", () => {
    const store = fixedStore({ dep_1: { TOKEN: "s3cr3t" } });
    expect(store.seed({ app_name: "a", version: "1", deployment: "dep_1" })).toMatchObject({
      value: { env_vars: { TOKEN: "" } },
    });
    expect(store.all()[0].env_vars).toEqual({ TOKEN: "s3cr3t" });
  });

  it("lists by exact name and version, and by a name substring in any case", () => {
    const store = fixedStore();
    store.seed({ app_name: "scraper", version: "1", deployment: "dep_1" });
    store.seed({ app_name: "scraper", version: "2", deployment: "dep_1" });
    store.seed({ app_name: "Scraper-eu", version: "1", deployment: "dep_1" });
    const ids = (filter: Record<string, string>) => store.matching(filter).map((a) => a.id);
    expect(ids({ app_name: "scraper" })).toEqual(["app_1", "app_2"]);
    expect(ids({ app_name: "scraper", version: "2" })).toEqual(["app_2"]);
    expect(ids({ version: "1" })).toEqual(["app_1", "app_3"]);
    expect(ids({ query: "scraper-" })).toEqual(["app_3"]);
  });
});
