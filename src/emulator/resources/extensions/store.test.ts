import { createHash } from "node:crypto";
import { MAX_EXTENSION_ARCHIVE_BYTES } from "../../../kernel/limits";
import { zipOf } from "../../../extension/zip";
import { ExtensionStore, isZipArchive } from "./store";

function fixedStore() {
  let t = Date.parse("2026-12-04T00:00:00Z");
  let n = 0;
  return new ExtensionStore({ now: () => new Date((t += 1000)), newId: () => `ext_${++n}` });
}

const archive = (text = "{}") => zipOf([{ path: "manifest.json", data: Buffer.from(text) }]);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("ExtensionStore", () => {
  it("keeps the archive, its size and the SHA-256 of the exact bytes as checksum", () => {
    const store = fixedStore();
    const file = archive();
    const made = store.create({ file, name: "blocker" });
    expect(made).toEqual({
      ok: true,
      value: {
        id: "ext_1",
        name: "blocker",
        created_at: "2026-12-04T00:00:01.000Z",
        size_bytes: file.length,
        checksum: sha256(file),
      },
    });
    expect(store.archive("blocker")).toEqual({ ok: true, value: file });
    expect(store.create({ file: archive("[]") })).toMatchObject({
      value: { id: "ext_2", name: null, checksum: sha256(archive("[]")) },
    });
  });

  it("refuses a taken name in the project with a 409 naming the existing id", () => {
    const store = fixedStore();
    store.create({ file: archive(), name: "blocker" });
    expect(store.create({ file: archive("[]"), name: "blocker" })).toMatchObject({
      status: 409,
      error: { code: "conflict", details: [{ message: "ext_1" }] },
    });
    // Nameless uploads of the same bytes are separate extensions.
    expect(store.create({ file: archive() }).ok).toBe(true);
    expect(store.create({ file: archive() }).ok).toBe(true);
    expect(store.all()).toHaveLength(3);
  });

  it("refuses what is not a ZIP (400) and an archive over the API's limit (413)", () => {
    const store = fixedStore();
    expect(store.create({ file: Buffer.from("plain text") })).toMatchObject({
      status: 400,
      error: { code: "bad_request", details: [{ message: "file must be a ZIP archive" }] },
    });
    const big = Buffer.alloc(MAX_EXTENSION_ARCHIVE_BYTES + 1);
    expect(store.create({ file: big })).toMatchObject({
      status: 413,
      error: { code: "payload_too_large" },
    });
    expect(store.all()).toHaveLength(0);
  });

  it("gets, lists and deletes by id or name; drift never touches the archive", () => {
    const store = fixedStore();
    store.create({ file: archive(), name: "blocker" });
    store.create({ file: archive("[]"), name: "blocker-2" });
    expect(store.get("ext_2")).toMatchObject({ value: { name: "blocker-2" } });
    expect(store.matching({ name: "blocker" }).map((e) => e.id)).toEqual(["ext_1"]);
    expect(store.matching({ query: "BLOCK" })).toHaveLength(2);
    expect(
      store.drift("ext_1", { last_used_at: "2026-12-04T01:00:00Z", archive: null }),
    ).toMatchObject({ value: { last_used_at: "2026-12-04T01:00:00Z" } });
    expect(store.archive("ext_1")).toEqual({ ok: true, value: archive() });
    expect(store.remove("blocker").ok).toBe(true);
    expect(store.get("ext_1")).toMatchObject({ status: 404, error: { code: "not_found" } });
    expect(store.remove("ext_1")).toMatchObject({ status: 404 });
  });
});

describe("isZipArchive", () => {
  it("finds the end record, with or without a comment after it", () => {
    const zip = archive();
    expect(isZipArchive(zip)).toBe(true);
    const commented = Buffer.from(zip);
    commented.writeUInt16LE(5, zip.length - 2);
    expect(isZipArchive(Buffer.concat([commented, Buffer.from("hello")]))).toBe(true);
    expect(isZipArchive(Buffer.concat([zip, Buffer.from("trailing")]))).toBe(false);
    expect(isZipArchive(Buffer.alloc(0))).toBe(false);
    expect(isZipArchive(Buffer.from("PK\u0005\u0006"))).toBe(false);
  });
});
