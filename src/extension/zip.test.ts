import fc from "fast-check";
import { crc32, sortEntries, zipEntryNames, zipOf, zipSize } from "./zip";

/** The files back out of an archive, read through its local headers (STORED entries only). */
function unzipStored(zip: Buffer): { path: string; data: string; crc: number; date: number }[] {
  const out = [];
  let at = 0;
  while (zip.readUInt32LE(at) === 0x04034b50) {
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const name = zip.toString("utf8", at + 30, at + 30 + nameLength);
    const start = at + 30 + nameLength + zip.readUInt16LE(at + 28);
    out.push({
      path: name,
      data: zip.toString("utf8", start, start + size),
      crc: zip.readUInt32LE(at + 14),
      date: zip.readUInt16LE(at + 12),
    });
    at = start + size;
  }
  return out;
}

const entry = fc.record({
  path: fc.stringMatching(/^[a-zé_.-]{1,8}(\/[a-z0-9 ]{1,8}){0,2}$/),
  data: fc.string({ maxLength: 40 }),
});
const entries = fc.uniqueArray(entry, { selector: (e) => e.path, maxLength: 8 });
const asZipEntries = (list: { path: string; data: string }[]) =>
  list.map((e) => ({ path: e.path, data: Buffer.from(e.data) }));

describe("zipOf", () => {
  it("holds every file, sorted by path, byte for byte, with its CRC and the fixed date", () => {
    fc.assert(
      fc.property(entries, (list) => {
        const zip = zipOf(asZipEntries(list));
        const back = unzipStored(zip);
        expect(back.map((e) => e.path)).toEqual(sortEntries(list).map((e) => e.path));
        for (const e of back) {
          expect(e.data).toBe(list.find((l) => l.path === e.path)!.data);
          expect(e.crc).toBe(crc32(Buffer.from(e.data)));
          expect(e.date).toBe(0x21);
        }
        expect(zipEntryNames(zip)).toEqual(back.map((e) => e.path));
        expect(zip.length).toBe(
          zipSize(list.map((e) => ({ path: e.path, size: Buffer.byteLength(e.data) }))),
        );
      }),
    );
  });

  it("gives the same bytes whatever order the files come in", () => {
    fc.assert(
      fc.property(entries, (list) => {
        const reversed = [...list].reverse();
        expect(zipOf(asZipEntries(reversed)).equals(zipOf(asZipEntries(list)))).toBe(true);
      }),
    );
  });

  it("differs when one byte of one file differs", () => {
    const a = zipOf([{ path: "manifest.json", data: Buffer.from("{}") }]);
    const b = zipOf([{ path: "manifest.json", data: Buffer.from("[]") }]);
    expect(a.equals(b)).toBe(false);
  });
});

describe("crc32", () => {
  it("is the IEEE CRC-32 ZIP records", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });
});

describe("zipEntryNames", () => {
  it("reads an empty archive and refuses what is not a ZIP", () => {
    expect(zipEntryNames(zipOf([]))).toEqual([]);
    expect(zipEntryNames(Buffer.from("not a zip at all, just text"))).toBeUndefined();
    expect(zipEntryNames(Buffer.alloc(0))).toBeUndefined();
  });

  it("refuses an archive whose directory lies outside its bytes", () => {
    const zip = zipOf([{ path: "manifest.json", data: Buffer.from("{}") }]);
    const broken = Buffer.from(zip);
    broken.writeUInt32LE(zip.length * 2, zip.length - 22 + 16);
    expect(zipEntryNames(broken)).toBeUndefined();
  });
});
