import fc from "fast-check";
import { UNKNOWN } from "../dynamic/engineKeys";
import { planChanges } from "./patch";

const A = "a".repeat(64);
const B = "b".repeat(64);

describe("planChanges", () => {
  it("is no change for the same content from another path", () => {
    expect(
      planChanges(
        { source: "/old/place", sourceSha256: A, name: "marker", checksum: A, sizeBytes: 9 },
        { source: "/new/place.zip", sourceSha256: A, name: "marker" },
      ),
    ).toEqual({ replaces: [], deleteBeforeReplace: false, changed: [] });
  });

  it("replaces new content, deleting first when the name stays (it is unique)", () => {
    expect(
      planChanges(
        { source: "/x", sourceSha256: A, name: "m" },
        { source: "/x", sourceSha256: B, name: "m" },
      ),
    ).toEqual({
      replaces: ["sourceSha256"],
      deleteBeforeReplace: true,
      changed: [],
    });
    expect(planChanges({ sourceSha256: A }, { source: "/x", sourceSha256: B })).toEqual({
      replaces: ["sourceSha256"],
      deleteBeforeReplace: false,
      changed: [],
    });
  });

  it("replaces a new, added or removed name (no update exists), creating first when names differ", () => {
    expect(planChanges({ sourceSha256: A, name: "a" }, { sourceSha256: A, name: "b" })).toEqual({
      replaces: ["name"],
      deleteBeforeReplace: false,
      changed: [],
    });
    expect(planChanges({ sourceSha256: A }, { sourceSha256: A, name: "b" }).replaces).toEqual([
      "name",
    ]);
    expect(planChanges({ sourceSha256: A, name: "a" }, { sourceSha256: A }).replaces).toEqual([
      "name",
    ]);
  });

  it("counts an unknown hash or name as a replacement, deleting first when the name may stay", () => {
    expect(
      planChanges(
        { sourceSha256: A, name: "m" },
        { source: UNKNOWN, sourceSha256: UNKNOWN, name: "m" },
      ),
    ).toEqual({
      replaces: ["sourceSha256"],
      deleteBeforeReplace: true,
      changed: [],
    });
    expect(planChanges({ sourceSha256: A, name: "m" }, { sourceSha256: A, name: UNKNOWN })).toEqual(
      {
        replaces: ["name"],
        deleteBeforeReplace: true,
        changed: [],
      },
    );
  });

  it("never plans an update, and plans nothing exactly when hash and name are equal", () => {
    const hash = fc.constantFrom(A, B);
    const name = fc.option(fc.constantFrom("a", "b"), { nil: undefined });
    fc.assert(
      fc.property(hash, name, hash, name, fc.string(), fc.string(), (h1, n1, h2, n2, p1, p2) => {
        const plan = planChanges(
          { source: p1, sourceSha256: h1, name: n1 },
          { source: p2, sourceSha256: h2, name: n2 },
        );
        expect(plan.changed).toEqual([]);
        expect(plan.replaces.length === 0).toBe(h1 === h2 && n1 === n2);
        expect(plan.deleteBeforeReplace).toBe(
          plan.replaces.length > 0 && n2 !== undefined && n1 === n2,
        );
      }),
    );
  });
});
