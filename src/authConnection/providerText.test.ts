import Module from "node:module";
import * as path from "node:path";
import { PROVIDER_TEXT } from "./providerText";

/** Loads the text as Pulumi's dynamic-provider host does: require-from-string, paths from cwd. */
function loadAsHost(text: string, cwd: string) {
  const m = new Module("", undefined) as Module & {
    _compile(code: string, filename: string): void;
  };
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    cwd,
  );
  m._compile(text, "");
  return (m.exports as { handler: () => Record<string, unknown> }).handler();
}

describe("the __provider text", () => {
  const root = path.resolve(__dirname, "..", "..");

  it("hands the host the implementation, loaded by package name", () => {
    const provider = loadAsHost(PROVIDER_TEXT, root);
    for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
      expect(typeof provider[method]).toBe("function");
    }
  });

  it("names the package by an exported subpath only", () => {
    const required = [...PROVIDER_TEXT.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    const exported = Object.keys(require("../../package.json").exports).map((key: string) =>
      path.posix.join("pulumi-kernel", key),
    );
    expect(required).toEqual(["pulumi-kernel/provider"]);
    expect(exported).toContain(required[0]);
  });
});
