import { lookupApi, notFoundReply } from "../../test/support/lookups";
import { runLookup } from "./core";
import { LookupNotFoundError } from "./errors";
import { extensionLookup } from "./getExtension";

describe("getExtension", () => {
  it("reads the metadata path, never the archive", async () => {
    const api = lookupApi(() => ({
      status: 200,
      body: {
        id: "ext_1",
        name: "adblock",
        size_bytes: 2048,
        checksum: "ab".repeat(32),
        created_at: "2026-11-27T00:00:00Z",
        last_used_at: null,
      },
    }));
    expect(await runLookup(extensionLookup, { name: "adblock" }, api.deps)).toEqual({
      id: "ext_1",
      name: "adblock",
      sizeBytes: 2048,
      checksum: "ab".repeat(32),
      createdAt: "2026-11-27T00:00:00Z",
    });
    expect(api.sent()).toEqual(["GET /extensions/adblock/metadata"]);
  });

  it("a 404 names the extension asked for", async () => {
    const api = lookupApi(() => notFoundReply);
    const err = await runLookup(extensionLookup, { id: "ext_x" }, api.deps).catch((e: Error) => e);
    expect(err).toBeInstanceOf(LookupNotFoundError);
    expect((err as Error).message).toBe(
      'getExtension: no extension with id "ext_x" in the default project (404 not_found)',
    );
  });
});
