import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MultipartForm } from "../kernel/multipart";
import { parseExtension } from "./api";
import { readDesiredArchive, toCreateForm, toCreateRequest } from "./expand";
import { toLiveInputs, toOutputs } from "./flatten";
import { readSource } from "./source";

const FIXTURE = path.join(__dirname, "..", "..", "test", "fixtures", "extension");

function archive() {
  const read = readSource(FIXTURE);
  if (!read.ok) throw new Error(read.problem);
  return read.archive;
}

describe("toCreateRequest / toCreateForm", () => {
  it("sends the archive as a ZIP file part named after the source, and the name when set", () => {
    const a = archive();
    const request = toCreateRequest({ source: FIXTURE, sourceSha256: a.sha256, name: "marker" }, a);
    expect(request).toEqual({
      file: { filename: "extension.zip", type: "application/zip", bytes: a.bytes },
      name: "marker",
    });
    const form = toCreateForm(request);
    expect(form).toBeInstanceOf(MultipartForm);
    expect(Object.keys(form.parts)).toEqual(["file", "name"]);
    const nameless = toCreateRequest({ source: "/x/ext.ZIP", sourceSha256: a.sha256 }, a);
    expect(nameless.file.filename).toBe("ext.ZIP");
    expect(nameless).not.toHaveProperty("name");
  });
});

describe("readDesiredArchive", () => {
  it("reads the archive check hashed, and refuses one that changed since", () => {
    const a = archive();
    expect(
      readDesiredArchive({ source: FIXTURE, sourceSha256: a.sha256 }).bytes.equals(a.bytes),
    ).toBe(true);
    expect(() => readDesiredArchive({ source: FIXTURE, sourceSha256: "0".repeat(64) })).toThrow(
      /changed after it was checked .*nothing was uploaded/,
    );
    const missing = path.join(os.tmpdir(), "pulumi-kernel-no-such-extension");
    expect(fs.existsSync(missing)).toBe(false);
    expect(() => readDesiredArchive({ source: missing, sourceSha256: a.sha256 })).toThrow(
      /does not exist/,
    );
  });
});

describe("toOutputs / toLiveInputs", () => {
  const live = parseExtension({
    id: "ext_1",
    name: "marker",
    size_bytes: 1234,
    checksum: "c".repeat(64),
    created_at: "2026-12-04T00:00:00Z",
    last_used_at: null,
    future_field: { tolerated: true },
  });

  it("records the inputs, the live hash and the runtime fields, with no undefined", () => {
    const outputs = toOutputs(live, {
      desired: { source: FIXTURE, sourceSha256: "c".repeat(64), name: "marker" },
    });
    expect(outputs).toEqual({
      source: FIXTURE,
      sourceSha256: "c".repeat(64),
      name: "marker",
      checksum: "c".repeat(64),
      sizeBytes: 1234,
      createdAt: "2026-12-04T00:00:00Z",
    });
    expect(Object.values(outputs)).not.toContain(undefined);
    expect(toLiveInputs(outputs)).toEqual({
      source: FIXTURE,
      sourceSha256: "c".repeat(64),
      name: "marker",
    });
  });

  it("takes the live checksum as the live hash (a read by id, an adoption), else the recorded one", () => {
    expect(toOutputs(live, {}).sourceSha256).toBe("c".repeat(64));
    expect(
      toOutputs(live, { olds: { source: "/p", sourceSha256: "d".repeat(64) } }).sourceSha256,
    ).toBe("c".repeat(64));
    const legacy = parseExtension({
      id: "ext_2",
      created_at: "2026-01-01T00:00:00Z",
      size_bytes: 5,
    });
    expect(toOutputs(legacy, { olds: { source: "/p", sourceSha256: "d".repeat(64) } })).toEqual({
      source: "/p",
      sourceSha256: "d".repeat(64),
      sizeBytes: 5,
      createdAt: "2026-01-01T00:00:00Z",
    });
    expect(toLiveInputs(toOutputs(legacy))).toEqual({});
  });
});
