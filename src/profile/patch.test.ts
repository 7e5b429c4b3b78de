import { patchBodyOf } from "../../test/support/planUpdate";
import { UNKNOWN } from "../dynamic/engineKeys";
import { hasChanges } from "../dynamic/plan";
import { planChanges } from "./patch";
import { profileSpec } from "./spec";

const planProfilePatch = patchBodyOf(profileSpec);

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
