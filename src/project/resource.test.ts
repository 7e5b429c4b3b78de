import { mockRegistrations, outputValue } from "../../test/support/registrationMocks";
import { providerText } from "../dynamic/providerText";
import { Profile } from "../profile/resource";
import { Project, type ProjectArgs } from "./resource";

describe("Project under pulumi.runtime.setMocks", () => {
  const { registered } = mockRegistrations({
    newId: (args) => `${args.name}_mock`,
    state: () => ({ status: "active", archived: false }),
  });

  it("registers the type token, the args and its own __provider; outputs come back typed", async () => {
    const team = new Project("team", {
      name: "team-a",
      limits: { maxConcurrentSessions: 10 },
      __provider: "exports.handler = () => ({})",
    } as ProjectArgs);
    expect(await outputValue(team.id)).toBe("team_mock");
    const args = registered.find((r) => r.name === "team")!;
    expect(args.type).toBe("pulumi-nodejs:dynamic/kernel:Project");
    expect(args.inputs).toMatchObject({ name: "team-a", limits: { maxConcurrentSessions: 10 } });
    expect(args.inputs.__provider).toBe(providerText("project"));
    expect(providerText("project")).toBe(
      'exports.handler = () => require("pulumi-kernel/provider").project;',
    );
    expect(await outputValue(team.status)).toBe("active");
    expect(await outputValue(team.limits)).toEqual({ maxConcurrentSessions: 10 });
  });

  it("hands its name to another resource's project input", async () => {
    const team = new Project("team-b", { name: "team-b" });
    const profile = new Profile("in-team", { name: "p", project: team.name });
    await outputValue(profile.id);
    expect(registered.find((r) => r.name === "in-team")!.inputs.project).toBe("team-b");
  });

  it("get reads by id, and isInstance knows its own type", async () => {
    const read = Project.get("existing", "proj_existing");
    expect(await outputValue(read.id)).toBe("proj_existing");
    expect(registered.find((r) => r.name === "existing")!.inputs.__provider).toBe(
      providerText("project"),
    );
    expect(Project.isInstance(read)).toBe(true);
    expect(Project.isInstance({ __pulumiType: "pulumi-nodejs:dynamic/kernel:Profile" })).toBe(
      false,
    );
  });
});
