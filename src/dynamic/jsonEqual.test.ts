import fc from "fast-check";
import { canonicalJson, jsonEqual } from "./jsonEqual";

describe("jsonEqual", () => {
  const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

  it("agrees with comparing canonical JSON texts", () => {
    const value = fc.oneof(
      fc.jsonValue(),
      fc.anything({ withNullPrototype: true, withObjectString: true, withBoxedValues: true }),
    );
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(jsonEqual(a, b)).toBe(same(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it("ignores key order and undefined keys, not list order; undefined in a list is null", () => {
    const cases: [unknown, unknown][] = [
      [
        { a: 1, b: [1, 2] },
        { b: [1, 2], a: 1 },
      ],
      [{ a: 1, b: undefined }, { a: 1 }],
      [{ a: 1 }, { a: 1, b: undefined }],
      [
        [1, 2],
        [2, 1],
      ],
      [[undefined], [null]],
      [undefined, {}],
      [undefined, undefined],
      [{ a: NaN }, { a: null }],
      [{ a: () => 1 }, {}],
      [{ toJSON: () => 1 }, 1],
      [{ name: "x" }, { name: "x", path: "p" }],
      [["a"], "a"],
      [0, -0],
    ];
    for (const [a, b] of cases) {
      expect(jsonEqual(a, b)).toBe(same(a, b));
      expect(jsonEqual(b, a)).toBe(same(b, a));
    }
  });
});
