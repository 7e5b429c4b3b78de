/**
 * Versions of the Pulumi CLI and of Go, as their `version` commands print them, and the rules
 * that decide whether one is good enough.
 */

/** The Pulumi release `npm run pulumi:cli` builds; tools/pulumi-cli/go.mod requires the same. */
export const PULUMI_RELEASE = "3.276.0";

/**
 * The oldest `pulumi` on PATH the project uses instead of building: the release the end-to-end
 * suite runs against. Older releases print `preview --json` steps and diffs differently in ways
 * the suite checks, and none older has been run here.
 */
export const MINIMUM_PULUMI = PULUMI_RELEASE;

export interface Version {
  major: number;
  minor: number;
  patch: number;
  /** The pre-release part after "-", e.g. "alpha.1"; empty for a release. */
  prerelease: string;
}

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Parses "v3.276.0", "3.276.0" or "v3.277.0-alpha.1+dirty" (surrounding blanks allowed). */
export function parseVersion(text: string): Version | undefined {
  const match = SEMVER.exec(text.trim());
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    prerelease: match[4] ?? "",
  };
}

/** Semantic-version order: negative when a < b. A pre-release sorts before its release. */
export function compareVersions(a: Version, b: Version): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return Math.sign(core);
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === "") return 1;
  if (b.prerelease === "") return -1;
  return comparePrerelease(a.prerelease, b.prerelease);
}

function comparePrerelease(a: string, b: string): number {
  const left = a.split(".");
  const right = b.split(".");
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (i >= left.length) return -1;
    if (i >= right.length) return 1;
    const [x, y] = [left[i], right[i]];
    const [xNumeric, yNumeric] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (xNumeric && yNumeric) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return Math.sign(diff);
    } else if (xNumeric !== yNumeric) {
      return xNumeric ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

export const formatVersion = (v: Version) =>
  `${v.major}.${v.minor}.${v.patch}${v.prerelease ? `-${v.prerelease}` : ""}`;

/**
 * Whether `pulumi version`'s output names a release at least `minimum`. A pre-release of the
 * minimum itself is not enough: it may lack what the release fixed.
 */
export function isNewEnough(versionOutput: string, minimum = MINIMUM_PULUMI): boolean {
  const found = parseVersion(versionOutput);
  const wanted = parseVersion(minimum);
  if (!found || !wanted) return false;
  return compareVersions(found, wanted) >= 0;
}

/** The Go release in `go version`'s output ("go version go1.26.8 linux/amd64"), e.g. "1.26.8". */
export function parseGoVersion(output: string): Version | undefined {
  const match = /\bgo(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?\b/.exec(output);
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3] ?? 0),
    prerelease: match[4] ? `${match[4]}.${match[5]}` : "",
  };
}

/** The `go` directive of a go.mod ("go 1.26.6"): the oldest Go that builds the module. */
export function goDirective(goMod: string): Version | undefined {
  const match = /^go\s+(\d+)\.(\d+)(?:\.(\d+))?\s*$/m.exec(goMod);
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3] ?? 0),
    prerelease: "",
  };
}

/** The version go.mod requires of a module ("\tgithub.com/x/y v1.2.3"), without the "v". */
export function requiredVersion(goMod: string, modulePath: string): string | undefined {
  const escaped = modulePath.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const match = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+v(\\S+)`, "m").exec(goMod);
  return match?.[1];
}
