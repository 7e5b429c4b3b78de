import { UNKNOWN } from "../dynamic/engineKeys";
import { canonicalHeaderName, checkInputs } from "./schema";

const SECRET = "hcaik_01hsecretingestkey";
const base = { name: "honeycomb", endpoint: "https://api.honeycomb.io" };

describe("TelemetryDestination check", () => {
  it("writes header names canonically and an empty description as unset", () => {
    expect(
      checkInputs({
        __provider: "p",
        ...base,
        description: "",
        headers: { "x-honeycomb-team": SECRET, "X-DATASET": "web" },
      }),
    ).toEqual({
      inputs: { ...base, headers: { "X-Honeycomb-Team": SECRET, "X-Dataset": "web" } },
      failures: [],
    });
  });

  it("refuses endpoints with a signal path, a query, a fragment or another scheme, before any request", () => {
    for (const endpoint of [
      "https://api.honeycomb.io/v1/logs",
      "https://otlp.example.com/otlp/v1/metrics/",
      "https://api.honeycomb.io?dataset=x",
      "https://api.honeycomb.io#x",
      "grpc://api.honeycomb.io",
      "api.honeycomb.io",
    ]) {
      expect(checkInputs({ ...base, endpoint }).failures).toEqual([
        { property: "endpoint", reason: expect.stringMatching(/base http\(s\) URL/) },
      ]);
    }
    expect(
      checkInputs({ ...base, endpoint: "https://otlp-gateway.grafana.net/otlp" }).failures,
    ).toEqual([]);
  });

  it("refuses bad header names, values and totals without ever echoing a value", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ "bad name": SECRET }, 'headers["bad name"]'],
      [{ "X-Key": `${SECRET}\r\nInjected: 1` }, 'headers["X-Key"]'],
      [{ "X-Key": 42 }, 'headers["X-Key"]'],
      [{ Authorization: SECRET, authorization: SECRET }, "headers.authorization"],
      [{ "X-Big": SECRET.repeat(400) }, "headers"],
    ];
    for (const [headers, property] of cases) {
      const result = checkInputs({ ...base, headers });
      expect(result.failures).toEqual([expect.objectContaining({ property })]);
      expect(JSON.stringify(result.failures)).not.toContain(SECRET);
    }
    expect(checkInputs({ ...base, headers: "x" }).failures[0]).toMatchObject({
      property: "headers",
      reason: expect.stringMatching(/map of HTTP header names/),
    });
  });

  it("refuses names that would flap or cannot be addressed, and unknown inputs", () => {
    for (const name of ["", " x", "x ", ".", ".."]) {
      expect(checkInputs({ ...base, name }).failures[0]).toMatchObject({ property: "name" });
    }
    expect(checkInputs({ ...base, header: {} }).failures[0]).toMatchObject({
      property: "header",
      reason: expect.stringMatching(/did you mean headers\?/),
    });
  });

  it("passes the unknown sentinel through, as the map or as a value", () => {
    expect(checkInputs({ ...base, headers: UNKNOWN }).failures).toEqual([]);
    expect(checkInputs({ name: UNKNOWN, endpoint: UNKNOWN, headers: { "x-a": UNKNOWN } })).toEqual({
      inputs: { name: UNKNOWN, endpoint: UNKNOWN, headers: { "X-A": UNKNOWN } },
      failures: [],
    });
  });

  it("writes names as Go's net/http does, and leaves a non-token alone", () => {
    expect(canonicalHeaderName("dd-api-key")).toBe("Dd-Api-Key");
    expect(canonicalHeaderName("AUTHORIZATION")).toBe("Authorization");
    expect(canonicalHeaderName("bad name")).toBe("bad name");
  });
});
