/**
 * What makes the Extension's provider different from every other resource's: the spec the
 * shared core runs. The upload is one multipart POST of the source's archive; the answer's
 * `checksum` must be the archive's SHA-256. There is no update: every change replaces. A name,
 * when set, is unique in the project: a 409 and a POST of unknown outcome follow the create
 * rules of docs/behaviour.md through it; a nameless upload is looked up by its checksum.
 */
import { checkInputsHint, inputsNamedIn } from "../dynamic/badRequest";
import { type ResourceSpec, checkAndPlan } from "../dynamic/spec";
import { type KernelOperation, resourcePath } from "../kernel/client";
import { KernelError } from "../kernel/errors";
import { type ExtensionResponse, parseExtension } from "./api";
import { readDesiredArchive, toCreateForm, toCreateRequest } from "./expand";
import { toLiveInputs, toOutputs } from "./flatten";
import * as patch from "./patch";
import * as schema from "./schema";
import type { ExtensionInputs, ExtensionOutputs } from "./types";

const COLLECTION = "/extensions";

/** Names the input a 400 is about (the `file` part comes from `source`). */
export function badRequestHint(text: string): string {
  return checkInputsHint("Extension", inputsNamedIn(text, { source: "file", name: "name" }));
}

/**
 * The extension that holds `desired`'s key: by name (in any letter case, as the API's
 * collation compares names, the exact one first); a nameless one by its archive's checksum,
 * the newest first, since nameless uploads of one archive are separate extensions.
 */
async function findExtension(
  op: KernelOperation,
  desired: ExtensionInputs,
): Promise<ExtensionResponse | undefined> {
  if (desired.name !== undefined) {
    const name = desired.name;
    const named = await op.list(resourcePath(COLLECTION), { name }, parseExtension);
    return (
      named.find((e) => e.name === name) ??
      named.find((e) => e.name?.toLowerCase() === name.toLowerCase())
    );
  }
  const all = await op.list(resourcePath(COLLECTION), {}, parseExtension);
  return all
    .filter((e) => e.name == null && e.checksum === desired.sourceSha256)
    .sort((a, b) => (b.created_at ?? "").localeCompare(a.created_at ?? ""))[0];
}

export const extensionSpec: ResourceSpec<ExtensionInputs, ExtensionOutputs, ExtensionResponse> = {
  typeName: "Extension",
  collection: COLLECTION,
  projectScoped: true,
  ...checkAndPlan(schema, patch),
  // The archive is read again and held to the hash check computed; the client sends a
  // MultipartForm as multipart/form-data (the core passes the body through as it is).
  createBody: (desired) => toCreateForm(toCreateRequest(desired, readDesiredArchive(desired))),
  // Nothing is updatable: the plan never changes a field in place.
  updateBody: () => ({}),
  parse: parseExtension,
  toOutputs: (live, ctx) => toOutputs(live, ctx),
  toLiveInputs: (outputs) => toLiveInputs(outputs),
  uniqueKey: {
    describe: (desired) =>
      desired.name !== undefined
        ? `name ${JSON.stringify(desired.name)}`
        : `no name and the checksum ${desired.sourceSha256}`,
    find: findExtension,
    /**
     * The POST carried the archive and the name: the checksum proves the bytes, the name must
     * be the same, and an extension a browser has loaded existed before this create.
     */
    async matchesPost(_op, live, desired) {
      return (
        live.checksum === desired.sourceSha256 &&
        (live.name ?? undefined) === desired.name &&
        live.last_used_at == null
      );
    },
    createdAt: (live) => live.created_at,
  },
  /** The API's checksum is the SHA-256 of the bytes it stored: it must be the archive's. */
  async afterCreate(_op, live, desired, outcome) {
    if (outcome === "created" && live.checksum != null && live.checksum !== desired.sourceSha256) {
      throw new KernelError(
        `the API's checksum ${live.checksum} is not the SHA-256 of the archive uploaded ` +
          `(${desired.sourceSha256}): it stored other bytes than were sent. It is recorded ` +
          `with the API's checksum, so the next \`pulumi up\` replaces it`,
      );
    }
    return live;
  },
  badRequestHint,
  secretOutputs: [],
  replaceWarning: (replaces, deletesFirst) =>
    deletesFirst
      ? `replacing it (${replaces.join(", ")} changed) deletes it before the new archive is ` +
        `uploaded, since its name stays: browser pools that load it by name miss it in between.`
      : undefined,
};
