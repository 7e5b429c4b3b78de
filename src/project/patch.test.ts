import fc from "fast-check";
import { UNKNOWN } from "../dynamic/engineKeys";
import { parseProject } from "./api";
import { toOutputs } from "./flatten";
import { matchesPost, planChanges } from "./patch";
import type { ProjectInputs } from "./types";

const olds = {
  name: "team-a",
  archived: false,
  status: "active",
  limits: { maxConcurrentSessions: 5 },
};

describe("Project planner", () => {
  it("never replaces; changes each field in place", () => {
    expect(planChanges(olds, { name: "team-a", limits: { maxConcurrentSessions: 5 } })).toEqual({
      replaces: [],
      deleteBeforeReplace: false,
      changed: [],
    });
    expect(
      planChanges(olds, {
        name: "team-b",
        archived: true,
        limits: { maxConcurrentSessions: 6 },
      }).changed,
    ).toEqual(["name", "archived", "limits"]);
  });

  it("takes archived unset as false, and a managed cap dropped as a change (to 0)", () => {
    expect(
      planChanges(olds, { name: "team-a", archived: false, limits: olds.limits }).changed,
    ).toEqual([]);
    expect(
      planChanges({ ...olds, archived: true }, { name: "team-a", limits: olds.limits }).changed,
    ).toEqual(["archived"]);
    expect(planChanges(olds, { name: "team-a" }).changed).toEqual(["limits"]);
  });

  it("is quiet about caps the program never set, whatever the server holds", () => {
    const unmanaged = { name: "team-a", archived: false, status: "active" };
    expect(planChanges(unmanaged, { name: "team-a" }).changed).toEqual([]);
    expect(planChanges(unmanaged, { name: "team-a", limits: {} }).changed).toEqual([]);
  });

  it("counts an unknown as a change", () => {
    expect(
      planChanges(olds, {
        name: UNKNOWN,
        archived: UNKNOWN,
        limits: { maxConcurrentSessions: UNKNOWN },
      }).changed,
    ).toEqual(["name", "archived", "limits"]);
  });

  it("plans nothing from the outputs of the inputs themselves (any inputs)", () => {
    const limit = fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined });
    const inputs = fc.record(
      {
        name: fc.string({ minLength: 1 }),
        archived: fc.option(fc.boolean(), { nil: undefined }),
        limits: fc.option(
          fc.record(
            { maxConcurrentSessions: limit, maxConcurrentInvocations: limit },
            { requiredKeys: [] },
          ),
          { nil: undefined },
        ),
      },
      { requiredKeys: ["name"] },
    );
    fc.assert(
      fc.property(inputs, (desired: ProjectInputs) => {
        const live = parseProject({
          id: "proj_1",
          name: desired.name,
          status: desired.archived ? "archived" : "active",
        });
        const outputs = toOutputs(live, { desired });
        return (
          planChanges(outputs, desired as unknown as Record<string, unknown>).changed.length === 0
        );
      }),
    );
  });

  it("matches a found project to a lost POST by its name, when it is active", () => {
    const live = parseProject({ id: "proj_1", name: "team-a", status: "active" });
    expect(matchesPost(live, { name: "team-a", archived: true })).toBe(true);
    expect(matchesPost({ ...live, status: "archived" }, { name: "team-a" })).toBe(false);
    expect(matchesPost(live, { name: "team-b" })).toBe(false);
  });
});
