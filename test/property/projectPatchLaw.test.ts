/**
 * The patch law (docs/behaviour.md) for Project, with the emulator's store applying the
 * requests: an implementation of the API's PATCH semantics written apart from the planner.
 * After the requests a plan sends (the project's PATCH, the caps' PATCH), the store holds
 * exactly the desired project, the caps the program never set untouched, and planning again
 * from its answers sends nothing.
 */
import fc from "fast-check";
import { DEFAULT_PROJECT, Projects } from "../../src/emulator/projects";
import { ProjectStore } from "../../src/emulator/resources/projects/store";
import { parseProject, parseProjectLimits } from "../../src/project/api";
import {
  toCreateLimitsRequest,
  toCreateRequest,
  toLimitsRequest,
  toUpdateRequest,
} from "../../src/project/expand";
import { toOutputs } from "../../src/project/flatten";
import { planChanges } from "../../src/project/patch";
import { checkInputs } from "../../src/project/schema";
import type { ProjectInputs, ProjectOutputs } from "../../src/project/types";
import { checked, opt, stored } from "../support/laws";

const cap = opt(fc.constantFrom(0, 1, 5, 20));
const projectRaw = fc.record({
  name: fc.constantFrom("team-a", "team-b"),
  archived: opt(fc.boolean()),
  limits: opt(
    fc.record({ maxConcurrentSessions: cap, maxConcurrentInvocations: cap }, { requiredKeys: [] }),
  ),
});

/** What `up` sends to take `olds` to `desired`: the project's PATCH, then the caps' PATCH. */
function applyProject(store: ProjectStore, olds: ProjectOutputs, desired: ProjectInputs) {
  const plan = planChanges(olds, desired as unknown as Record<string, unknown>);
  const body = toUpdateRequest(plan.changed, olds, desired);
  const project = Object.keys(body).length
    ? stored(store.update("proj_1", body))
    : stored(store.get("proj_1"));
  const caps = plan.changed.includes("limits")
    ? stored(store.updateLimits("proj_1", toLimitsRequest(olds, desired)))
    : stored(store.limits("proj_1"));
  return toOutputs({ ...parseProject(project), limits: parseProjectLimits(caps) }, { desired });
}

describe("Project: the law against the emulator's store", () => {
  it("takes any applied project, drifted, to any desired one; unmanaged caps stay the server's", () => {
    fc.assert(
      fc.property(
        projectRaw,
        projectRaw,
        opt(
          fc.record({ status: fc.constantFrom("active", "archived"), cap: fc.constantFrom(0, 7) }),
        ),
        (l, d, drift) => {
          const projects = new Projects(DEFAULT_PROJECT);
          const store = new ProjectStore({ projects, objectsIn: () => 0, newId: () => "proj_1" });
          const before = checked<ProjectInputs>(checkInputs, l);
          stored(store.create(toCreateRequest(before)));
          // Create: the POST, then what the program sets beyond the name.
          if (before.archived) stored(store.update("proj_1", { status: "archived" }));
          const createCaps = toCreateLimitsRequest(before);
          if (Object.keys(createCaps).length) stored(store.updateLimits("proj_1", createCaps));
          const read = () =>
            toOutputs(
              {
                ...parseProject(stored(store.get("proj_1"))),
                limits: parseProjectLimits(stored(store.limits("proj_1"))),
              },
              { olds },
            );
          let olds = toOutputs(
            {
              ...parseProject(stored(store.get("proj_1"))),
              limits: parseProjectLimits(stored(store.limits("proj_1"))),
            },
            { desired: before },
          );
          expect(planChanges(olds, before as never).changed).toEqual([]);
          if (drift) {
            store.drift("proj_1", {
              status: drift.status,
              max_concurrent_invocations: drift.cap === 0 ? null : drift.cap,
            });
            olds = read();
          }
          const serverInvocations = stored(store.limits("proj_1")).max_concurrent_invocations;
          const desired = checked<ProjectInputs>(checkInputs, d);
          const after = applyProject(store, olds, desired);

          const live = stored(store.get("proj_1"));
          const liveCaps = stored(store.limits("proj_1"));
          expect(live.name).toBe(desired.name);
          expect(live.status).toBe(desired.archived ? "archived" : "active");
          const want = desired.limits ?? {};
          if (want.maxConcurrentSessions !== undefined) {
            expect(liveCaps.max_concurrent_sessions ?? 0).toBe(want.maxConcurrentSessions);
          } else if (olds.limits?.maxConcurrentSessions !== undefined) {
            // Managed before, dropped now: removed.
            expect(liveCaps.max_concurrent_sessions).toBeNull();
          }
          if (want.maxConcurrentInvocations !== undefined) {
            expect(liveCaps.max_concurrent_invocations ?? 0).toBe(want.maxConcurrentInvocations);
          } else if (olds.limits?.maxConcurrentInvocations === undefined) {
            // Never managed: the server's value stands.
            expect(liveCaps.max_concurrent_invocations).toBe(serverInvocations);
          }
          expect(planChanges(after, desired as never).changed).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
