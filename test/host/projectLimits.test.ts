/**
 * A Project's caps live under `/org/projects/{id}/limits`, so an update and a refresh that
 * involve them make one request more than the core's PATCH and GET: the spec's `afterUpdate`
 * and `afterRead` (src/project/spec.ts). Here they run against the emulator through the real
 * client; the lifecycle through the host follows once the core calls them.
 */
import { startEmulator, type Emulator } from "../../src/emulator";
import type { ProjectStore } from "../../src/emulator/resources/projects/store";
import { typeToken } from "../../src/dynamic/engineKeys";
import { providerText } from "../../src/dynamic/providerText";
import { KernelClient } from "../../src/kernel/client";
import { parseProject } from "../../src/project/api";
import { toOutputs } from "../../src/project/flatten";
import { planChanges } from "../../src/project/patch";
import { projectSpec } from "../../src/project/spec";
import type { ProjectInputs } from "../../src/project/types";
import { type HostFixture, requestLines, startHostFixture } from "../support/hostFixture";

const KEY = "sk_project_limits_test";

describe("the caps' requests, against the emulator", () => {
  let emulator: Emulator;
  let id: string;

  beforeEach(async () => {
    emulator = await startEmulator({ apiKey: KEY });
    const made = emulator.storeOf<ProjectStore>("projects").create({ name: "team-a" });
    if (!made.ok) throw new Error(made.error.message);
    id = made.value.id;
    emulator.storeOf<ProjectStore>("projects").updateLimits(id, { max_concurrent_sessions: 5 });
    emulator.clearRequests();
  });

  afterEach(() => emulator.close());

  const op = () =>
    new KernelClient({ baseUrl: emulator.url, apiKey: KEY }).operation({ secrets: [] });
  const live = () => {
    const found = emulator.storeOf<ProjectStore>("projects").get(id);
    if (!found.ok) throw new Error(found.error.message);
    return parseProject(found.value);
  };
  const olds = toOutputs(
    { ...parseProject({ id: "x", name: "team-a", status: "active" }) },
    { desired: { name: "team-a", limits: { maxConcurrentSessions: 5 } } },
  );

  it("an update of the caps alone is one PATCH of /limits, with only the caps that differ", async () => {
    const desired: ProjectInputs = { name: "team-a", limits: { maxConcurrentInvocations: 2 } };
    const plan = planChanges(olds, desired as never);
    expect(projectSpec.updateBody(plan, olds, desired)).toEqual({});
    const after = await projectSpec.afterUpdate!(op(), id, undefined, plan, olds, desired);
    expect(requestLines(emulator)).toEqual([
      {
        method: "PATCH",
        path: `/org/projects/${id}/limits`,
        body: { max_concurrent_sessions: 0, max_concurrent_invocations: 2 },
      },
    ]);
    const outputs = projectSpec.toOutputs(after!, { desired, olds });
    expect(outputs.limits).toEqual({ maxConcurrentInvocations: 2 });
    expect(planChanges(outputs, desired as never).changed).toEqual([]);
  });

  it("an update that changes no cap sends nothing more", async () => {
    const desired: ProjectInputs = { name: "team-b", limits: { maxConcurrentSessions: 5 } };
    const plan = planChanges(olds, desired as never);
    const patched = live();
    expect(await projectSpec.afterUpdate!(op(), id, patched, plan, olds, desired)).toBe(patched);
    expect(emulator.requests()).toEqual([]);
  });

  it("a refresh reads the caps when the program manages one, and sees their drift", async () => {
    emulator.drift(id, { max_concurrent_sessions: 9 }, "projects");
    const read = await projectSpec.afterRead!(op(), live(), olds);
    expect(projectSpec.toOutputs(read, { olds }).limits).toEqual({ maxConcurrentSessions: 9 });
    expect(requestLines(emulator)).toEqual([{ method: "GET", path: `/org/projects/${id}/limits` }]);
    emulator.clearRequests();
    const { limits: _none, ...unmanaged } = olds;
    await projectSpec.afterRead!(op(), live(), unmanaged);
    expect(emulator.requests()).toEqual([]);
  });
});

// Through the host, once the core calls the spec's afterUpdate and afterRead (they are not in
// ResourceSpec yet): the same rules end to end.
describe("the caps through the host", () => {
  const TYPE = typeToken("Project");
  const TEAM = {
    name: "team-a",
    limits: { maxConcurrentSessions: 5 },
    __provider: providerText("project"),
  };
  let f: HostFixture;

  beforeAll(async () => {
    f = await startHostFixture({ example: false });
  });

  afterAll(() => f?.stop());

  it("a changed cap is one PATCH of /limits; a dropped one is sent as 0; drift is seen", async () => {
    await f.engine.up([{ name: "team", inputs: TEAM, type: TYPE }]);
    const state = f.engine.state.get("team")!;
    f.emulator.clearRequests();
    await f.engine.up([
      { name: "team", inputs: { ...TEAM, limits: { maxConcurrentInvocations: 2 } }, type: TYPE },
    ]);
    expect(requestLines(f.emulator)).toEqual([
      {
        method: "PATCH",
        path: `/org/projects/${state.id}/limits`,
        body: { max_concurrent_sessions: 0, max_concurrent_invocations: 2 },
      },
    ]);
    f.emulator.drift(state.id, { max_concurrent_invocations: 7 }, "projects");
    const [refresh] = await f.engine.refresh();
    expect(refresh.changes).toEqual(["~ limits.maxConcurrentInvocations: 2 => 7"]);
  });
});
