/**
 * `/telemetry/destinations` through HTTP (the OpenAPI document's schemas as the oracle):
 * org-wide, header values redacted in every answer and the log's printout, PATCH of headers key
 * by key, and the refusals while a managed auth connection selects a destination.
 */
import {
  type DestinationStore,
  type Emulator,
  startEmulator,
  validatorFor,
} from "../../src/emulator";
import { caller } from "./resourceClient";

const KEY = "sk_emulator_destinations";
const INGEST_KEY = "hcaik_01hsecretingestkeyvalue";
let emulator: Emulator;
let printed: string[];
const call = caller(() => emulator.url, KEY);

beforeEach(async () => {
  printed = [];
  emulator = await startEmulator({
    apiKey: KEY,
    projects: [{ id: "proj_other", name: "other" }],
    print: (line) => printed.push(line),
  });
});

afterEach(() => emulator.close());

const body = {
  name: "honeycomb",
  endpoint: "https://api.honeycomb.io",
  description: "traces",
  headers: { "x-honeycomb-team": INGEST_KEY },
};

describe("/telemetry/destinations", () => {
  it("creates one destination for the org; answers, controls and the printout redact the values", async () => {
    const created = await call("POST", "/telemetry/destinations", body);
    expect(created.status).toBe(200);
    expect(validatorFor("TelemetryDestination")(created.body)).toEqual([]);
    expect(created.body).toMatchObject({
      name: "honeycomb",
      headers: { "X-Honeycomb-Team": "" },
      consecutive_failures: 0,
      last_export_at: null,
    });
    // Org-wide: the same object from any project.
    const fromOther = await call("GET", "/telemetry/destinations/honeycomb", undefined, {
      project: "other",
    });
    expect(fromOther.body.id).toBe(created.body.id);
    const listed = await call("GET", "/telemetry/destinations");
    expect(
      JSON.stringify([created, fromOther, listed, emulator.objects("telemetry_destinations")]),
    ).not.toContain(INGEST_KEY);
    expect(printed.join("\n")).not.toContain(INGEST_KEY);
    const store = emulator.storeOf<DestinationStore>("telemetryDestinations");
    expect(store.table.byId(created.body.id)?.headers).toEqual({ "X-Honeycomb-Team": INGEST_KEY });
  });

  it("answers 409 naming the existing id for a taken name, and 400 for a bad endpoint", async () => {
    const created = await call("POST", "/telemetry/destinations", body);
    const again = await call("POST", "/telemetry/destinations", body);
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain(created.body.id);
    const signal = await call("POST", "/telemetry/destinations", {
      ...body,
      name: "x",
      endpoint: "https://api.honeycomb.io/v1/traces",
    });
    expect(signal.status).toBe(400);
    expect(
      (await call("POST", "/telemetry/destinations", { ...body, name: "y", extra: 1 })).status,
    ).toBe(400);
  });

  it("patches one header key at a time; null removes a key and the others stay", async () => {
    const created = await call("POST", "/telemetry/destinations", {
      ...body,
      headers: { "X-Honeycomb-Team": "one", "X-Dataset": "web" },
    });
    const patched = await call("PATCH", `/telemetry/destinations/${created.body.id}`, {
      headers: { "X-Honeycomb-Team": "two", "X-Dataset": null },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.headers).toEqual({ "X-Honeycomb-Team": "" });
    const store = emulator.storeOf<DestinationStore>("telemetryDestinations");
    expect(store.table.byId(created.body.id)?.headers).toEqual({ "X-Honeycomb-Team": "two" });
  });

  it("refuses to delete a destination a connection selects, and deletes it once free", async () => {
    const created = await call("POST", "/telemetry/destinations", body);
    const connection = await call(
      "POST",
      "/auth/connections",
      {
        profile_name: "p",
        domain: "example.com",
        browser: { telemetry: { export: { otlp: { destination: { name: "honeycomb" } } } } },
      },
      { project: "other" },
    );
    expect(connection.status).toBe(200);
    const refused = await call("DELETE", "/telemetry/destinations/honeycomb");
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain(connection.body.id);
    expect(
      (await call("PATCH", "/telemetry/destinations/honeycomb", { name: "renamed" })).status,
    ).toBe(409);
    await call("DELETE", `/auth/connections/${connection.body.id}`, undefined, {
      project: "other",
    });
    expect((await call("DELETE", `/telemetry/destinations/${created.body.id}`)).status).toBe(204);
    expect((await call("GET", `/telemetry/destinations/${created.body.id}`)).body.code).toBe(
      "not_found",
    );
  });

  it("drifts through the controls, header values still redacted", async () => {
    const created = await call("POST", "/telemetry/destinations", body);
    const drifted = emulator.drift(
      created.body.id,
      { endpoint: "https://api.eu1.honeycomb.io", headers: { "X-Other": "v" } },
      "telemetry_destinations",
    );
    expect(drifted).toMatchObject({ headers: { "X-Other": "" } });
    expect((await call("GET", "/telemetry/destinations/honeycomb")).body.endpoint).toBe(
      "https://api.eu1.honeycomb.io",
    );
  });
});
