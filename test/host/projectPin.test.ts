/**
 * Projects through Pulumi's dynamic-provider host against the emulator:
 * - a replacement made for another reason stays in the project its object was created in,
 *   whatever `KERNEL_PROJECT` the machine running it has (the pin check carries in the inputs);
 * - one project written two ways (its id and its name; the default project by name) is no move.
 */
import { typeToken } from "../../src/dynamic/engineKeys";
import { providerText } from "../../src/dynamic/providerText";
import { SECRET_OUTPUTS } from "../../src/credential/types";
import { type Declared, MiniEngine } from "../../src/host/engine";
import { type Props, ProviderHost } from "../../src/host/providerHost";
import { HOST_KEY, type HostFixture, REPO_ROOT, startHostFixture } from "../support/hostFixture";

const STAGING = { id: "proj_staging", name: "staging" };

const credential = (extra: Props = {}): Declared => ({
  name: "netflix",
  type: typeToken("Credential"),
  secretOutputs: SECRET_OUTPUTS,
  inputs: {
    name: "netflix-creds",
    domain: "netflix.com",
    values: { username: "me@example.com", password: "pw-pin-3f9a" },
    ...extra,
    __provider: providerText("credential"),
  },
});

let f: HostFixture;

beforeAll(async () => {
  // The machine of the first `up`: KERNEL_PROJECT=staging in its environment.
  f = await startHostFixture({
    example: false,
    env: { KERNEL_PROJECT: "staging" },
    emulator: { projects: [STAGING] },
  });
});

beforeEach(() => f.reset());

afterAll(async () => {
  await f.stop();
});

/** A host on a machine without KERNEL_PROJECT (a CI), with the state of `f.engine`. */
async function elsewhere<T>(run: (engine: MiniEngine) => Promise<T>): Promise<T> {
  const host = await ProviderHost.start({ cwd: REPO_ROOT, env: { PATH: process.env.PATH } });
  try {
    await host.configure({ "kernel:apiKey": HOST_KEY, "kernel:baseUrl": f.emulator.url }, [
      "kernel:apiKey",
    ]);
    const engine = new MiniEngine(host);
    for (const [key, state] of f.engine.state) engine.state.set(key, state);
    return await run(engine);
  } finally {
    await host.stop();
  }
}

describe("a replacement for another reason keeps its project", () => {
  it("created under KERNEL_PROJECT=staging, replaced for a domain change where it is unset: still in staging", async () => {
    await f.engine.up([credential()]);
    const before = f.engine.state.get("netflix")!;
    expect(before.outputs.project).toBe("staging");

    const [preview, step] = await elsewhere(async (engine) => [
      await engine.preview("netflix", credential({ domain: "netflix.de" }).inputs, {
        type: typeToken("Credential"),
      }),
      ...(await engine.up([credential({ domain: "netflix.de" })])),
    ]);

    // The preview shows the domain alone: there is no move.
    expect(preview.diff?.replaces).toEqual(["domain"]);
    expect(step.kind).toBe("replace");
    const posts = f.emulator.requests().filter((r) => r.method === "POST");
    expect(posts.map((r) => r.project)).toEqual(["proj_staging", "proj_staging"]);
    const live = f.emulator.objects("credentials");
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ domain: "netflix.de" });
  });

  it("created in the default project, replaced where KERNEL_PROJECT=staging is set: still in the default project", async () => {
    // The first `up` on a machine without the variable.
    const created = await elsewhere(async (engine) => {
      await engine.up([credential()]);
      return engine.state.get("netflix")!;
    });
    expect(created.outputs).not.toHaveProperty("project");
    f.engine.state.set("netflix", created);
    f.emulator.clearRequests();

    // Then from this machine, KERNEL_PROJECT=staging.
    const [step] = await f.engine.up([credential({ domain: "netflix.de" })]);

    expect(step.kind).toBe("replace");
    const posts = f.emulator.requests().filter((r) => r.method === "POST");
    expect(posts.map((r) => r.project ?? "default")).toEqual(["default"]);
    expect(f.engine.state.get("netflix")!.outputs).not.toHaveProperty("project");
  });

  it("a refresh pins the recorded project for a state whose inputs hold no pin", async () => {
    await f.engine.up([credential()]);
    const state = f.engine.state.get("netflix")!;
    const { __project: _pin, ...unpinned } = state.inputs;
    state.inputs = unpinned;
    await elsewhere(async (engine) => {
      await engine.refresh();
      expect(engine.state.get("netflix")!.inputs.__project).toBe("staging");
      const [step] = await engine.up([credential({ domain: "netflix.de" })]);
      expect(step.kind).toBe("replace");
    });
    const posts = f.emulator.requests().filter((r) => r.method === "POST");
    expect(posts.map((r) => r.project)).toEqual(["proj_staging", "proj_staging"]);
  });
});

describe("one project written two ways is no move", () => {
  it("its id where the state has its name", async () => {
    await f.engine.up([credential({ project: "staging" })]);
    f.emulator.clearRequests();
    const [step] = await f.engine.up([credential({ project: "proj_staging" })]);
    expect(step.kind).toBe("same");
    // One GET in "proj_staging" found the object there; nothing else was sent.
    expect(f.emulator.requests().map((r) => `${r.method} ${r.project} ${r.status}`)).toEqual([
      "GET proj_staging 200",
    ]);
  });

  it("the default project by name where the state has none", async () => {
    await elsewhere(async (engine) => {
      await engine.up([credential()]);
      f.emulator.clearRequests();
      const [step] = await engine.up([credential({ project: "default" })]);
      expect(step.kind).toBe("same");
      expect(f.emulator.requests().map((r) => r.method)).toEqual(["GET"]);
    });
  });

  it("another project is still a move, shown in the preview", async () => {
    await f.engine.up([credential({ project: "staging" })]);
    f.emulator.addProject({ id: "proj_prod", name: "prod" });
    const step = await f.engine.preview("netflix", credential({ project: "prod" }).inputs, {
      type: typeToken("Credential"),
    });
    expect(step.diff).toMatchObject({ replaces: ["project"] });
  });
});
