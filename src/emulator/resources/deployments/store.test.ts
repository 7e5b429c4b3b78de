import { DeploymentStore } from "./store";

function fixedStore(apps: Record<string, { app_name: string; version: string }[]> = {}) {
  let t = Date.parse("2026-11-27T00:00:00Z");
  let n = 0;
  return new DeploymentStore({
    now: () => new Date((t += 1000)),
    newId: () => `dep_${++n}`,
    appsOf: (id) => apps[id] ?? [],
  });
}

describe("DeploymentStore", () => {
  it("seeds a running deployment in the default region unless told otherwise", () => {
    const store = fixedStore();
    expect(store.seed({})).toEqual({
      ok: true,
      value: {
        id: "dep_1",
        status: "running",
        region: "aws.us-east-1a",
        created_at: "2026-11-27T00:00:01.000Z",
        updated_at: "2026-11-27T00:00:01.000Z",
        env_vars: {},
      },
    });
    expect(store.seed({ status: "failed", status_reason: "build failed" })).toMatchObject({
      value: { id: "dep_2", status: "failed", status_reason: "build failed" },
    });
  });

  it("refuses a seed with an unknown field or status, naming it", () => {
    const store = fixedStore();
    expect(store.seed({ statuss: "running" })).toMatchObject({ status: 400 });
    expect(store.seed({ status: "done" })).toMatchObject({
      status: 400,
      error: { message: expect.stringMatching(/^status /) },
    });
    expect(store.all()).toEqual([]);
  });

  it("answers env var names with empty values, keeping the values", () => {
    const store = fixedStore();
    store.seed({ env_vars: { TOKEN: "s3cr3t" } });
    expect(store.get("dep_1")).toMatchObject({ value: { env_vars: { TOKEN: "" } } });
    expect(store.all()[0].env_vars).toEqual({ TOKEN: "s3cr3t" });
  });

  it("is found by id only; a missing one is 404 not_found", () => {
    const store = fixedStore();
    store.seed({});
    expect(store.get("dep_1").ok).toBe(true);
    expect(store.get("dep_9")).toMatchObject({ status: 404, error: { code: "not_found" } });
  });

  it("lists by app name and version (the version needs the name) and by query", () => {
    const store = fixedStore({
      dep_1: [{ app_name: "scraper", version: "1" }],
      dep_2: [{ app_name: "scraper", version: "2" }],
      dep_3: [{ app_name: "mailer", version: "1" }],
    });
    for (let i = 0; i < 3; i++) store.seed({});
    const ids = (filter: Record<string, string>) => {
      const result = store.matching(filter);
      return result.ok ? result.value.map((d) => d.id) : result.status;
    };
    expect(ids({ app_name: "scraper" })).toEqual(["dep_1", "dep_2"]);
    expect(ids({ app_name: "scraper", app_version: "2" })).toEqual(["dep_2"]);
    expect(ids({ app_version: "2" })).toBe(400);
    expect(ids({ query: "MAIL" })).toEqual(["dep_3"]);
    expect(ids({ query: "dep_2" })).toEqual(["dep_2"]);
    expect(ids({})).toEqual(["dep_1", "dep_2", "dep_3"]);
  });

  it("drifts any field behind the API's back", () => {
    const store = fixedStore();
    store.seed({});
    expect(store.drift("dep_1", { status: "stopped" })).toMatchObject({
      value: { status: "stopped" },
    });
    expect(store.drift("dep_9", {})).toMatchObject({ status: 404 });
  });
});
