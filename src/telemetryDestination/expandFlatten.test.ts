import { parseTelemetryDestination } from "./api";
import { headersDelta, toCreateRequest, toUpdateRequest } from "./expand";
import { toLiveInputs, toOutputs } from "./flatten";

const live = parseTelemetryDestination({
  id: "otlp_1",
  name: "honeycomb",
  endpoint: "https://api.honeycomb.io",
  description: null,
  headers: { "X-Honeycomb-Team": "", "X-Dataset": "" },
  consecutive_failures: 2,
  last_error: "timeout",
  last_error_at: "2026-12-01T00:00:02Z",
  last_export_at: null,
  created_at: "2026-12-01T00:00:00Z",
  updated_at: "2026-12-01T00:00:01Z",
  region: "unknown-field",
});

describe("TelemetryDestination expand", () => {
  it("creates with every field the program set", () => {
    expect(
      toCreateRequest({
        name: "hc",
        endpoint: "https://api.honeycomb.io",
        description: "d",
        headers: { "X-A": "1" },
      }),
    ).toEqual({
      name: "hc",
      endpoint: "https://api.honeycomb.io",
      description: "d",
      headers: { "X-A": "1" },
    });
    expect(toCreateRequest({ name: "hc", endpoint: "https://a.io", headers: {} })).toEqual({
      name: "hc",
      endpoint: "https://a.io",
    });
  });

  it("patches one header key per changed value, null for a removed key, the rest untouched", () => {
    const olds = { headers: { "X-A": "1", "X-B": "2" }, headerNames: ["X-A", "X-B"] };
    expect(headersDelta(olds, { "X-A": "1", "X-B": "3" })).toEqual({ "X-B": "3" });
    expect(headersDelta(olds, { "X-A": "1" })).toEqual({ "X-B": null });
    expect(headersDelta(olds, undefined)).toEqual({ "X-A": null, "X-B": null });
    // A key gone live (drift) is sent again; a key with no recorded value (a take-over) too.
    expect(headersDelta({ ...olds, headerNames: ["X-B"] }, olds.headers)).toEqual({ "X-A": "1" });
    expect(headersDelta({ headerNames: ["X-A"] }, { "X-A": "1" })).toEqual({ "X-A": "1" });
  });

  it("patches exactly the changed fields; a removed description is cleared with an empty string", () => {
    const desired = { name: "hc2", endpoint: "https://b.io", headers: { "X-A": "9" } };
    const olds = { headers: { "X-A": "1" }, headerNames: ["X-A"] };
    expect(toUpdateRequest(["name", "description", "headers"], olds, desired)).toEqual({
      name: "hc2",
      description: "",
      headers: { "X-A": "9" },
    });
    expect(toUpdateRequest(["endpoint"], olds, desired)).toEqual({ endpoint: "https://b.io" });
  });
});

describe("TelemetryDestination flatten", () => {
  it("records the header values just applied and the live names and delivery health", () => {
    const outputs = toOutputs(live, {
      desired: {
        name: "honeycomb",
        endpoint: "https://api.honeycomb.io",
        headers: { "X-Honeycomb-Team": "k", "X-Dataset": "web" },
      },
    });
    expect(outputs).toEqual({
      name: "honeycomb",
      endpoint: "https://api.honeycomb.io",
      headers: { "X-Honeycomb-Team": "k", "X-Dataset": "web" },
      headerNames: ["X-Dataset", "X-Honeycomb-Team"],
      consecutiveFailures: 2,
      lastError: "timeout",
      lastErrorAt: "2026-12-01T00:00:02Z",
      createdAt: "2026-12-01T00:00:00Z",
      updatedAt: "2026-12-01T00:00:01Z",
    });
    // A read keeps the record; a take-over (no context) records none.
    expect(toOutputs(live, { olds: outputs }).headers).toEqual(outputs.headers);
    expect(toOutputs(live)).not.toHaveProperty("headers");
  });

  it("shows live headers with no recorded value as empty strings in the live inputs", () => {
    const outputs = toOutputs(live, { olds: { headers: { "X-Dataset": "web" } } });
    expect(toLiveInputs(outputs)).toEqual({
      name: "honeycomb",
      endpoint: "https://api.honeycomb.io",
      headers: { "X-Dataset": "web", "X-Honeycomb-Team": "" },
    });
  });

  it("refuses an answer that is not a destination", () => {
    expect(() => parseTelemetryDestination({ id: "otlp_1", name: "x" })).toThrow();
  });
});
