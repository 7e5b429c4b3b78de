import { UNKNOWN } from "./engineKeys";
import {
  createProject,
  createsByProjectId,
  desiredProject,
  projectMoves,
  recordedProject,
} from "./project";

describe("project resolution (docs/behaviour.md)", () => {
  const settings = { project: "cfg", defaultProject: "env" };

  it("desires the input, else config; env is never desired", () => {
    expect(desiredProject("input", settings)).toBe("input");
    expect(desiredProject(undefined, settings)).toBe("cfg");
    expect(desiredProject(undefined, { defaultProject: "env" })).toBeUndefined();
  });

  it("creates in the desired project, else env, else none", () => {
    expect(createProject(undefined, settings)).toBe("cfg");
    expect(createProject(undefined, { defaultProject: "env" })).toBe("env");
    expect(createProject(undefined, {})).toBeUndefined();
  });

  it("takes env KERNEL_PROJECT_ID when KERNEL_PROJECT is unset, and only then sends it by id", () => {
    const both = { defaultProject: "env", defaultProjectId: "proj_tf" };
    expect(createProject(undefined, both)).toBe("env");
    expect(createsByProjectId(undefined, both)).toBe(false);
    expect(createProject(undefined, { defaultProjectId: "proj_tf" })).toBe("proj_tf");
    expect(createsByProjectId(undefined, { defaultProjectId: "proj_tf" })).toBe(true);
    // A desired project (input or config) wins over both, and travels as id-or-name.
    expect(createProject("input", { defaultProjectId: "proj_tf" })).toBe("input");
    expect(createsByProjectId("input", { defaultProjectId: "proj_tf" })).toBe(false);
    expect(createsByProjectId(undefined, { project: "cfg", defaultProjectId: "proj_tf" })).toBe(
      false,
    );
    expect(desiredProject(undefined, { defaultProjectId: "proj_tf" })).toBeUndefined();
  });

  it("moves only when a desired project differs from the recorded one", () => {
    expect(projectMoves({ project: "a" }, undefined)).toBe(false);
    expect(projectMoves({ project: "a" }, "a")).toBe(false);
    expect(projectMoves({ project: "a" }, "b")).toBe(true);
    expect(projectMoves({}, "b")).toBe(true);
    expect(projectMoves({ project: "a" }, UNKNOWN)).toBe(true);
    expect(projectMoves({}, undefined)).toBe(false);
  });

  it("reads the recorded project from state", () => {
    expect(recordedProject({ project: "a" })).toBe("a");
    expect(recordedProject({ project: "" })).toBeUndefined();
    expect(recordedProject({})).toBeUndefined();
  });
});
