/**
 * Lookups inside a Pulumi program (under `pulumi.runtime.setMocks`): the settings come from
 * the stack's config, `kernel:apiKey` set as a secret, and the `...Output` forms take other
 * outputs, so an app's deployment is wired into the stack.
 */
import * as pulumi from "@pulumi/pulumi";
import { type Emulator, startEmulator } from "../../src/emulator";
import {
  Profile,
  getApp,
  getAppOutput,
  getDeploymentOutput,
  getProfile,
  getProfileOutput,
} from "../../src";

const KEY = "sk_emulator_program_key";
let emulator: Emulator;

const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: KEY, projects: [{ id: "proj_team", name: "team" }] });
  await pulumi.runtime.setMocks(
    {
      // A resource named `pending-*` has no id yet, as in a preview before it is created.
      newResource: (args) => ({
        id: args.name.startsWith("pending") ? "" : `${args.name}_id`,
        state: args.inputs,
      }),
      call: (args) => args.inputs,
    },
    "lookups",
    "dev",
    true,
  );
  pulumi.runtime.setAllConfig(
    { "kernel:apiKey": KEY, "kernel:baseUrl": emulator.url, "kernel:project": "team" },
    ["kernel:apiKey"],
  );
});

afterAll(async () => {
  // Every registration the program started is done before the emulator goes.
  await pulumi.runtime.disconnect();
  await emulator.close();
});

describe("lookups in a Pulumi program", () => {
  it("read the stack's config: its key, base URL and project", async () => {
    const dep = emulator.seed("deployments", {}, "team");
    emulator.seed("apps", { app_name: "scraper", version: "3", deployment: dep.id }, "team");
    emulator.clearRequests();
    const app = await getApp({ name: "scraper" });
    expect(app).toMatchObject({ deploymentId: dep.id, project: "team" });
    const [entry] = emulator.requests();
    expect(entry).toMatchObject({ path: "/apps", project: "proj_team" });
  });

  it("wire an app's deployment into the stack through the Output forms", async () => {
    const dep = emulator.seed("deployments", { status: "in_progress" }, "team");
    emulator.seed("apps", { app_name: "mailer", version: "1", deployment: dep.id }, "team");
    // The version arrives as an output, as from another resource or a stack reference.
    const app = getAppOutput({ name: "mailer", version: pulumi.output(Promise.resolve("1")) });
    const deployment = getDeploymentOutput({ id: app.deploymentId });
    expect(await value(deployment.id)).toBe(dep.id);
    expect(await value(deployment.status)).toBe("in_progress");
  });

  it("fail with a clear error, without the key, when nothing matches", async () => {
    const err = await getProfile({ name: "nobody" }).catch((e: Error) => e);
    expect((err as Error).message).toBe(
      'getProfile: no profile with name "nobody" in project "team" (404 not_found)',
    );
    expect((err as Error).stack).not.toContain(KEY);
  });

  it("in a preview, wait for arguments not known yet: no request, an unknown result", async () => {
    const profile = new Profile("pending-profile", { name: "later" });
    emulator.clearRequests();
    const found = getProfileOutput({ id: profile.id });
    const known = (found as unknown as { isKnown: Promise<boolean> }).isKnown;
    expect(await known).toBe(false);
    expect(emulator.requests()).toEqual([]);
  });

  // Last: it adds a key to the stack's config.
  it("refuse an unknown kernel:* key of the stack's config before any request", async () => {
    pulumi.runtime.setConfig("kernel:projectId", "proj_team");
    emulator.clearRequests();
    await expect(getProfile({ name: "nobody" })).rejects.toThrow(
      /Unknown Kernel setting kernel:projectId \(did you mean kernel:project\?\)/,
    );
    expect(emulator.requests()).toEqual([]);
  });
});
