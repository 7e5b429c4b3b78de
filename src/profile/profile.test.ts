import { UNKNOWN } from "../dynamic/engineKeys";
import { parseProfile } from "./api";
import { toProfileCreateRequest } from "./expand";
import { toProfileLiveInputs, toProfileState } from "./flatten";
import { planProfile, planProfilePatch, profileHasChanges } from "./patch";
import { checkProfile } from "./schema";

describe("checkProfile", () => {
  it("accepts a name, project and adopt, drops __provider and adopt: false", () => {
    expect(checkProfile({ name: "team", project: "prod", adopt: false, __provider: "x" })).toEqual({
      inputs: { name: "team", project: "prod" },
      failures: [],
    });
    expect(checkProfile({ name: UNKNOWN, adopt: UNKNOWN }).inputs).toEqual({
      name: UNKNOWN,
      adopt: UNKNOWN,
    });
  });

  it("refuses a missing or padded name, a bad adopt, and suggests names for unknown keys", () => {
    expect(checkProfile({}).failures).toEqual([
      { property: "name", reason: expect.stringMatching(/^is required and must be a non-empty/) },
    ]);
    expect(checkProfile({ name: " team " }).failures).toEqual([
      { property: "name", reason: expect.stringContaining('received a string " team "') },
    ]);
    expect(checkProfile({ name: "t", adopt: "yes" }).failures).toEqual([
      { property: "adopt", reason: 'must be true or false; received a string "yes"' },
    ]);
    expect(checkProfile({ name: "t", Name: "x", projct: "p" }).failures).toEqual([
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

  it("POSTs the name only: never adopt or project", () => {
    expect(toProfileCreateRequest({ name: "team", project: "prod", adopt: true })).toEqual({
      name: "team",
    });
  });

  it("gives state with timestamps and adopt (the project is the shared provider's), and live inputs", () => {
    const state = toProfileState(live, { desired: { name: "team", project: "prod", adopt: true } });
    expect(state).toEqual({
      name: "team",
      createdAt: "2026-11-01T00:00:00Z",
      lastUsedAt: "2026-11-03T00:00:00Z",
      adopt: true,
    });
    expect(toProfileLiveInputs(state)).toEqual({ name: "team", adopt: true });
  });

  it("never holds undefined; a nameless profile reads as an empty name", () => {
    const state = toProfileState(parseProfile({ id: "pf_2", name: null, created_at: "c" }));
    expect(state).toEqual({ name: "", createdAt: "c" });
    expect(() => parseProfile({ name: "x" })).toThrow();
  });
});

describe("planProfile", () => {
  const olds = { name: "team", createdAt: "c", lastUsedAt: "l", project: "prod" };
  it("is empty for the same name, whatever the timestamps and adopt", () => {
    const plan = planProfile({ ...olds, lastUsedAt: "later" }, { name: "team", adopt: true });
    expect(profileHasChanges(plan)).toBe(false);
    expect(planProfilePatch(olds, { name: "team" })).toEqual({});
  });

  it("renames with one PATCH {name}, and an unknown name is a change", () => {
    expect(planProfile(olds, { name: "team-2" })).toEqual({
      replaces: [],
      deleteBeforeReplace: false,
      changed: ["name"],
    });
    expect(planProfilePatch(olds, { name: "team-2" })).toEqual({ name: "team-2" });
    expect(planProfile(olds, { name: UNKNOWN }).changed).toEqual(["name"]);
  });
});
