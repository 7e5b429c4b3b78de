import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import {
  MINIMUM_PULUMI,
  PULUMI_RELEASE,
  compareVersions,
  formatVersion,
  goDirective,
  isNewEnough,
  parseGoVersion,
  parseVersion,
  requiredVersion,
  type Version,
} from "./version";

describe("parseVersion", () => {
  it("reads what `pulumi version` prints, with or without v and blanks", () => {
    expect(parseVersion("v3.276.0\n")).toEqual({
      major: 3,
      minor: 276,
      patch: 0,
      prerelease: "",
    });
    expect(parseVersion("3.1.22")).toEqual({ major: 3, minor: 1, patch: 22, prerelease: "" });
    expect(parseVersion("v3.277.0-alpha.1718+gabc123")).toEqual({
      major: 3,
      minor: 277,
      patch: 0,
      prerelease: "alpha.1718",
    });
  });

  it("refuses what is not a version", () => {
    for (const text of ["", "v3.276", "pulumi v3.276.0", "3.276.0.1", "warning: update\nv3.1.0"]) {
      expect(parseVersion(text)).toBeUndefined();
    }
  });
});

describe("compareVersions", () => {
  const v = (text: string) => parseVersion(text) as Version;

  it("orders by major, minor, patch as numbers, not text", () => {
    expect(compareVersions(v("3.276.0"), v("3.99.0"))).toBe(1);
    expect(compareVersions(v("3.276.0"), v("4.0.0"))).toBe(-1);
    expect(compareVersions(v("3.276.10"), v("3.276.9"))).toBe(1);
    expect(compareVersions(v("3.276.0"), v("v3.276.0"))).toBe(0);
  });

  it("puts a pre-release before its release, and orders pre-releases by their parts", () => {
    expect(compareVersions(v("3.277.0-alpha.1"), v("3.277.0"))).toBe(-1);
    expect(compareVersions(v("3.277.0-alpha.2"), v("3.277.0-alpha.10"))).toBe(-1);
    expect(compareVersions(v("3.277.0-alpha"), v("3.277.0-alpha.1"))).toBe(-1);
    expect(compareVersions(v("3.277.0-alpha.1"), v("3.277.0-beta"))).toBe(-1);
    expect(compareVersions(v("3.277.0-1"), v("3.277.0-alpha"))).toBe(-1);
  });

  it("is antisymmetric and agrees with formatVersion round trips", () => {
    const version = fc.record({
      major: fc.nat(5),
      minor: fc.nat(300),
      patch: fc.nat(20),
      prerelease: fc.constantFrom("", "alpha", "alpha.1", "alpha.10", "beta.2", "1"),
    });
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(compareVersions(a, b)).toBe(-compareVersions(b, a) || 0);
        expect(parseVersion(formatVersion(a))).toEqual(a);
      }),
    );
  });
});

describe("isNewEnough", () => {
  it("accepts the minimum and later releases, refuses earlier ones and pre-releases of it", () => {
    expect(isNewEnough("v3.276.0\n", "3.276.0")).toBe(true);
    expect(isNewEnough("v3.276.1", "3.276.0")).toBe(true);
    expect(isNewEnough("v4.0.0", "3.276.0")).toBe(true);
    expect(isNewEnough("v3.275.9", "3.276.0")).toBe(false);
    expect(isNewEnough("v3.276.0-alpha.5", "3.276.0")).toBe(false);
  });

  it("refuses an empty version (a build without the version linked in)", () => {
    expect(isNewEnough("", "3.276.0")).toBe(false);
    expect(isNewEnough("\n", "3.276.0")).toBe(false);
  });

  it("defaults to the release the project builds", () => {
    expect(MINIMUM_PULUMI).toBe(PULUMI_RELEASE);
    expect(isNewEnough(`v${PULUMI_RELEASE}`)).toBe(true);
  });
});

describe("Go versions", () => {
  it("reads `go version` output, release candidates included", () => {
    expect(parseGoVersion("go version go1.26.8 linux/amd64")).toEqual({
      major: 1,
      minor: 26,
      patch: 8,
      prerelease: "",
    });
    expect(parseGoVersion("go version go1.27 darwin/arm64")?.patch).toBe(0);
    expect(parseGoVersion("go version go1.27rc2 linux/amd64")?.prerelease).toBe("rc.2");
    expect(parseGoVersion("bash: go: command not found")).toBeUndefined();
  });

  it("reads a go.mod's go line and the version it requires of a module", () => {
    const goMod = [
      "module example.local/x",
      "",
      "go 1.26.6",
      "",
      "require (",
      "\tgithub.com/pulumi/pulumi/pkg/v3 v3.276.0",
      "\tgithub.com/pulumi/pulumi/pkg/v3extra v9.9.9",
      ")",
      "require github.com/other/mod v1.2.3 // indirect",
    ].join("\n");
    expect(goDirective(goMod)).toEqual({ major: 1, minor: 26, patch: 6, prerelease: "" });
    expect(requiredVersion(goMod, "github.com/pulumi/pulumi/pkg/v3")).toBe("3.276.0");
    expect(requiredVersion(goMod, "github.com/other/mod")).toBe("1.2.3");
    expect(requiredVersion(goMod, "github.com/pulumi/pulumi/sdk/v3")).toBeUndefined();
  });

  it("tools/pulumi-cli/go.mod pins the release the script builds, for pkg and sdk alike", () => {
    const goMod = fs.readFileSync(
      path.join(__dirname, "..", "..", "tools", "pulumi-cli", "go.mod"),
      "utf8",
    );
    expect(requiredVersion(goMod, "github.com/pulumi/pulumi/pkg/v3")).toBe(PULUMI_RELEASE);
    expect(requiredVersion(goMod, "github.com/pulumi/pulumi/sdk/v3")).toBe(PULUMI_RELEASE);
  });
});
