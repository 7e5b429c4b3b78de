import { UNKNOWN } from "../dynamic/engineKeys";
import { checkInputs } from "./schema";

describe("Project check", () => {
  it("accepts a name, the archive flag and caps, dropping what is unset", () => {
    expect(
      checkInputs({
        __provider: "p",
        name: "team-a",
        archived: true,
        limits: { maxConcurrentSessions: 5, maxConcurrentInvocations: undefined },
      }),
    ).toEqual({
      inputs: { name: "team-a", archived: true, limits: { maxConcurrentSessions: 5 } },
      failures: [],
    });
    expect(checkInputs({ name: "é".repeat(255) }).failures).toEqual([]);
    // archived: false is the same intent as unset.
    expect(checkInputs({ name: "a", archived: false }).inputs).toEqual({ name: "a" });
  });

  it("refuses names the API refuses or a URL path cannot carry, saying why", () => {
    for (const name of ["", "a/b", "100%", " lead", "trail ", "..", "x".repeat(256), "a\nb", 7]) {
      const { failures } = checkInputs({ name });
      expect(failures).toEqual([
        { property: "name", reason: expect.stringMatching(/must be a project name of 1 to 255/) },
      ]);
    }
    expect(checkInputs({}).failures).toEqual([
      {
        property: "name",
        reason: expect.stringMatching(/^is required and must be a project name/),
      },
    ]);
  });

  it("refuses caps that are not whole numbers from 0, and names a mistyped cap", () => {
    expect(checkInputs({ name: "a", limits: { maxConcurrentSessions: -1 } }).failures).toEqual([
      {
        property: "limits.maxConcurrentSessions",
        reason: expect.stringMatching(/at least 0 \(0 means no project-level cap\); received/),
      },
    ]);
    expect(checkInputs({ name: "a", limits: { maxConcurrentSession: 2 } }).failures).toEqual([
      {
        property: "limits.maxConcurrentSession",
        reason: expect.stringMatching(/did you mean maxConcurrentSessions\?/),
      },
    ]);
    expect(checkInputs({ name: "a", limits: 3 }).failures[0]).toMatchObject({
      property: "limits",
    });
    expect(checkInputs({ name: "a", archived: "yes" }).failures[0]).toMatchObject({
      property: "archived",
    });
    expect(checkInputs({ name: "a", status: "archived" }).failures[0]).toMatchObject({
      property: "status",
      reason: expect.stringMatching(/not a known input/),
    });
  });

  it("passes the unknown sentinel through at any depth", () => {
    const news = {
      name: UNKNOWN,
      archived: UNKNOWN,
      limits: { maxConcurrentSessions: UNKNOWN },
    };
    expect(checkInputs(news)).toEqual({ inputs: news, failures: [] });
    expect(checkInputs({ name: "a", limits: UNKNOWN }).failures).toEqual([]);
  });
});
