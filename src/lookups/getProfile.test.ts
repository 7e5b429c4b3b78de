import { lookupApi } from "../../test/support/lookups";
import { runLookup } from "./core";
import { profileLookup } from "./getProfile";

describe("getProfile", () => {
  it("reads /profiles/{id_or_name} and answers camelCase fields, unknown ones ignored", async () => {
    const api = lookupApi(() => ({
      status: 200,
      body: {
        id: "prof_1",
        name: "team",
        created_at: "2026-11-27T00:00:00Z",
        updated_at: "2026-11-28T00:00:00Z",
        last_used_at: null,
        future_field: { nested: true },
      },
    }));
    expect(await runLookup(profileLookup, { id: "prof_1" }, api.deps)).toEqual({
      id: "prof_1",
      name: "team",
      createdAt: "2026-11-27T00:00:00Z",
      updatedAt: "2026-11-28T00:00:00Z",
    });
    expect(api.sent()).toEqual(["GET /profiles/prof_1"]);
  });

  it("refuses a name lookup answered by an object of another name", async () => {
    const api = lookupApi(() => ({ status: 200, body: { id: "team", name: "other" } }));
    await expect(runLookup(profileLookup, { name: "team" }, api.deps)).rejects.toThrow(
      /no profile with name "team" in the default project \(the value addresses profile team/,
    );
  });
});
