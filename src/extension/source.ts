/**
 * An Extension's `source` read from disk: a directory (zipped here, deterministically: ./zip)
 * or a `.zip` file (taken byte for byte). The archive's SHA-256 is the resource's diff key, and
 * is what the API answers as `checksum` (the SHA-256 of the bytes uploaded). Every problem a
 * source can have (missing, neither a directory nor a .zip, no `manifest.json` at its root,
 * larger than the API takes) is found here, before any request.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { MAX_EXTENSION_ARCHIVE_BYTES } from "../kernel/limits";
import { MAX_ZIP_ENTRIES, type ZipEntry, zipEntryNames, zipOf, zipSize } from "./zip";

/** What a Chrome extension must have at its root. */
export const MANIFEST = "manifest.json";

/** The archive a source uploads. */
export interface SourceArchive {
  bytes: Buffer;
  /** SHA-256 of `bytes`, lowercase hex. */
  sha256: string;
}

export type SourceResult = { ok: true; archive: SourceArchive } | { ok: false; problem: string };

/**
 * The archive of `source` (read relative to the working directory when not absolute), or why
 * it cannot be uploaded. `limit` is the API's largest archive.
 */
export function readSource(source: string, limit = MAX_EXTENSION_ARCHIVE_BYTES): SourceResult {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch (err) {
    return refuse(source, readFailure(err, "does not exist"));
  }
  try {
    if (stat.isDirectory()) return fromDirectory(source, limit);
    if (stat.isFile() && /\.zip$/i.test(source)) return fromZip(source, stat.size, limit);
    return refuse(source, "must be a directory or a .zip file");
  } catch (err) {
    return refuse(source, readFailure(err, "could not be read"));
  }
}

/** SHA-256 of `bytes`, lowercase hex: what the API's `checksum` holds. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function fromZip(source: string, size: number, limit: number): SourceResult {
  if (size > limit) return refuse(source, tooLarge(`is ${size} bytes`, limit));
  const bytes = fs.readFileSync(source);
  const names = zipEntryNames(bytes);
  if (names === undefined) return refuse(source, "is not a ZIP archive this provider can read");
  if (!names.includes(MANIFEST)) {
    const nested = names.find((n) => n.endsWith(`/${MANIFEST}`));
    return refuse(
      source,
      nested
        ? `has no ${MANIFEST} at the archive's root, only ${nested}: zip the extension ` +
            `folder's contents, not the folder`
        : noManifest("the archive's"),
    );
  }
  return accept(bytes);
}

function fromDirectory(source: string, limit: number): SourceResult {
  const files = listFiles(source);
  if (!files.some((f) => f.path === MANIFEST)) return refuse(source, noManifest("the directory's"));
  if (files.length > MAX_ZIP_ENTRIES) {
    return refuse(
      source,
      `holds ${files.length} files; an archive holds at most ${MAX_ZIP_ENTRIES}`,
    );
  }
  // Known from the files' sizes before any is read.
  const size = zipSize(files);
  if (size > limit) {
    return refuse(
      source,
      tooLarge(
        `would make an archive of ${size} bytes (its files are stored uncompressed)`,
        limit,
      ) + "; zip it yourself (compressed) and set source to the .zip",
    );
  }
  const entries: ZipEntry[] = files.map((f) => ({ path: f.path, data: fs.readFileSync(f.file) }));
  return accept(zipOf(entries));
}

interface FoundFile {
  /** The path inside the archive, `/`-separated. */
  path: string;
  /** Where it is on disk. */
  file: string;
  size: number;
}

/**
 * Every file under `root`, symbolic links followed (a directory reached twice through links is
 * read once). Directories themselves are not entries: an empty one changes nothing.
 */
function listFiles(root: string): FoundFile[] {
  const found: FoundFile[] = [];
  const seen = new Set<string>();
  const walk = (dir: string, prefix: string) => {
    const real = fs.realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      const inside = prefix ? `${prefix}/${name}` : name;
      const stat = fs.statSync(file);
      if (stat.isDirectory()) walk(file, inside);
      else if (stat.isFile()) found.push({ path: inside, file, size: stat.size });
    }
  };
  walk(root, "");
  return found;
}

function accept(bytes: Buffer): SourceResult {
  return { ok: true, archive: { bytes, sha256: sha256Hex(bytes) } };
}

function refuse(source: string, why: string): SourceResult {
  return { ok: false, problem: `${JSON.stringify(source)} ${why}` };
}

function noManifest(where: string): string {
  return `has no ${MANIFEST} at ${where} root (a Chrome extension needs one)`;
}

function tooLarge(what: string, limit: number): string {
  return `${what}; the API takes extension archives of at most ${limit} bytes (${limit / (1024 * 1024)} MiB)`;
}

function readFailure(err: unknown, missing: string): string {
  const code = (err as { code?: string })?.code;
  if (code === "ENOENT" || code === "ENOTDIR") return missing;
  return `could not be read (${code ?? (err instanceof Error ? err.message : String(err))})`;
}
