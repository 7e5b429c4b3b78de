import type { KernelOperation } from "../kernel/client";
import { KernelApiError } from "../kernel/errors";
import { badRequestHint, explainProjectFailure } from "./spec";

const op = {} as KernelOperation;
const refusal = (code: string) =>
  new KernelApiError({
    method: "DELETE",
    path: "/org/projects/proj_1",
    status: 409,
    body: { code, message: "refused" },
  });

describe("Project spec", () => {
  it("says why a delete was refused, keeping the API's own words first", async () => {
    const notEmpty = await explainProjectFailure(op, refusal("project_not_empty"), {
      kind: "delete",
      id: "proj_1",
    });
    expect((notEmpty as Error).message).toMatch(
      /409 project_not_empty: refused.*Project proj_1 still holds objects.*Delete them first/s,
    );
    const last = await explainProjectFailure(op, refusal("last_active_project"), {
      kind: "delete",
      id: "proj_1",
    });
    expect((last as Error).message).toMatch(/last active project, and the API keeps one/);
  });

  it("leaves other failures as they are", async () => {
    const other = refusal("conflict");
    const before = other.message;
    expect(await explainProjectFailure(op, other, { kind: "delete", id: "proj_1" })).toBe(other);
    expect(other.message).toBe(before);
    const update = refusal("project_not_empty");
    await explainProjectFailure(op, update, { kind: "update", id: "proj_1", body: {} });
    expect(update.message).not.toMatch(/still holds/);
  });

  it("names the inputs a 400 is about", () => {
    expect(badRequestHint("status must be active or archived")).toBe(
      "Check the Project input archived",
    );
    expect(badRequestHint("max_concurrent_sessions must be >= 0")).toBe(
      "Check the Project input limits.maxConcurrentSessions",
    );
    expect(badRequestHint("nothing named")).toBe("Check the Project's inputs");
  });
});
