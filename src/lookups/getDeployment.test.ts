import { lookupApi, notFoundReply } from "../../test/support/lookups";
import { runLookup } from "./core";
import { LookupArgumentError, LookupNotFoundError } from "./errors";
import { deploymentLookup } from "./getDeployment";

describe("getDeployment", () => {
  it("reads /deployments/{id}: status and provenance, env vars by name only", async () => {
    const api = lookupApi(() => ({
      status: 200,
      body: {
        id: "dep_1",
        status: "running",
        region: "aws.us-east-1a",
        entrypoint_rel_path: "src/index.ts",
        env_vars: { B: "", A: "not-for-results" },
        source_type: "github",
        source_url: "https://github.com/acme/scraper",
        source_ref: "main",
        source_checksum: "cd".repeat(32),
        created_at: "2026-11-27T00:00:00Z",
        status_reason: null,
        future: true,
      },
    }));
    const found = await runLookup(deploymentLookup, { id: "dep_1", project: "prod" }, api.deps);
    expect(found).toEqual({
      id: "dep_1",
      status: "running",
      region: "aws.us-east-1a",
      entrypointRelPath: "src/index.ts",
      envVarKeys: ["A", "B"],
      sourceType: "github",
      sourceUrl: "https://github.com/acme/scraper",
      sourceRef: "main",
      sourceChecksum: "cd".repeat(32),
      createdAt: "2026-11-27T00:00:00Z",
      project: "prod",
    });
    expect(JSON.stringify(found)).not.toContain("not-for-results");
    expect(api.sent()).toEqual(["GET /deployments/dep_1"]);
    expect(api.requests[0].headers["x-kernel-project"]).toBe("prod");
  });

  it("needs an id; a 404 names it", async () => {
    const api = lookupApi(() => notFoundReply);
    await expect(runLookup(deploymentLookup, {} as never, api.deps)).rejects.toThrow(
      new LookupArgumentError("getDeployment: `id` is required"),
    );
    await expect(runLookup(deploymentLookup, { id: "dep_x" }, api.deps)).rejects.toThrow(
      new LookupNotFoundError(
        'getDeployment: no deployment with id "dep_x" in the default project (404 not_found)',
      ),
    );
  });
});
