import { UNKNOWN, containsUnknown, withoutEngineKeys, withoutUndefined } from "./engineKeys";
import { providerText } from "./providerText";

describe("engine keys", () => {
  it("drops __provider only", () => {
    expect(withoutEngineKeys({ __provider: "x", a: 1 })).toEqual({ a: 1 });
    expect(withoutEngineKeys(undefined)).toEqual({});
  });

  it("finds the unknown sentinel at any depth", () => {
    expect(containsUnknown({ a: [{ b: UNKNOWN }] })).toBe(true);
    expect(containsUnknown({ a: [{ b: "c" }] })).toBe(false);
  });

  it("removes undefined at every depth (the host's Struct cannot hold it)", () => {
    expect(
      withoutUndefined({ a: undefined, b: { c: undefined, d: 1 }, e: [undefined, 2] }),
    ).toEqual({ b: { d: 1 }, e: [2] });
  });
});

describe("providerText", () => {
  it("keeps AuthConnection's text as existing stacks hold it", () => {
    expect(providerText()).toBe('exports.handler = () => require("pulumi-kernel/provider");');
  });

  it("names the export of every other resource, and nothing else", () => {
    expect(providerText("credential")).toBe(
      'exports.handler = () => require("pulumi-kernel/provider").credential;',
    );
    expect(() => providerText('x"); evil("')).toThrow(/not an export name/);
  });
});
