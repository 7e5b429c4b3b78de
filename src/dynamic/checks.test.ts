import { z } from "zod";
import { checkWithSchema, describeReceived, formatPath, nearestName, orUnknown } from "./checks";
import { UNKNOWN } from "./engineKeys";

const schema = z.strictObject({
  name: orUnknown(z.string({ error: "must be a string" })),
  count: orUnknown(
    z.number({ error: "must be a number from 1 to 9" }).int().min(1).max(9),
  ).optional(),
  token: orUnknown(z.string({ error: "must be a token" }).min(8, "must be a token")).optional(),
  tags: orUnknown(z.array(orUnknown(z.string({ error: "must be a tag" })))).optional(),
  ref: orUnknown(z.strictObject({ id: z.string().optional() })).optional(),
});
const options = {
  inputNames: Object.keys(schema.shape),
  fieldsAt: (path: readonly PropertyKey[]) => (path[0] === "ref" ? ["id"] : []),
  secretInputs: ["token"],
};
const check = (news: Record<string, unknown>) => checkWithSchema(schema, news, options);

describe("checkWithSchema", () => {
  it("names the input path and says what was received", () => {
    expect(check({ name: "a", tags: ["x", 3] }).failures).toEqual([
      { property: "tags[1]", reason: "must be a tag; received the number 3" },
    ]);
    expect(check({ name: "a", count: "5" }).failures).toEqual([
      { property: "count", reason: 'must be a number from 1 to 9; received a string "5"' },
    ]);
  });

  it("never echoes the value of a secret input", () => {
    const { failures } = check({ name: "a", token: "hunter2" });
    expect(failures).toEqual([{ property: "token", reason: "must be a token; received a string" }]);
    expect(JSON.stringify(failures)).not.toContain("hunter2");
  });

  it("says a required input is required", () => {
    expect(check({}).failures).toEqual([
      { property: "name", reason: "is required and must be a string" },
    ]);
  });

  it("suggests the nearest name for an unknown key, top-level and nested", () => {
    expect(check({ name: "a", Count: 1 }).failures).toEqual([
      { property: "Count", reason: "is not a known input; did you mean count?" },
    ]);
    expect(check({ name: "a", ref: { idd: "x" } }).failures).toEqual([
      { property: "ref.idd", reason: "is not a known field of ref; did you mean id?" },
    ]);
    expect(check({ name: "a", zebra: 1 }).failures[0].reason).toBe(
      "is not a known input; valid inputs are name, count, token, tags, ref",
    );
  });

  it("passes the unknown sentinel through at any depth, and drops __provider", () => {
    const news = { name: UNKNOWN, tags: ["a", UNKNOWN], ref: UNKNOWN, __provider: "text" };
    expect(check(news)).toEqual({
      inputs: { name: UNKNOWN, tags: ["a", UNKNOWN], ref: UNKNOWN },
      failures: [],
    });
  });

  it("never throws: a throwing normaliser is a failure", () => {
    const result = checkWithSchema(schema, { name: "a" }, options, () => {
      throw new Error("bug");
    });
    expect(result.failures).toEqual([{ property: "", reason: "could not be checked: bug" }]);
  });
});

describe("helpers", () => {
  it("describes received values by type, hiding secrets", () => {
    expect(describeReceived("x")).toBe('a string "x"');
    expect(describeReceived("x", true)).toBe("a string");
    expect(describeReceived(4, true)).toBe("a number");
    expect(describeReceived(null)).toBe("null");
    expect(describeReceived([1])).toBe("a list of 1 item");
    expect(describeReceived({ a: 1 })).toBe("an object with a");
    expect(describeReceived("y".repeat(200))).toBe(`a string "${"y".repeat(77)}..."`);
  });

  it("finds the nearest name only when it reads as a typo", () => {
    expect(nearestName("loginURL", ["loginUrl", "domain"])).toBe("loginUrl");
    expect(nearestName("nmae", ["name", "path"])).toBe("name");
    expect(nearestName("domian", ["domain"])).toBe("domain");
    expect(nearestName("colour", ["loginUrl", "domain"])).toBeUndefined();
    // The closest of several, with an insertion or a deletion.
    expect(nearestName("healthCheckIntervall", ["healthChecks", "healthCheckInterval"])).toBe(
      "healthCheckInterval",
    );
    expect(nearestName("proxyy", ["project", "proxy"])).toBe("proxy");
    expect(nearestName("stealh", ["stealth", "domain"])).toBe("stealth");
    expect(nearestName("x".repeat(40), ["name", "healthCheckInterval"])).toBeUndefined();
  });

  it("formats paths as Pulumi shows them", () => {
    expect(formatPath(["allowedDomains", 2])).toBe("allowedDomains[2]");
    expect(formatPath(["credential", "path"])).toBe("credential.path");
    expect(formatPath(["values", "my key"])).toBe('values["my key"]');
  });
});
