import Module from "node:module";
import * as path from "node:path";
import { providerText } from "./dynamic/providerText";
import { SPECS } from "./specs";

/** Loads the text as Pulumi's dynamic-provider host does: require-from-string, paths from cwd. */
function loadAsHost(text: string, cwd: string): Record<string, unknown> {
  const m = new Module("", undefined) as Module & {
    _compile(code: string, filename: string): void;
  };
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    cwd,
  );
  m._compile(text, "");
  return (m.exports as { handler: () => Record<string, unknown> }).handler();
}

const root = path.resolve(__dirname, "..");
const METHODS = ["configure", "check", "diff", "create", "read", "update", "delete"];

/**
 * The `__provider` texts that stacks written by earlier versions hold, verbatim: each must keep
 * loading its resource's provider, or those stacks can no longer refresh, update or delete.
 */
const TEXTS_IN_EXISTING_STATES: Record<string, string> = {
  AuthConnection: 'exports.handler = () => require("pulumi-kernel/provider");',
  Credential: 'exports.handler = () => require("pulumi-kernel/provider").credential;',
  CredentialProvider:
    'exports.handler = () => require("pulumi-kernel/provider").credentialProvider;',
  Profile: 'exports.handler = () => require("pulumi-kernel/provider").profile;',
  Proxy: 'exports.handler = () => require("pulumi-kernel/provider").proxy;',
};

describe("the provider table", () => {
  it.each(Object.entries(SPECS))(
    "%s: its text loads, as the host loads it, a provider with the seven methods",
    (exportName, spec) => {
      const text = providerText(exportName === "authConnection" ? undefined : exportName);
      const provider = loadAsHost(text, root);
      for (const method of METHODS) expect(typeof provider[method]).toBe("function");
      // The export is the class name in lower camel case, so a reader finds one from the other.
      expect(exportName).toBe(spec.typeName[0].toLowerCase() + spec.typeName.slice(1));
    },
  );

  it.each(Object.entries(TEXTS_IN_EXISTING_STATES))(
    "%s: the text in existing states still loads its provider",
    (typeName, text) => {
      const provider = loadAsHost(text, root);
      for (const method of METHODS) expect(typeof provider[method]).toBe("function");
      const exportName = typeName[0].toLowerCase() + typeName.slice(1);
      expect(Object.keys(SPECS)).toContain(exportName);
      expect(providerText(exportName === "authConnection" ? undefined : exportName)).toBe(text);
    },
  );

  it("lists every resource the texts in existing states name", () => {
    const typeNames = Object.values(SPECS).map((spec) => spec.typeName);
    expect(typeNames).toEqual(expect.arrayContaining(Object.keys(TEXTS_IN_EXISTING_STATES)));
  });

  it("names the package by an exported subpath only", () => {
    const required = [...providerText().matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    const exported = Object.keys(require("../package.json").exports).map((key: string) =>
      path.posix.join("pulumi-kernel", key),
    );
    expect(required).toEqual(["pulumi-kernel/provider"]);
    expect(exported).toContain(required[0]);
  });
});
