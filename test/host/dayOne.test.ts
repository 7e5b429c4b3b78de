/**
 * Traps a team meets on its first day, through Pulumi's dynamic-provider host as `pulumi up`
 * runs it: a mistyped `kernel:*` setting (the host hands `configure` the whole config map),
 * and `get` by id in a stack whose objects live in another project than the default.
 */
import { providerText } from "../../src/dynamic/providerText";
import { type HostFixture, startHostFixture } from "../support/hostFixture";

const PROFILE = { name: "team-netflix", __provider: providerText("profile") };
const URN = "urn:pulumi:stack::proj::pulumi-nodejs:dynamic/kernel:Profile::profile";

describe("a mistyped kernel:* setting", () => {
  let f: HostFixture;

  beforeAll(async () => {
    // kernel:baseURL (capital URL) beside the right key: ignored, it would send the key to the
    // production API.
    f = await startHostFixture({
      example: false,
      config: { "kernel:baseURL": "http://127.0.0.1:9" },
    });
  });

  afterAll(() => f?.stop());

  it("fails the preview's check with the setting it meant", async () => {
    const checked = await f.host.check(URN, {}, PROFILE);
    expect(checked.failures).toEqual([
      {
        property: "",
        reason: expect.stringMatching(
          /^Unknown Kernel setting kernel:baseURL \(did you mean kernel:baseUrl\?\): nothing was sent/,
        ),
      },
    ]);
  });

  it("fails the operation with the setting it meant, before any request", async () => {
    const err = await f.host.create(URN, PROFILE).catch((e: Error) => e);
    expect((err as Error).message).toMatch(
      /Unknown Kernel setting kernel:baseURL \(did you mean kernel:baseUrl\?\): nothing was sent/,
    );
    expect(f.emulator.requests()).toEqual([]);
  });
});

describe("get by id in a stack configured for another project", () => {
  let f: HostFixture;

  beforeAll(async () => {
    f = await startHostFixture({
      example: false,
      emulator: { projects: [{ id: "proj_staging", name: "staging" }] },
      config: { "kernel:project": "staging" },
    });
  });

  afterAll(() => f?.stop());

  it("reads from the stack's project, as create did", async () => {
    const { id } = await f.host.create(URN, PROFILE);
    f.emulator.clearRequests();
    // What `Profile.get("profile", id)` sends: no state, only the provider text.
    const read = await f.host.read(id, URN, { __provider: providerText("profile") });
    expect(read.id).toBe(id);
    expect(read.properties).toMatchObject({ name: "team-netflix", project: "staging" });
    expect(f.emulator.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /profiles/${id}`,
    ]);
  });

  it("a refresh of an object recorded without a project still reads the default project", async () => {
    // Made in the default project before the stack set kernel:project: refresh must not
    // look for it in staging (where it would seem deleted).
    const { id } = await f.host.create(URN, { ...PROFILE, project: "default" });
    const recordedInDefault = { name: "team-netflix", __provider: providerText("profile") };
    const read = await f.host.read(id, URN, recordedInDefault);
    expect(read.id).toBe(id);
  });
});
