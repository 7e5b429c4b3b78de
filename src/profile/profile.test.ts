import { UNKNOWN } from "../dynamic/engineKeys";
import { parseProfile } from "./api";
import { toCreateRequest } from "./expand";
import { toOutputs } from "./flatten";
import { planChanges } from "./patch";
import { checkResourceInputs } from "../dynamic/owned";
import { liveInputsOf } from "../dynamic/spec";
import { hasChanges } from "../dynamic/plan";
import { patchBodyOf } from "../../test/support/planUpdate";
import { profileSpec } from "./spec";

/** check as the provider runs it: the core owns `project` and `adopt`. */
const checkInputs = (news: Record<string, unknown>) => checkResourceInputs(profileSpec, news);

const planProfilePatch = patchBodyOf(profileSpec);

describe("checkInputs", () => {
  it("accepts a name, project and adopt, drops __provider and adopt: false", () => {
    expect(checkInputs({ name: "team", project: "prod", adopt: false, __provider: "x" })).toEqual({
      inputs: { name: "team", project: "prod" },
      failures: [],
    });
    expect(checkInputs({ name: UNKNOWN, adopt: UNKNOWN }).inputs).toEqual({
      name: UNKNOWN,
      adopt: UNKNOWN,
    });
  });

  it("refuses a missing or padded name, a bad adopt, and suggests names for unknown keys", () => {
    expect(checkInputs({}).failures).toEqual([
      { property: "name", reason: expect.stringMatching(/^is required and must be a non-empty/) },
    ]);
    expect(checkInputs({ name: " team " }).failures).toEqual([
      { property: "name", reason: expect.stringContaining('received a string " team "') },
    ]);
    expect(checkInputs({ name: "t", adopt: "yes" }).failures).toEqual([
      { property: "adopt", reason: 'must be true or false; received a string "yes"' },
    ]);
    expect(checkInputs({ name: "t", Name: "x", projct: "p" }).failures).toEqual([
      { property: "Name", reason: expect.stringContaining("did you mean name?") },
      { property: "projct", reason: expect.stringContaining("did you mean project?") },
    ]);
  });
});

describe("Profile expand and flatten", () => {
  const live = parseProfile({
    id: "pf_1",
    name: "team",
    created_at: "2026-11-01T00:00:00Z",
    updated_at: "2026-11-02T00:00:00Z",
    last_used_at: "2026-11-03T00:00:00Z",
    new_field: [1],
  });

  it("POSTs the name", () => {
    expect(toCreateRequest({ name: "team" })).toEqual({ name: "team" });
  });

  it("gives outputs with timestamps, and live inputs", () => {
    const state = toOutputs(live);
    expect(state).toEqual({
      name: "team",
      createdAt: "2026-11-01T00:00:00Z",
      lastUsedAt: "2026-11-03T00:00:00Z",
    });
    expect(liveInputsOf(profileSpec, state)).toEqual({ name: "team" });
  });

  it("never holds undefined; a nameless profile reads as an empty name", () => {
    const state = toOutputs(parseProfile({ id: "pf_2", name: null, created_at: "c" }));
    expect(state).toEqual({ name: "", createdAt: "c" });
    expect(() => parseProfile({ name: "x" })).toThrow();
  });
});

describe("planChanges", () => {
  const olds = { name: "team", createdAt: "c", lastUsedAt: "l", project: "prod" };
  it("is empty for the same name, whatever the timestamps and adopt", () => {
    const plan = planChanges({ ...olds, lastUsedAt: "later" }, { name: "team", adopt: true });
    expect(hasChanges(plan)).toBe(false);
    expect(planProfilePatch(olds, { name: "team" })).toEqual({});
  });

  it("renames with one PATCH {name}, and an unknown name is a change", () => {
    expect(planChanges(olds, { name: "team-2" })).toEqual({
      replaces: [],
      deleteBeforeReplace: false,
      changed: ["name"],
    });
    expect(planProfilePatch(olds, { name: "team-2" })).toEqual({ name: "team-2" });
    expect(planChanges(olds, { name: UNKNOWN }).changed).toEqual(["name"]);
  });
});
