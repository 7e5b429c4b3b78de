import fc from "fast-check";
import { UNKNOWN } from "../dynamic/engineKeys";
import { parseTelemetryDestination } from "./api";
import { toOutputs } from "./flatten";
import { matchesPost, planChanges } from "./patch";
import type { TelemetryDestinationInputs } from "./types";

const olds = {
  name: "hc",
  endpoint: "https://api.honeycomb.io",
  headers: { "X-A": "1" },
  headerNames: ["X-A"],
  consecutiveFailures: 0,
};
const same = { name: "hc", endpoint: "https://api.honeycomb.io", headers: { "X-A": "1" } };

describe("TelemetryDestination planner", () => {
  it("never replaces; changes each field in place", () => {
    expect(planChanges(olds, same)).toEqual({
      replaces: [],
      deleteBeforeReplace: false,
      changed: [],
    });
    expect(
      planChanges(olds, {
        name: "hc2",
        endpoint: "https://b.io",
        description: "d",
        headers: { "X-A": "2" },
      }).changed,
    ).toEqual(["name", "endpoint", "description", "headers"]);
  });

  it("ignores delivery health and compares headers by key and recorded value", () => {
    expect(planChanges({ ...olds, consecutiveFailures: 9, lastError: "x" }, same).changed).toEqual(
      [],
    );
    expect(planChanges({ ...olds, headerNames: ["X-A", "X-B"] }, same).changed).toEqual([
      "headers",
    ]);
    expect(planChanges({ ...olds, headers: undefined }, same).changed).toEqual(["headers"]);
  });

  it("counts an unknown as a change", () => {
    expect(
      planChanges(olds, { name: UNKNOWN, endpoint: UNKNOWN, headers: { "X-A": UNKNOWN } }).changed,
    ).toEqual(["name", "endpoint", "headers"]);
  });

  it("plans nothing from the outputs of the inputs themselves (any inputs)", () => {
    const inputs = fc.record(
      {
        name: fc.string({ minLength: 1 }),
        endpoint: fc.webUrl(),
        description: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
        headers: fc.option(fc.dictionary(fc.stringMatching(/^[A-Z][a-z]{0,8}$/), fc.string()), {
          nil: undefined,
        }),
      },
      { requiredKeys: ["name", "endpoint"] },
    );
    fc.assert(
      fc.property(inputs, (desired: TelemetryDestinationInputs) => {
        const live = parseTelemetryDestination({
          id: "otlp_1",
          name: desired.name,
          endpoint: desired.endpoint,
          description: desired.description ?? null,
          headers: Object.fromEntries(Object.keys(desired.headers ?? {}).map((k) => [k, ""])),
          consecutive_failures: 0,
        });
        const outputs = toOutputs(live, { desired });
        return (
          planChanges(outputs, desired as unknown as Record<string, unknown>).changed.length === 0
        );
      }),
    );
  });

  it("matches a found destination to a lost POST by its fields and header names", () => {
    const live = parseTelemetryDestination({
      id: "otlp_1",
      ...same,
      headers: { "X-A": "" },
      consecutive_failures: 0,
    });
    expect(matchesPost(live, same)).toBe(true);
    expect(matchesPost(live, { ...same, headers: { "X-B": "1" } })).toBe(false);
    expect(matchesPost(live, { ...same, endpoint: "https://other.io" })).toBe(false);
    expect(matchesPost(live, { ...same, description: "d" })).toBe(false);
  });
});
