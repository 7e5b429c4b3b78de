import { changedKeys, diffInputs } from "./inputDiff";
import { secret } from "./providerHost";
import { UNKNOWN } from "../dynamic/engineKeys";

const lines = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  diffInputs(a, b).map((c) => c.line);

describe("diffInputs (the engine's diff of old against new inputs)", () => {
  it("compares lists index by index and maps key by key", () => {
    expect(lines({ d: ["a", "b"] }, { d: ["a", "b", "c"] })).toEqual(['+ d[2]: "c"']);
    expect(lines({ d: ["a", "c"] }, { d: ["a", "b", "c"] })).toEqual([
      '~ d[1]: "c" => "b"',
      '+ d[2]: "c"',
    ]);
    expect(lines({ p: { id: "x" } }, { p: { name: "y" } })).toEqual([
      '- p.id: "x"',
      '+ p.name: "y"',
    ]);
  });

  it("prints secrets as [secret] and names their keys, unknowns as output<string>", () => {
    const olds = { values: { user: secret("me"), password: secret("a") } };
    const news = { values: { user: secret("me"), password: secret("b"), pin: secret("1") } };
    expect(lines(olds, news)).toEqual([
      "~ values.password: [secret] => [secret]",
      "+ values.pin: [secret]",
    ]);
    expect(lines({ n: "a" }, { n: UNKNOWN })).toEqual(['~ n: "a" => output<string>']);
  });

  it("ignores __provider and key order; names the changed top-level keys", () => {
    const changes = diffInputs(
      { __provider: "a", o: { x: 1, y: 2 }, k: 1 },
      { __provider: "b", o: { y: 2, x: 1 }, k: 2 },
    );
    expect(changes.map((c) => c.line)).toEqual(["~ k: 1 => 2"]);
    expect(changedKeys(diffInputs({ a: [1], b: { c: 1 } }, { a: [2], b: { c: 2 } }))).toEqual([
      "a",
      "b",
    ]);
  });
});
