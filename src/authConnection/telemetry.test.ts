import type { ManagedAuth } from "./api";
import { toCreateRequest, toUpdateRequest } from "./expand";
import { liveTelemetryDestination, toLiveInputs, toOutputs } from "./flatten";
import { planChanges } from "./patch";
import { checkInputs } from "./schema";
import type { AuthConnectionInputs } from "./types";

const base: AuthConnectionInputs = { profileName: "team", domain: "example.com" };

const withExport = (destination: Record<string, string> | null, enabled?: boolean): ManagedAuth =>
  ({
    id: "ma_1",
    profile_name: "team",
    domain: "example.com",
    browser: {
      telemetry: { enabled: true, export: { otlp: { destination, enabled } } },
    },
  }) as unknown as ManagedAuth;

describe("telemetryDestination", () => {
  it("is sent as capture on with the destination, and removed as the export switched off", () => {
    expect(toCreateRequest({ ...base, telemetryDestination: { id: "d1" } }).browser).toEqual({
      telemetry: { enabled: true, export: { otlp: { destination: { id: "d1" } } } },
    });
    expect(
      toUpdateRequest(["stealth", "telemetryDestination"], {
        ...base,
        stealth: false,
        telemetryDestination: { name: "otel" },
      }),
    ).toEqual({
      browser: {
        stealth: false,
        telemetry: { enabled: true, export: { otlp: { destination: { name: "otel" } } } },
      },
    });
    expect(toUpdateRequest(["telemetryDestination"], base)).toEqual({
      browser: { telemetry: { export: { otlp: { enabled: false } } } },
    });
  });

  it("reads the live destination in the program's form when the answer allows it", () => {
    const both = withExport({ id: "d1", name: "otel" });
    expect(liveTelemetryDestination(both, { name: "otel" })).toEqual({ name: "otel" });
    expect(liveTelemetryDestination(both, { id: "d1" })).toEqual({ id: "d1" });
    expect(liveTelemetryDestination(both, undefined)).toEqual({ id: "d1" });
    // Renamed live: the id shows, so the name differs from the program's and is re-sent.
    expect(
      liveTelemetryDestination(withExport({ id: "d1", name: "new" }), { name: "otel" }),
    ).toEqual({ id: "d1" });
    expect(liveTelemetryDestination(withExport({ name: "otel" }), undefined)).toEqual({
      name: "otel",
    });
    expect(liveTelemetryDestination(withExport({ id: "d1" }, false), { id: "d1" })).toBeUndefined();
    expect(liveTelemetryDestination(withExport(null), undefined)).toBeUndefined();
  });

  it("plans no change when live is as desired, a PATCH when it is not, and shows it as input", () => {
    const state = toOutputs(withExport({ id: "d1", name: "otel" }), {
      telemetryDestination: { name: "otel" },
    });
    expect(toLiveInputs(state).telemetryDestination).toEqual({ name: "otel" });
    const same = { ...base, telemetryDestination: { name: "otel" } };
    expect(planChanges(state, same as unknown as Record<string, unknown>).changed).toEqual([]);
    const other = { ...base, telemetryDestination: { name: "other" } };
    expect(planChanges(state, other as unknown as Record<string, unknown>).changed).toEqual([
      "telemetryDestination",
    ]);
    expect(planChanges(state, base as unknown as Record<string, unknown>).changed).toEqual([
      "telemetryDestination",
    ]);
  });

  it("check takes exactly one of id and name", () => {
    const failures = (value: unknown) =>
      checkInputs({ ...base, telemetryDestination: value }).failures.map((f) => f.property);
    expect(failures({ id: "d1" })).toEqual([]);
    expect(failures({ name: "otel" })).toEqual([]);
    for (const bad of [{}, { id: "d1", name: "otel" }, { id: "" }, { url: "x" }, "otel"]) {
      expect(failures(bad)[0]).toMatch(/^telemetryDestination/);
    }
  });
});
