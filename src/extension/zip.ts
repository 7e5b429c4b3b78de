/**
 * A deterministic ZIP writer and a reader of a ZIP's entry names, both pure. The writer makes
 * the same bytes from the same files on every machine and Node version: entries sorted by path,
 * one fixed timestamp (1980-01-01 00:00, the format's earliest), no permissions, and no
 * compression (STORED), since deflate's output depends on the zlib a Node version bundles.
 * No ZIP64: an extension archive is far below 4 GiB and 65535 entries.
 */

/** One file of an archive: its path inside it (`/`-separated, relative) and its bytes. */
export interface ZipEntry {
  path: string;
  data: Uint8Array;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const LOCAL_HEADER_BYTES = 30;
const CENTRAL_HEADER_BYTES = 46;
const END_BYTES = 22;
/** Version 2.0: what STORED entries need. */
const VERSION = 20;
/** General purpose flag bit 11: names are UTF-8. */
const UTF8_NAMES = 0x0800;
/** DOS date of 1980-01-01 (year 0 since 1980, month 1, day 1); time 00:00:00. */
const FIXED_DATE = (0 << 9) | (1 << 5) | 1;
const FIXED_TIME = 0;
/** The most entries and bytes a ZIP without ZIP64 can hold. */
export const MAX_ZIP_ENTRIES = 0xffff;
const MAX_ZIP32 = 0xffffffff;

/** Entries in the writer's order: by path, compared as UTF-8 bytes. */
export function sortEntries<T extends { path: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}

/** The size `zipOf` gives for files of these paths and sizes, known before reading them. */
export function zipSize(entries: readonly { path: string; size: number }[]): number {
  let size = END_BYTES;
  for (const e of entries) {
    const name = Buffer.byteLength(e.path);
    size += LOCAL_HEADER_BYTES + CENTRAL_HEADER_BYTES + 2 * name + e.size;
  }
  return size;
}

/** The archive of `entries` (sorted here; paths must be unique). */
export function zipOf(entries: readonly ZipEntry[]): Buffer {
  const sorted = sortEntries(entries);
  if (sorted.length > MAX_ZIP_ENTRIES) {
    throw new Error(`a ZIP holds at most ${MAX_ZIP_ENTRIES} files; got ${sorted.length}`);
  }
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of sorted) {
    const name = Buffer.from(entry.path, "utf8");
    const data = Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength);
    const crc = crc32(data);
    const local = Buffer.alloc(LOCAL_HEADER_BYTES);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(0, 8); // STORED
    local.writeUInt16LE(FIXED_TIME, 10);
    local.writeUInt16LE(FIXED_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // no extra field
    const header = Buffer.alloc(CENTRAL_HEADER_BYTES);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4); // made by: MS-DOS, 2.0 (no permissions recorded)
    header.writeUInt16LE(VERSION, 6);
    header.writeUInt16LE(UTF8_NAMES, 8);
    header.writeUInt16LE(0, 10);
    header.writeUInt16LE(FIXED_TIME, 12);
    header.writeUInt16LE(FIXED_DATE, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(name.length, 28);
    // extra, comment, disk, internal and external attributes: all 0
    header.writeUInt32LE(offset, 42);
    chunks.push(local, name, data);
    central.push(header, name);
    offset += local.length + name.length + data.length;
  }
  const centralBytes = central.reduce((n, b) => n + b.length, 0);
  if (offset + centralBytes > MAX_ZIP32) throw new Error("the archive would exceed 4 GiB");
  const end = Buffer.alloc(END_BYTES);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(centralBytes, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

/**
 * The entry names of a ZIP archive, from its central directory; undefined when `bytes` is not
 * a ZIP this reader understands (no end record, a directory outside the bytes, ZIP64).
 */
export function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEnd(buf);
  if (end === undefined) return undefined;
  const count = buf.readUInt16LE(end + 10);
  const size = buf.readUInt32LE(end + 12);
  const start = buf.readUInt32LE(end + 16);
  if (count === 0xffff || start === MAX_ZIP32 || start + size > end) return undefined;
  const names: string[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_HEADER_BYTES > end || buf.readUInt32LE(at) !== CENTRAL_HEADER) {
      return undefined;
    }
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const nameStart = at + CENTRAL_HEADER_BYTES;
    if (nameStart + nameLength > end) return undefined;
    names.push(buf.toString("utf8", nameStart, nameStart + nameLength));
    at = nameStart + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Where the end-of-central-directory record starts: the last one whose comment ends the bytes. */
function findEnd(buf: Buffer): number | undefined {
  const from = Math.max(0, buf.length - END_BYTES - 0xffff);
  for (let at = buf.length - END_BYTES; at >= from; at--) {
    if (buf.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      if (at + END_BYTES + buf.readUInt16LE(at + 20) === buf.length) return at;
    }
  }
  return undefined;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE), as ZIP records it. Node's `zlib.crc32` is missing before Node 20.15. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
