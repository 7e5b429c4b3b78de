import * as path from "node:path";
import fc from "fast-check";
import { explainGoFailure } from "./build";
import {
  type BuildInputs,
  type Present,
  type Stamp,
  cacheDir,
  formatStamp,
  parseStamp,
  planBuild,
} from "./stamp";

const INPUTS: BuildInputs = {
  pulumi: "3.276.0",
  modules: "m1",
  languageHost: "h1",
  launcher: "l1",
};
const STAMP: Stamp = { ...INPUTS, completedAt: "2026-12-04T14:00:00.000Z" };
const ALL: Present = { pulumi: true, languageHost: true, launcher: true };

describe("cacheDir", () => {
  it("is PULUMI_KERNEL_CLI_DIR when set, made absolute", () => {
    expect(cacheDir({ PULUMI_KERNEL_CLI_DIR: "/opt/cli", HOME: "/home/a" })).toBe("/opt/cli");
    expect(cacheDir({ PULUMI_KERNEL_CLI_DIR: "rel" })).toBe(path.resolve("rel"));
  });

  it("is under XDG_CACHE_HOME, else ~/.cache, named by the release", () => {
    expect(cacheDir({ XDG_CACHE_HOME: "/x", HOME: "/home/a" }, "3.276.0")).toBe(
      "/x/pulumi-kernel/pulumi-cli-v3.276.0",
    );
    expect(cacheDir({ HOME: "/home/a" }, "3.277.1")).toBe(
      "/home/a/.cache/pulumi-kernel/pulumi-cli-v3.277.1",
    );
    expect(cacheDir({ XDG_CACHE_HOME: "", HOME: "/home/a" }, "3.276.0")).toBe(
      "/home/a/.cache/pulumi-kernel/pulumi-cli-v3.276.0",
    );
  });
});

describe("parseStamp", () => {
  it("reads back what formatStamp wrote, ignoring fields it does not know", () => {
    expect(parseStamp(formatStamp(STAMP))).toEqual(STAMP);
    expect(parseStamp(JSON.stringify({ ...STAMP, goVersion: "1.26.8" }))).toEqual(STAMP);
  });

  it("takes anything but a whole stamp as none: a hand-written or torn file is not trusted", () => {
    const { launcher: _, ...noLauncher } = STAMP;
    for (const text of [
      undefined,
      "",
      "pulumi v3.276.0 (by hand)\n",
      formatStamp(STAMP).slice(0, 40),
      "null",
      "[]",
      JSON.stringify(noLauncher),
      JSON.stringify({ ...STAMP, modules: 7 }),
    ]) {
      expect(parseStamp(text)).toBeUndefined();
    }
  });
});

describe("planBuild", () => {
  it("reuses the folder when the stamp matches and every binary is there", () => {
    expect(planBuild(STAMP, INPUTS, ALL)).toEqual({
      buildPulumi: false,
      buildLanguageHost: false,
      writeLauncher: false,
      reuse: true,
    });
  });

  it("builds everything without a stamp, even when the binaries are there", () => {
    expect(planBuild(undefined, INPUTS, ALL)).toEqual({
      buildPulumi: true,
      buildLanguageHost: true,
      writeLauncher: true,
      reuse: false,
    });
  });

  it("rebuilds only the language host when only its sources changed", () => {
    expect(planBuild(STAMP, { ...INPUTS, languageHost: "h2" }, ALL)).toEqual({
      buildPulumi: false,
      buildLanguageHost: true,
      writeLauncher: false,
      reuse: false,
    });
  });

  it("rebuilds pulumi for another release or other module pins", () => {
    expect(planBuild(STAMP, { ...INPUTS, pulumi: "3.277.0" }, ALL).buildPulumi).toBe(true);
    expect(planBuild(STAMP, { ...INPUTS, modules: "m2" }, ALL).buildPulumi).toBe(true);
  });

  it("rebuilds exactly what is missing or stale, and reuses only when nothing is", () => {
    const inputs = fc.record({
      pulumi: fc.constantFrom("3.276.0", "3.277.0"),
      modules: fc.constantFrom("m1", "m2"),
      languageHost: fc.constantFrom("h1", "h2"),
      launcher: fc.constantFrom("l1", "l2"),
    });
    const present = fc.record({
      pulumi: fc.boolean(),
      languageHost: fc.boolean(),
      launcher: fc.boolean(),
    });
    fc.assert(
      fc.property(inputs, present, (wanted, there) => {
        const plan = planBuild(STAMP, wanted, there);
        expect(plan.buildPulumi).toBe(
          !there.pulumi || wanted.pulumi !== STAMP.pulumi || wanted.modules !== STAMP.modules,
        );
        expect(plan.buildLanguageHost).toBe(
          !there.languageHost || wanted.languageHost !== STAMP.languageHost,
        );
        expect(plan.writeLauncher).toBe(!there.launcher || wanted.launcher !== STAMP.launcher);
        expect(plan.reuse).toBe(
          !plan.buildPulumi && !plan.buildLanguageHost && !plan.writeLauncher,
        );
      }),
    );
  });
});

describe("explainGoFailure", () => {
  const proxy = "https://proxy.example";

  it("names the proxy when it refuses a module", () => {
    const output =
      "go: github.com/x/y@v1.0.0: reading https://proxy.example/github.com/x/y/@v/v1.0.0.mod: 403 Forbidden\n" +
      "\tserver response: This module version is not available";
    expect(explainGoFailure(output, proxy)).toContain(
      `refused a module this build needs (GOPROXY=${proxy})`,
    );
  });

  it("tells an unreachable proxy apart", () => {
    const output = "dial tcp: lookup proxy.example: no such host";
    expect(explainGoFailure(output, proxy)).toContain("could not be reached");
  });

  it("says when a module is missing and downloads are off", () => {
    const output = "go: github.com/x/y@v1.0.0: module lookup disabled by GOPROXY=off";
    expect(explainGoFailure(output, "off")).toContain("downloads are off (GOPROXY=off)");
  });

  it("says when Go is too old or go.sum is short", () => {
    expect(
      explainGoFailure(
        "go: go.mod requires go >= 1.26.6 (running go 1.25.1; GOTOOLCHAIN=local)",
        proxy,
      ),
    ).toContain("older");
    expect(
      explainGoFailure("missing go.sum entry for module providing package x", proxy),
    ).toContain("go mod tidy");
  });

  it("falls back to the build's own output", () => {
    expect(explainGoFailure("./main.go:3:1: syntax error", proxy)).toBe(
      "go build failed; its output is above",
    );
  });
});
