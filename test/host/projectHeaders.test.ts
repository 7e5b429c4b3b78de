/**
 * Which project header the provider sends, through Pulumi's dynamic-provider host against the
 * emulator: one header per request, as the Python SDK 0.131 sends them. The id of env
 * `KERNEL_PROJECT_ID` (the Terraform provider's variable) travels in `X-Kernel-Project-Id`; a
 * value that may be a name (the `project` input, config, `KERNEL_PROJECT`, the project recorded
 * in state) in `X-Kernel-Project`.
 */
import { providerText } from "../../src/dynamic/providerText";
import { HOST_KEY, type HostFixture, startHostFixture } from "../support/hostFixture";

const PROFILE = { name: "team-netflix", __provider: providerText("profile") };

let f: HostFixture;

beforeAll(async () => {
  f = await startHostFixture({
    example: false,
    emulator: { projects: [{ id: "proj_staging", name: "staging" }] },
    env: { KERNEL_PROJECT_ID: "proj_staging" },
  });
});

beforeEach(() => f.reset());

afterAll(() => f?.stop());

const headersSent = () =>
  f.emulator.requests().map((r) => [r.method, r.projectHeaders ?? [], r.project ?? null]);

it("creates in KERNEL_PROJECT_ID's project with X-Kernel-Project-Id alone, and records it", async () => {
  await f.engine.up([{ name: "profile", inputs: PROFILE }]);
  expect(headersSent()).toEqual([["POST", ["x-kernel-project-id"], "proj_staging"]]);
  expect(f.engine.state.get("profile")!.outputs.project).toBe("proj_staging");
  expect(f.emulator.storeOf<{ all(): unknown[] }>("profiles", "staging").all()).toHaveLength(1);
});

it("later calls send the recorded project in X-Kernel-Project, which takes an id or a name", async () => {
  await f.engine.up([{ name: "profile", inputs: PROFILE }]);
  f.emulator.clearRequests();
  await f.engine.up([{ name: "profile", inputs: { ...PROFILE, name: "team-2" } }]);
  await f.engine.refresh();
  await f.engine.destroy();
  expect(headersSent()).toEqual([
    ["PATCH", ["x-kernel-project"], "proj_staging"],
    ["GET", ["x-kernel-project"], "proj_staging"],
    ["DELETE", ["x-kernel-project"], "proj_staging"],
  ]);
});

it("a project input wins over KERNEL_PROJECT_ID and travels as a name in X-Kernel-Project", async () => {
  await f.engine.up([{ name: "profile", inputs: { ...PROFILE, project: "default" } }]);
  expect(headersSent()).toEqual([["POST", ["x-kernel-project"], "proj_default"]]);
  expect(f.engine.state.get("profile")!.outputs.project).toBe("default");
});

it("the emulator refuses a name in X-Kernel-Project-Id as the API does, saying where names go", async () => {
  const res = await fetch(`${f.emulator.url}/profiles`, {
    headers: { authorization: `Bearer ${HOST_KEY}`, "x-kernel-project-id": "staging" },
  });
  expect(res.status).toBe(404);
  expect(await res.json()).toMatchObject({
    code: "project_not_found",
    message: expect.stringContaining("send a project name in X-Kernel-Project"),
  });
});
