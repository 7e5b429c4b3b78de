/**
 * The emulator's browser extensions (`/extensions`): uploaded ZIP archives with an optional name
 * unique in their project, addressed by id or name. There is no update: a changed extension is
 * a new upload. `checksum` is the SHA-256 (lowercase hex) of the exact bytes uploaded, as
 * kernel 0.131.0 documents it. One store holds one project's extensions. No HTTP here.
 */
import { createHash } from "node:crypto";
import { type StoreResult, fail, notFound, ok } from "../../answers";
import { MAX_EXTENSION_ARCHIVE_BYTES } from "../../../kernel/limits";
import {
  type StoredObject,
  type TableOptions,
  TableStore,
  assignDrift,
  conflict,
  invalidField,
  rowNamed,
  rowsMatching,
} from "../objectTable";

/** `POST /extensions` (ExtensionUploadParams in kernel 0.131.0), its form parts decoded. */
export interface ExtensionUploadBody {
  /** The archive's bytes (the `file` part). */
  file: Buffer;
  name?: string;
}

/** The API's Extension (ExtensionGetResponse in kernel 0.131.0). */
export interface ExtensionView {
  id: string;
  name: string | null;
  created_at: string;
  size_bytes: number;
  checksum?: string;
  last_used_at?: string;
}

export interface StoredExtension extends StoredObject {
  name?: string;
  size_bytes: number;
  checksum?: string;
  last_used_at?: string;
  /** The archive as uploaded (`GET /extensions/{id_or_name}` answers it). */
  archive: Buffer;
}

export const EXTENSION_ID_PREFIX = "ext";

export class ExtensionStore extends TableStore<StoredExtension> {
  constructor(options: TableOptions = {}) {
    super(EXTENSION_ID_PREFIX, options);
  }

  create(body: ExtensionUploadBody): StoreResult<ExtensionView> {
    if (body.file.length > MAX_EXTENSION_ARCHIVE_BYTES) {
      return fail(
        413,
        "payload_too_large",
        `file is ${body.file.length} bytes; an extension archive may be at most ` +
          `${MAX_EXTENSION_ARCHIVE_BYTES} bytes`,
      );
    }
    if (!isZipArchive(body.file)) return invalidField("file", "must be a ZIP archive");
    if (body.name !== undefined) {
      const existing = this.byName(body.name);
      if (existing) return conflict(`an extension named ${body.name} already exists`, existing.id);
    }
    const now = this.table.now();
    const row: StoredExtension = {
      id: this.table.newId(),
      created_at: now,
      updated_at: now,
      size_bytes: body.file.length,
      checksum: createHash("sha256").update(body.file).digest("hex"),
      archive: Buffer.from(body.file),
    };
    if (body.name !== undefined) row.name = body.name;
    return ok(view(this.table.insert(row)));
  }

  get(idOrName: string): StoreResult<ExtensionView> {
    const row = this.find(idOrName);
    return row ? ok(view(row)) : notFound("extension", idOrName);
  }

  /** The archive as uploaded. */
  archive(idOrName: string): StoreResult<Buffer> {
    const row = this.find(idOrName);
    return row ? ok(row.archive) : notFound("extension", idOrName);
  }

  remove(idOrName: string): StoreResult<void> {
    const row = this.find(idOrName);
    if (!row) return notFound("extension", idOrName);
    this.table.delete(row.id);
    return ok(undefined);
  }

  /** `?name=` (exact), `?query=` (name substring in any letter case, or exact id). */
  matching(filter: { name?: string; query?: string } = {}): StoredExtension[] {
    return rowsMatching(this.table, filter);
  }

  /**
   * A change made outside the provider (`last_used_at` when a browser loads it, or a checksum
   * the dashboard shows otherwise): any stored field but the archive, `null` removes.
   */
  drift(id: string, changes: Record<string, unknown>): StoreResult<ExtensionView> {
    const row = this.table.byId(id);
    if (!row) return notFound("extension", id);
    assignDrift(row, changes, this.table.now(), ["archive"]);
    return ok(view(row));
  }

  private find(idOrName: string): StoredExtension | undefined {
    return this.table.byIdOrName(idOrName, (row) => row.name);
  }

  private byName(name: string): StoredExtension | undefined {
    return rowNamed(this.table, name);
  }
}

/** The API's answer for one extension. */
export function view(row: StoredExtension): ExtensionView {
  const out: ExtensionView = {
    id: row.id,
    name: row.name ?? null,
    created_at: row.created_at,
    size_bytes: row.size_bytes,
  };
  if (row.checksum !== undefined) out.checksum = row.checksum;
  if (row.last_used_at !== undefined) out.last_used_at = row.last_used_at;
  return out;
}

/** The end-of-central-directory record's signature, `PK\x05\x06`. */
const END_OF_CENTRAL_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
/** That record's fixed size, and the longest comment that may follow it. */
const EOCD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;

/**
 * Whether `bytes` end like a ZIP archive: an end-of-central-directory record within the last
 * 22 + 65535 bytes, whose comment length reaches exactly to the end.
 */
export function isZipArchive(bytes: Buffer): boolean {
  const from = Math.max(0, bytes.length - EOCD_BYTES - MAX_COMMENT_BYTES);
  for (let at = bytes.length - EOCD_BYTES; at >= from; at--) {
    at = bytes.lastIndexOf(END_OF_CENTRAL_DIRECTORY, at);
    if (at < from) return false;
    if (at + EOCD_BYTES + bytes.readUInt16LE(at + 20) === bytes.length) return true;
  }
  return false;
}
