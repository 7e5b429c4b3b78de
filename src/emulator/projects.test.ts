import { DEFAULT_PROJECT, parseProjectSpec, Projects } from "./projects";

describe("Projects", () => {
  const projects = new Projects(DEFAULT_PROJECT, [{ id: "proj_b", name: "team-b" }]);

  it("resolves no header to the default, an id or exact name to its project", () => {
    expect(projects.resolve({})).toEqual({ ok: true, value: DEFAULT_PROJECT });
    for (const header of ["proj_b", "team-b"]) {
      expect(projects.resolve({ "x-kernel-project": header })).toMatchObject({
        ok: true,
        value: { id: "proj_b" },
      });
    }
    expect(projects.resolve({ "x-kernel-project-id": "proj_b" })).toMatchObject({ ok: true });
  });

  it("answers 404 project_not_found for an unknown project, a near name included", () => {
    for (const header of ["Team-B", "proj_c", "team-b "]) {
      expect(projects.resolve({ "x-kernel-project": header })).toMatchObject({
        ok: false,
        status: 404,
        error: { code: "project_not_found" },
      });
    }
    // The older header takes ids only.
    expect(projects.resolve({ "x-kernel-project-id": "team-b" })).toMatchObject({
      status: 404,
      error: { code: "project_not_found", message: expect.stringMatching(/X-Kernel-Project\)/) },
    });
  });

  it("takes both headers when they name one project, and refuses them when they differ", () => {
    // What the API does with both is not documented; clients send one (the provider too).
    expect(
      projects.resolve({ "x-kernel-project": "team-b", "x-kernel-project-id": "proj_b" }),
    ).toMatchObject({ ok: true, value: { id: "proj_b" } });
    expect(
      projects.resolve({ "x-kernel-project": "default", "x-kernel-project-id": "proj_b" }),
    ).toMatchObject({ ok: false, status: 400, error: { code: "bad_request" } });
  });

  it("refuses a clash of ids or names and bad specs", () => {
    expect(() => projects.add({ id: "proj_b", name: "other" })).toThrow(/clashes/);
    expect(() => projects.add({ id: "proj_x", name: "team-b" })).toThrow(/clashes/);
    expect(parseProjectSpec("proj_c=team c")).toEqual({ id: "proj_c", name: "team c" });
    expect(() => parseProjectSpec("proj_c")).toThrow(/ID=NAME/);
  });
});
