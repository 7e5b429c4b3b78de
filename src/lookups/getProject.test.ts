import { lookupApi, notFoundReply } from "../../test/support/lookups";
import { runLookup } from "./core";
import { LookupArgumentError, LookupNotFoundError } from "./errors";
import { projectLookup } from "./getProject";

const project = {
  id: "proj_1",
  name: "staging",
  status: "archived",
  created_at: "2026-01-01T00:00:00Z",
};

describe("getProject", () => {
  it("reads /org/projects/{id_or_name}", async () => {
    const api = lookupApi(() => ({ status: 200, body: { ...project, extra: 1 } }));
    expect(await runLookup(projectLookup, { name: "staging" }, api.deps)).toEqual({
      id: "proj_1",
      name: "staging",
      status: "archived",
      createdAt: "2026-01-01T00:00:00Z",
    });
    expect(api.sent()).toEqual(["GET /org/projects/staging"]);
  });

  it("without id or name, looks up the configured project (by id or by name)", async () => {
    const byName = lookupApi(() => ({ status: 200, body: project }), {
      "kernel:project": "staging",
    });
    expect((await runLookup(projectLookup, {}, byName.deps)).id).toBe("proj_1");
    expect(byName.sent()).toEqual(["GET /org/projects/staging"]);
    const byId = lookupApi(
      () => ({ status: 200, body: project }),
      {},
      {
        KERNEL_PROJECT_ID: "proj_1",
      },
    );
    expect((await runLookup(projectLookup, undefined, byId.deps)).name).toBe("staging");
    expect(byId.sent()).toEqual(["GET /org/projects/proj_1"]);
  });

  it("without id, name or a configured project, says what to give", async () => {
    const api = lookupApi(() => ({ status: 200, body: project }));
    const err = await runLookup(projectLookup, {}, api.deps).catch((e: Error) => e);
    expect(err).toBeInstanceOf(LookupArgumentError);
    expect((err as Error).message).toMatch(/no project is configured/);
    expect(api.requests).toHaveLength(0);
  });

  it("a 404 names the project asked for, org-wide", async () => {
    const api = lookupApi(() => notFoundReply);
    const err = await runLookup(projectLookup, { id: "proj_x" }, api.deps).catch((e: Error) => e);
    expect(err).toBeInstanceOf(LookupNotFoundError);
    expect((err as Error).message).toBe('getProject: no project with id "proj_x" (404 not_found)');
  });
});
