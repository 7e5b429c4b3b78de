/**
 * expand: an Extension's desired inputs to the upload. The archive is read again from `source`
 * (./source) and must still have the hash check computed: the object uploaded is the one the
 * plan was made for.
 */
import * as path from "node:path";
import { MultipartForm } from "../kernel/multipart";
import type { ExtensionCreateRequest } from "./api";
import { type SourceArchive, readSource } from "./source";
import type { ExtensionInputs } from "./types";

/** The form of `POST /extensions` for `archive`, read from `desired.source`. */
export function toCreateRequest(
  desired: ExtensionInputs,
  archive: SourceArchive,
): ExtensionCreateRequest {
  const base = path.basename(desired.source);
  return {
    file: {
      filename: /\.zip$/i.test(base) ? base : `${base}.zip`,
      type: "application/zip",
      bytes: archive.bytes,
    },
    ...(desired.name === undefined ? {} : { name: desired.name }),
  };
}

/** The request as the client sends it: a multipart form. */
export function toCreateForm(request: ExtensionCreateRequest): MultipartForm {
  return new MultipartForm({
    file: request.file,
    ...(request.name === undefined ? {} : { name: request.name }),
  });
}

/**
 * The archive of `desired.source` as check hashed it; throws when the source cannot be read or
 * has changed since (the plan was made for other content: run the deployment again).
 */
export function readDesiredArchive(desired: ExtensionInputs): SourceArchive {
  const read = readSource(desired.source);
  if (!read.ok) throw new Error(`Extension source ${read.problem}`);
  if (read.archive.sha256 !== desired.sourceSha256) {
    throw new Error(
      `Extension source ${JSON.stringify(desired.source)} changed after it was checked ` +
        `(SHA-256 ${read.archive.sha256}, planned ${desired.sourceSha256}); nothing was uploaded. ` +
        `Run the deployment again to plan with the new content.`,
    );
  }
  return read.archive;
}
