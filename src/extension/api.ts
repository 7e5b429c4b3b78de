/**
 * Wire types of `/extensions`, per kernel 0.131.0 (`extensions.upload`, `extensions.get`):
 * the upload is a multipart form `{file, name?}`; there is no update request. Answers are
 * parsed leniently: unknown fields are tolerated.
 */
import { z } from "zod";
import type { FormFile } from "../kernel/multipart";

/** `POST /extensions`: the form's parts. */
export interface ExtensionCreateRequest {
  /** The ZIP archive (the `file` part). */
  file: FormFile;
  name?: string;
}

/** The API has no update for an extension. */
export type ExtensionUpdateRequest = Record<string, never>;

export const extensionResponseSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  size_bytes: z.number().nullish(),
  /** SHA-256 (lowercase hex) of the exact bytes uploaded; absent for legacy rows. */
  checksum: z.string().nullish(),
  created_at: z.string().nullish(),
  last_used_at: z.string().nullish(),
});

export type ExtensionResponse = z.infer<typeof extensionResponseSchema>;

export function parseExtension(json: unknown): ExtensionResponse {
  return extensionResponseSchema.parse(json);
}
