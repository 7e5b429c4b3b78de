/**
 * A `multipart/form-data` request body (an upload), for `request(method, path, {body})`: the
 * client sends a MultipartForm as a form instead of JSON. It is encoded once, by undici's own
 * FormData serialisation, into bytes and a content type with its boundary, so that every attempt
 * of the request sends the same bytes.
 */
import { Blob } from "node:buffer";
import { FormData, Response } from "undici";

/** One file part of a form. */
export interface FormFile {
  filename: string;
  /** The part's media type (`application/zip`). */
  type: string;
  bytes: Uint8Array;
}

/** A form's parts in the order given: plain fields (text) and files. */
export class MultipartForm {
  constructor(readonly parts: Readonly<Record<string, string | FormFile>>) {}
}

/** A form as it goes on the wire. */
export interface EncodedForm {
  contentType: string;
  bytes: Buffer;
}

export async function encodeForm(form: MultipartForm): Promise<EncodedForm> {
  const data = new FormData();
  for (const [name, value] of Object.entries(form.parts)) {
    if (typeof value === "string") data.append(name, value);
    else data.append(name, new Blob([value.bytes], { type: value.type }), value.filename);
  }
  const encoded = new Response(data);
  const contentType = encoded.headers.get("content-type");
  if (!contentType) throw new Error("undici gave a form no content type");
  return { contentType, bytes: Buffer.from(await encoded.arrayBuffer()) };
}
