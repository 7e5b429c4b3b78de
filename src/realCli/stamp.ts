/**
 * The cache of the built CLI: where it lives, and the stamp (`.complete`) that says what it holds.
 * The stamp is written last, after the smoke test passed, so a folder without one is unfinished.
 */
import * as path from "node:path";
import { PULUMI_RELEASE } from "./version";

export const BINARIES = {
  pulumi: "pulumi",
  languageHost: "pulumi-language-nodejs",
  launcher: "pulumi-resource-pulumi-nodejs",
} as const;

export const STAMP_FILE = ".complete";

/**
 * The folder holding the three binaries: `PULUMI_KERNEL_CLI_DIR` when set, else
 * `${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-kernel/pulumi-cli-v<release>`. Outside the clone, so
 * that a fresh clone (CI) reuses a build made by an earlier one on the same machine.
 */
export function cacheDir(env: NodeJS.ProcessEnv, release = PULUMI_RELEASE): string {
  if (env.PULUMI_KERNEL_CLI_DIR) return path.resolve(env.PULUMI_KERNEL_CLI_DIR);
  const cacheHome = env.XDG_CACHE_HOME || path.join(env.HOME || "/", ".cache");
  return path.join(cacheHome, "pulumi-kernel", `pulumi-cli-v${release}`);
}

/** What a build was made from: a release and digests of the sources each artefact comes from. */
export interface BuildInputs {
  /** The Pulumi release. */
  pulumi: string;
  /** Digest of go.mod and go.sum: every module the `pulumi` binary is linked from. */
  modules: string;
  /** Digest of go.mod, go.sum and the language host's Go sources. */
  languageHost: string;
  /** Digest of the launcher script. */
  launcher: string;
}

export interface Stamp extends BuildInputs {
  /** When the smoke test passed. */
  completedAt: string;
}

/** Reads a stamp's text; anything that is not a whole stamp counts as no stamp. */
export function parseStamp(text: string | undefined): Stamp | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const fields = ["pulumi", "modules", "languageHost", "launcher", "completedAt"] as const;
  if (!fields.every((field) => typeof record[field] === "string")) return undefined;
  return Object.fromEntries(fields.map((field) => [field, record[field]])) as unknown as Stamp;
}

export const formatStamp = (stamp: Stamp) => `${JSON.stringify(stamp, null, 2)}\n`;

/** Which binaries exist in the cache folder. */
export type Present = Record<keyof typeof BINARIES, boolean>;

export interface BuildPlan {
  buildPulumi: boolean;
  buildLanguageHost: boolean;
  writeLauncher: boolean;
  /** Nothing to build and the stamp matches: use the folder as it is, without a smoke test. */
  reuse: boolean;
}

/**
 * What to (re)build. Each artefact is rebuilt when it is missing or the stamp records other
 * inputs for it; a missing stamp means the last build did not finish, so its binaries are not
 * trusted either. `pulumi` takes minutes to build, the other two seconds, so a change of the
 * language host alone does not rebuild `pulumi`.
 */
export function planBuild(
  stamp: Stamp | undefined,
  wanted: BuildInputs,
  present: Present,
): BuildPlan {
  const buildPulumi =
    !present.pulumi ||
    stamp === undefined ||
    stamp.pulumi !== wanted.pulumi ||
    stamp.modules !== wanted.modules;
  const buildLanguageHost =
    !present.languageHost || stamp === undefined || stamp.languageHost !== wanted.languageHost;
  const writeLauncher =
    !present.launcher || stamp === undefined || stamp.launcher !== wanted.launcher;
  return {
    buildPulumi,
    buildLanguageHost,
    writeLauncher,
    reuse: !buildPulumi && !buildLanguageHost && !writeLauncher,
  };
}
