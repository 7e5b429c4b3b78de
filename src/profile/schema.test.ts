import { UNKNOWN } from "../dynamic/engineKeys";
import { checkResourceInputs } from "../dynamic/owned";
import { profileSpec } from "./spec";

/** check as the provider runs it: the core owns `project` and `adopt`. */
const checkInputs = (news: Record<string, unknown>) => checkResourceInputs(profileSpec, news);

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
