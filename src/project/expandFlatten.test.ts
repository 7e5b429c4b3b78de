import { parseProject, parseProjectLimits } from "./api";
import {
  limitsDelta,
  toCreateLimitsRequest,
  toCreateRequest,
  toLimitsRequest,
  toUpdateRequest,
} from "./expand";
import { toLiveInputs, toOutputs } from "./flatten";

const live = {
  id: "proj_1",
  name: "team-a",
  status: "archived",
  created_at: "2026-12-01T00:00:00Z",
  updated_at: "2026-12-01T00:00:01Z",
};

describe("Project expand", () => {
  it("creates with the name alone; caps above 0 follow on /limits", () => {
    const desired = {
      name: "team-a",
      archived: true,
      limits: { maxConcurrentSessions: 5, maxConcurrentInvocations: 0 },
    };
    expect(toCreateRequest(desired)).toEqual({ name: "team-a" });
    expect(toCreateLimitsRequest(desired)).toEqual({ max_concurrent_sessions: 5 });
    expect(toCreateLimitsRequest({ name: "a" })).toEqual({});
  });

  it("patches the project with exactly the changed fields, archive as status", () => {
    const desired = { name: "team-b", archived: false };
    expect(toUpdateRequest(["name"], {}, desired)).toEqual({ name: "team-b" });
    expect(toUpdateRequest(["archived"], {}, desired)).toEqual({ status: "active" });
    expect(toUpdateRequest(["archived"], {}, { name: "a", archived: true })).toEqual({
      status: "archived",
    });
    expect(toUpdateRequest(["limits"], {}, desired)).toEqual({});
  });

  it("sends a cap that differs, 0 for a managed cap the program dropped, nothing for the server's", () => {
    expect(limitsDelta({ maxConcurrentSessions: 5 }, { maxConcurrentSessions: 5 })).toEqual({});
    expect(limitsDelta({ maxConcurrentSessions: 5 }, { maxConcurrentSessions: 6 })).toEqual({
      maxConcurrentSessions: 6,
    });
    expect(limitsDelta({ maxConcurrentSessions: 5 }, {})).toEqual({ maxConcurrentSessions: 0 });
    expect(limitsDelta({ maxConcurrentSessions: 0 }, undefined)).toEqual({});
    expect(limitsDelta(undefined, undefined)).toEqual({});
    expect(
      toLimitsRequest(
        { limits: { maxConcurrentSessions: 5 } },
        { name: "a", limits: { maxConcurrentInvocations: 2 } },
      ),
    ).toEqual({ max_concurrent_sessions: 0, max_concurrent_invocations: 2 });
  });
});

describe("Project flatten", () => {
  it("records the live project and, of the caps, only those the program manages", () => {
    const withLimits = {
      ...parseProject(live),
      limits: parseProjectLimits({
        max_concurrent_sessions: null,
        max_concurrent_invocations: 3,
        max_pooled_sessions: null,
      }),
    };
    const outputs = toOutputs(withLimits, {
      desired: { name: "team-a", limits: { maxConcurrentSessions: 0 } },
    });
    expect(outputs).toEqual({
      name: "team-a",
      archived: true,
      status: "archived",
      limits: { maxConcurrentSessions: 0 },
      createdAt: "2026-12-01T00:00:00Z",
      updatedAt: "2026-12-01T00:00:01Z",
    });
    // A read keeps the caps recorded; without caps the answer has no limits at all.
    expect(toOutputs(withLimits, { olds: outputs }).limits).toEqual({ maxConcurrentSessions: 0 });
    expect(toOutputs(parseProject(live), {})).not.toHaveProperty("limits");
    expect(toLiveInputs(outputs)).toEqual({
      name: "team-a",
      archived: true,
      limits: { maxConcurrentSessions: 0 },
    });
  });

  it("keeps the values known when the caps were not read", () => {
    const outputs = toOutputs(parseProject(live), {
      desired: { name: "team-a", limits: { maxConcurrentInvocations: 4 } },
    });
    expect(outputs.limits).toEqual({ maxConcurrentInvocations: 4 });
  });

  it("tolerates fields it does not know and keeps a status it does not know", () => {
    const parsed = parseProject({ ...live, status: "suspended", region: "eu" });
    expect(toOutputs(parsed)).toMatchObject({ status: "suspended", archived: false });
    expect(() => parseProject({ id: "x" })).toThrow();
  });
});
