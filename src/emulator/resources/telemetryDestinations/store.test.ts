import { canonicalHeaderName, type DestinationSelection, DestinationStore } from "./store";

const INGEST_KEY = "hcaik_01hsecretingestkey";

function fixture(selections: DestinationSelection[] = []) {
  let t = Date.parse("2026-12-01T00:00:00Z");
  let n = 0;
  const store = new DestinationStore({
    now: () => new Date((t += 1000)),
    newId: () => `otlp_${++n}`,
    selections: () => selections,
  });
  return store;
}

const body = {
  name: "honeycomb",
  endpoint: "https://api.honeycomb.io",
  headers: { "x-honeycomb-team": INGEST_KEY },
};

describe("DestinationStore", () => {
  it("keeps header values under canonical names and answers them redacted", () => {
    const store = fixture();
    const created = store.create(body);
    expect(created).toEqual({
      ok: true,
      value: {
        id: "otlp_1",
        name: "honeycomb",
        endpoint: "https://api.honeycomb.io",
        description: null,
        headers: { "X-Honeycomb-Team": "" },
        consecutive_failures: 0,
        last_error: null,
        last_error_at: null,
        last_export_at: null,
        created_at: "2026-12-01T00:00:01.000Z",
        updated_at: "2026-12-01T00:00:01.000Z",
      },
    });
    expect(store.table.byId("otlp_1")?.headers).toEqual({ "X-Honeycomb-Team": INGEST_KEY });
    expect(JSON.stringify(store.get("honeycomb"))).not.toContain(INGEST_KEY);
  });

  it("answers 409 with the existing id for a name taken in the org", () => {
    const store = fixture();
    store.create(body);
    expect(store.create({ ...body, endpoint: "https://other.example.com" })).toMatchObject({
      status: 409,
      error: { details: [{ code: "existing_id", message: "otlp_1" }] },
    });
    store.create({ ...body, name: "grafana" });
    expect(store.update("grafana", { name: "honeycomb" })).toMatchObject({ status: 409 });
  });

  it("refuses endpoints with a signal path, a query, another scheme or a private address", () => {
    const store = fixture();
    for (const endpoint of [
      "https://api.honeycomb.io/v1/logs",
      "https://api.honeycomb.io/v1/traces/",
      "https://api.honeycomb.io?dataset=x",
      "https://api.honeycomb.io#top",
      "ftp://api.honeycomb.io",
      "http://127.0.0.1:4318",
      "http://localhost:4318",
      "http://10.1.2.3",
      "not a url",
    ]) {
      expect(store.create({ ...body, endpoint })).toMatchObject({
        status: 400,
        error: { details: [{ message: expect.stringMatching(/^endpoint /) }] },
      });
    }
    expect(
      store.create({ ...body, endpoint: "https://otlp-gateway.grafana.net/otlp" }),
    ).toMatchObject({ ok: true });
  });

  it("refuses two spellings of one header, bad names and values, and too many bytes, never echoing a value", () => {
    const store = fixture();
    const refusals: Record<string, string>[] = [
      { Authorization: "a", authorization: "b" },
      { "bad name": "x" },
      { "X-Key": `line\r\nbreak-${INGEST_KEY}` },
      { "X-Big": "v".repeat(8200) },
    ];
    for (const headers of refusals) {
      const result = store.create({ ...body, headers });
      expect(result).toMatchObject({ status: 400 });
      expect(JSON.stringify(result)).not.toContain(INGEST_KEY);
    }
    expect(store.create({ ...body, name: "otlp_abc" })).toMatchObject({ status: 400 });
  });

  it("edits headers key by key: a string adds or replaces (any letter case), null removes, others stay", () => {
    const store = fixture();
    store.create({ ...body, headers: { "X-Honeycomb-Team": "one", "X-Dataset": "web" } });
    const updated = store.update("honeycomb", {
      headers: { "x-honeycomb-team": "two", "X-Dataset": null, "X-Env": "prod" },
    });
    expect(updated).toMatchObject({ value: { headers: { "X-Honeycomb-Team": "", "X-Env": "" } } });
    expect(store.table.byId("otlp_1")?.headers).toEqual({
      "X-Honeycomb-Team": "two",
      "X-Env": "prod",
    });
    // A refused edit changes nothing.
    expect(store.update("otlp_1", { name: "renamed", headers: { "bad name": "x" } })).toMatchObject(
      {
        status: 400,
      },
    );
    expect(store.get("otlp_1")).toMatchObject({ value: { name: "honeycomb" } });
  });

  it("updates name, endpoint and description in place", () => {
    const store = fixture();
    store.create(body);
    expect(
      store.update("otlp_1", {
        name: "hc",
        endpoint: "https://api.eu1.honeycomb.io",
        description: "EU",
      }),
    ).toMatchObject({
      value: { name: "hc", endpoint: "https://api.eu1.honeycomb.io", description: "EU" },
    });
    expect(store.update("otlp_1", { description: "" })).toMatchObject({
      value: { description: null },
    });
  });

  it("refuses a delete while a connection selects it, and a rename while one selects it by name", () => {
    const selections: DestinationSelection[] = [];
    const store = fixture(selections);
    store.create(body);
    selections.push({ connection: "ma_1", destination: { name: "honeycomb" } });
    expect(store.remove("otlp_1")).toMatchObject({ status: 409, error: { message: /ma_1/ } });
    expect(store.update("otlp_1", { name: "renamed" })).toMatchObject({ status: 409 });
    expect(store.update("otlp_1", { headers: { "X-Honeycomb-Team": "rotated" } })).toMatchObject({
      ok: true,
    });
    selections.splice(0, 1, { connection: "ma_1", destination: { id: "otlp_1" } });
    expect(store.update("otlp_1", { name: "renamed" })).toMatchObject({ ok: true });
    expect(store.remove("renamed")).toMatchObject({ status: 409 });
    selections.splice(0);
    expect(store.remove("renamed")).toMatchObject({ ok: true });
    expect(store.get("otlp_1")).toMatchObject({ status: 404, error: { code: "not_found" } });
  });

  it("lists by exact name and by name or endpoint substring", () => {
    const store = fixture();
    store.create(body);
    store.create({ ...body, name: "grafana", endpoint: "https://otlp.grafana.net/otlp" });
    const names = (f: { name?: string; query?: string }) => store.matching(f).map((d) => d.name);
    expect(names({ name: "grafana" })).toEqual(["grafana"]);
    expect(names({ query: "HONEY" })).toEqual(["honeycomb"]);
    expect(names({ query: "grafana.net" })).toEqual(["grafana"]);
    expect(names({ query: "otlp_1" })).toEqual(["honeycomb"]);
  });

  it("drifts any field behind the API's back; headers are replaced whole", () => {
    const store = fixture();
    store.create(body);
    expect(
      store.drift("otlp_1", { headers: { "X-Other": "v" }, consecutive_failures: 3 }),
    ).toMatchObject({ value: { headers: { "X-Other": "" }, consecutive_failures: 3 } });
    expect(store.drift("otlp_1", { headers: null })).toMatchObject({ value: { headers: {} } });
  });

  it("writes header names as Go's net/http does", () => {
    expect(canonicalHeaderName("x-honeycomb-team")).toBe("X-Honeycomb-Team");
    expect(canonicalHeaderName("AUTHORIZATION")).toBe("Authorization");
    expect(canonicalHeaderName("dd-api-key")).toBe("Dd-Api-Key");
  });
});
