/**
 * flatten: an `/extensions` answer to the Extension's outputs, and the live inputs a refresh
 * reports. The live `checksum` is the SHA-256 of the archive stored, so it stands for
 * `sourceSha256` as it is live: an extension read by id alone, or adopted, is compared by it.
 */
import type { ExtensionResponse } from "./api";
import type { ExtensionInputs, ExtensionOutputs } from "./types";

export interface FlattenContext {
  desired?: Partial<ExtensionInputs>;
  olds?: Partial<ExtensionOutputs>;
}

/** Outputs: the inputs as live, and the API's runtime fields. No undefined values. */
export function toOutputs(live: ExtensionResponse, ctx: FlattenContext = {}): ExtensionOutputs {
  const source = ctx.desired?.source ?? ctx.olds?.source;
  const sha256 = live.checksum ?? ctx.desired?.sourceSha256 ?? ctx.olds?.sourceSha256;
  const out: Partial<ExtensionOutputs> = {};
  if (source !== undefined) out.source = source;
  if (sha256 != null) out.sourceSha256 = sha256;
  if (live.name != null) out.name = live.name;
  if (live.checksum != null) out.checksum = live.checksum;
  if (live.size_bytes != null) out.sizeBytes = live.size_bytes;
  if (live.created_at != null) out.createdAt = live.created_at;
  if (live.last_used_at != null) out.lastUsedAt = live.last_used_at;
  return out as ExtensionOutputs;
}

/** The inputs as they are live: `source` as recorded, the hash and name as the API holds them. */
export function toLiveInputs(outputs: ExtensionOutputs): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  if (outputs.source !== undefined) inputs.source = outputs.source;
  if (outputs.sourceSha256 !== undefined) inputs.sourceSha256 = outputs.sourceSha256;
  if (outputs.name !== undefined) inputs.name = outputs.name;
  return inputs;
}
