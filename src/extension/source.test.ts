import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readSource, sha256Hex } from "./source";
import { zipEntryNames, zipOf } from "./zip";

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-kernel-ext-"));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** Writes `files` (path → text) under a new directory `name` of the test's root. */
function dir(name: string, files: Record<string, string>): string {
  const at = path.join(root, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(at, file)), { recursive: true });
    fs.writeFileSync(path.join(at, file), text);
  }
  fs.mkdirSync(at, { recursive: true });
  return at;
}

const extension = { "manifest.json": '{"manifest_version":3}', "js/content.js": "void 0;\n" };

function archiveOf(source: string) {
  const result = readSource(source);
  if (!result.ok) throw new Error(result.problem);
  return result.archive;
}

function problemOf(source: string, limit?: number): string {
  const result = readSource(source, limit);
  if (result.ok) throw new Error(`${source} was accepted`);
  return result.problem;
}

describe("readSource of a directory", () => {
  it("zips every file, the manifest at the root, and hashes the archive", () => {
    const archive = archiveOf(dir("ext", extension));
    expect(zipEntryNames(archive.bytes)).toEqual(["js/content.js", "manifest.json"]);
    expect(archive.sha256).toBe(sha256Hex(archive.bytes));
    expect(archive.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("gives the same hash for the same content elsewhere, and with other timestamps", () => {
    const a = archiveOf(dir("a", extension));
    const moved = dir("elsewhere/b", extension);
    fs.utimesSync(path.join(moved, "manifest.json"), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(archiveOf(moved).sha256).toBe(a.sha256);
  });

  it("gives another hash when a file's content, or a file's name, changes", () => {
    const a = archiveOf(dir("a", extension)).sha256;
    expect(archiveOf(dir("b", { ...extension, "js/content.js": "void 1;\n" })).sha256).not.toBe(a);
    expect(
      archiveOf(
        dir("c", { "manifest.json": extension["manifest.json"], "js/other.js": "void 0;\n" }),
      ).sha256,
    ).not.toBe(a);
  });

  it("follows symbolic links, reading a directory reached twice once", () => {
    const at = dir("ext", extension);
    fs.symlinkSync(at, path.join(at, "js", "loop"));
    expect(zipEntryNames(archiveOf(at).bytes)).toEqual(["js/content.js", "manifest.json"]);
  });

  it("refuses a directory without manifest.json at its root", () => {
    const at = dir("nested", { "inner/manifest.json": "{}" });
    expect(problemOf(at)).toMatch(/has no manifest\.json at the directory's root/);
    expect(problemOf(dir("empty", {}))).toMatch(/has no manifest\.json/);
  });

  it("refuses a directory whose archive would pass the limit, before reading its files", () => {
    const at = dir("big", { ...extension, "asset.bin": "x".repeat(2000) });
    expect(problemOf(at, 1000)).toMatch(
      /would make an archive of \d+ bytes .*at most 1000 bytes.*zip it yourself/,
    );
  });
});

describe("readSource of a .zip", () => {
  function zipFile(name: string, files: Record<string, string>): string {
    const file = path.join(root, name);
    fs.writeFileSync(
      file,
      zipOf(Object.entries(files).map(([p, text]) => ({ path: p, data: Buffer.from(text) }))),
    );
    return file;
  }

  it("takes the file byte for byte: its hash is the SHA-256 of the file", () => {
    const file = zipFile("ext.zip", extension);
    const archive = archiveOf(file);
    expect(archive.bytes.equals(fs.readFileSync(file))).toBe(true);
    expect(archive.sha256).toBe(sha256Hex(fs.readFileSync(file)));
  });

  it("gives a directory and its own deterministic zip the same hash", () => {
    expect(archiveOf(zipFile("ext.zip", extension)).sha256).toBe(
      archiveOf(dir("ext", extension)).sha256,
    );
  });

  it("refuses a zip whose manifest is inside a folder, saying where it is", () => {
    expect(problemOf(zipFile("nested.zip", { "ext/manifest.json": "{}" }))).toMatch(
      /no manifest\.json at the archive's root, only ext\/manifest\.json: zip the extension folder's contents/,
    );
  });

  it("refuses a .zip that is no ZIP, a file that is no .zip, and a zip over the limit", () => {
    const fake = path.join(root, "fake.zip");
    fs.writeFileSync(fake, "hello");
    expect(problemOf(fake)).toMatch(/is not a ZIP archive/);
    const text = path.join(root, "manifest.json");
    fs.writeFileSync(text, "{}");
    expect(problemOf(text)).toMatch(/must be a directory or a \.zip file/);
    expect(problemOf(zipFile("ext.zip", extension), 100)).toMatch(
      /"[^"]*ext\.zip" is \d+ bytes; the API takes extension archives of at most 100 bytes/,
    );
  });
});

describe("readSource of a missing path", () => {
  it("says it does not exist, naming it", () => {
    const missing = path.join(root, "nope");
    expect(problemOf(missing)).toBe(`${JSON.stringify(missing)} does not exist`);
    expect(problemOf(path.join(root, "nope", "deeper.zip"))).toMatch(/does not exist$/);
  });
});
