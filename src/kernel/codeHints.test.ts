import { hintForCode } from "./codeHints";
import { apiErrorFor } from "./errors";

describe("hintForCode", () => {
  it.each([
    ["not_found", /gone from Kernel/],
    ["project_not_found", /KERNEL_PROJECT_ID/],
    ["projects_disabled", /no projects/],
    ["resource_in_use", /still uses it/],
    ["cannot_delete_current_key", /cannot delete itself/],
    ["insufficient_plan", /plan does not allow/],
    ["project_not_empty", /still holds objects/],
    ["last_active_project", /last active project/],
    ["conflict", /conflict with what exists now/],
    ["name_conflict", /conflict with what exists now/],
  ])("%s has words of its own", (code, says) => {
    expect(hintForCode(code)).toMatch(says);
  });

  it("a create's not_found is about a reference, not the object", () => {
    expect(hintForCode("not_found", "POST")).toMatch(/refers to does not exist/);
    expect(hintForCode("not_found", "PATCH")).toMatch(/gone from Kernel/);
  });

  it("leaves bad_request, rate_limited, unknown codes and no code to others", () => {
    for (const code of ["bad_request", "rate_limited", "something_new", undefined]) {
      expect(hintForCode(code)).toBeUndefined();
    }
    // ...and inherited names are not codes.
    expect(hintForCode("toString")).toBeUndefined();
  });
});

describe("apiErrorFor", () => {
  const init = (status: number, code?: string) => ({
    method: "POST" as const,
    path: "/x",
    status,
    body: code ? { code, message: "m" } : { message: "m" },
  });

  it("a documented code's hint wins over a 400's inputs and over the key hint", () => {
    expect(
      apiErrorFor({ ...init(400, "resource_in_use"), hint: "Check the inputs" }).message,
    ).toMatch(/still uses it/);
    expect(apiErrorFor(init(403, "insufficient_plan")).message).not.toMatch(/Set the API key/);
  });

  it("keeps the caller's hint for bad_request, and the key hint for a bare 401/403", () => {
    expect(apiErrorFor({ ...init(400, "bad_request"), hint: "Check the inputs" }).message).toMatch(
      /Check the inputs$/,
    );
    expect(apiErrorFor(init(401)).message).toMatch(/Set the API key/);
    expect(apiErrorFor(init(403, "forbidden")).message).toMatch(/Set the API key/);
  });
});
