/**
 * The lookups against the emulator: every object they read (projects, profiles, proxies,
 * browser pools, extensions, apps and deployments), through the
 * provider's settings (a config source) and the shared client. Every request they send is a
 * GET the emulator's OpenAPI document knows.
 */
import { type Emulator, startEmulator } from "../../src/emulator";
import { matchOperation } from "../../src/emulator/openapi";
import { runLookup } from "../../src/lookups/core";
import { AmbiguousLookupError, LookupNotFoundError } from "../../src/lookups/errors";
import { createHash } from "node:crypto";
import type { ExtensionStore } from "../../src/emulator";
import { zipOf } from "../../src/extension/zip";
import { appLookup } from "../../src/lookups/getApp";
import { browserPoolLookup } from "../../src/lookups/getBrowserPool";
import { extensionLookup } from "../../src/lookups/getExtension";
import { projectLookup } from "../../src/lookups/getProject";
import { deploymentLookup } from "../../src/lookups/getDeployment";
import { profileLookup } from "../../src/lookups/getProfile";
import { proxyLookup } from "../../src/lookups/getProxy";
import { configOf } from "../support/lookups";
import { caller } from "../emulator/resourceClient";

const KEY = "sk_emulator_lookups_key";
let emulator: Emulator;
const call = caller(() => emulator.url, KEY);

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: KEY, projects: [{ id: "proj_team", name: "team" }] });
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => emulator.reset());

/** A lookup's deps: the stack's config names the emulator; `env` as given. */
const deps = (config: Record<string, string> = {}, env: NodeJS.ProcessEnv = {}) => ({
  config: configOf({ "kernel:apiKey": KEY, "kernel:baseUrl": emulator.url, ...config }),
  env,
});

afterEach(() => {
  // Every request a lookup sent was a GET of an operation the document has.
  for (const entry of emulator.requests()) {
    const segments = entry.path.split("?")[0].split("/").filter(Boolean).map(decodeURIComponent);
    expect([entry.method, matchOperation(entry.method, segments).operationKnown]).toEqual([
      "GET",
      true,
    ]);
  }
});

describe("getProfile against the emulator", () => {
  it("finds a profile by name or id in the project asked, and not in another", async () => {
    const made = (await call("POST", "/profiles", { name: "shopper" }, { project: "team" })).body;
    emulator.clearRequests();
    const byName = await runLookup(profileLookup, { name: "shopper", project: "team" }, deps());
    expect(byName).toMatchObject({ id: made.id, name: "shopper", project: "team" });
    // kernel:project picks the project when the call names none.
    const byId = await runLookup(
      profileLookup,
      { id: made.id },
      deps({ "kernel:project": "team" }),
    );
    expect(byId.id).toBe(made.id);
    await expect(runLookup(profileLookup, { name: "shopper" }, deps())).rejects.toThrow(
      new LookupNotFoundError(
        'getProfile: no profile with name "shopper" in the default project (404 not_found)',
      ),
    );
    expect(emulator.requests().map((r) => r.projectHeaders ?? [])).toEqual([
      ["x-kernel-project"],
      ["x-kernel-project"],
      [],
    ]);
  });
});

describe("getProxy against the emulator", () => {
  it("finds a proxy by id or by a unique name; a shared name names the ids", async () => {
    const office = (await call("POST", "/proxies", { type: "isp", name: "office" })).body;
    const a = (await call("POST", "/proxies", { type: "isp", name: "shared" })).body;
    const b = (await call("POST", "/proxies", { type: "mobile", name: "shared" })).body;
    emulator.clearRequests();
    expect(await runLookup(proxyLookup, { name: "office" }, deps())).toMatchObject({
      id: office.id,
      type: "isp",
    });
    expect((await runLookup(proxyLookup, { id: b.id }, deps())).type).toBe("mobile");
    const err = await runLookup(proxyLookup, { name: "shared" }, deps()).catch((e: Error) => e);
    expect(err).toBeInstanceOf(AmbiguousLookupError);
    expect((err as AmbiguousLookupError).matches).toEqual([a.id, b.id]);
    expect((err as Error).message).toContain(`(${a.id}, ${b.id})`);
  });
});

describe("getApp and getDeployment against the emulator", () => {
  it("wire an app's version to its deployment, in the project of KERNEL_PROJECT_ID", async () => {
    const old = emulator.seed("deployments", { status: "stopped" }, "team");
    const live = emulator.seed(
      "deployments",
      { env_vars: { TOKEN: "s3cr3t" }, entrypoint_rel_path: "index.ts" },
      "team",
    );
    emulator.seed("apps", { app_name: "scraper", version: "1", deployment: old.id }, "team");
    emulator.seed(
      "apps",
      { app_name: "scraper", version: "2", deployment: live.id, actions: [{ name: "scrape" }] },
      "team",
    );
    const env = { KERNEL_PROJECT_ID: "proj_team" };

    const app = await runLookup(appLookup, { name: "scraper", version: "2" }, deps({}, env));
    expect(app).toMatchObject({
      name: "scraper",
      version: "2",
      deploymentId: live.id,
      actions: ["scrape"],
      envVarKeys: ["TOKEN"],
      project: "proj_team",
    });
    const deployment = await runLookup(deploymentLookup, { id: app.deploymentId }, deps({}, env));
    expect(deployment).toMatchObject({
      id: live.id,
      status: "running",
      entrypointRelPath: "index.ts",
      envVarKeys: ["TOKEN"],
    });
    expect(JSON.stringify([app, deployment])).not.toContain("s3cr3t");
    expect((await runLookup(appLookup, { id: app.id }, deps({}, env))).version).toBe("2");
    expect(emulator.requests().map((r) => r.projectHeaders)).toEqual([
      ["x-kernel-project-id"],
      ["x-kernel-project-id"],
      ["x-kernel-project-id"],
    ]);
  });

  it("an app name with several versions and no version is an error naming them", async () => {
    const dep = emulator.seed("deployments", {});
    emulator.seed("apps", { app_name: "scraper", version: "1", deployment: dep.id });
    emulator.seed("apps", { app_name: "scraper", version: "2", deployment: dep.id });
    await expect(runLookup(appLookup, { name: "scraper" }, deps())).rejects.toThrow(
      /app "scraper" in the default project has 2 versions \(1, 2\); give `version`/,
    );
    await expect(runLookup(appLookup, { name: "mailer" }, deps())).rejects.toThrow(
      LookupNotFoundError,
    );
  });

  it("a deployment of another project is not found, naming the id and project", async () => {
    const dep = emulator.seed("deployments", {}, "team");
    await expect(runLookup(deploymentLookup, { id: dep.id as string }, deps())).rejects.toThrow(
      `getDeployment: no deployment with id "${dep.id}" in the default project (404 not_found)`,
    );
  });
});

describe("getProject, getBrowserPool and getExtension against the emulator", () => {
  it("getProject finds a project by name, and with no arguments the configured one", async () => {
    const made = (await call("POST", "/org/projects", { name: "agents" })).body;
    emulator.clearRequests();
    expect(await runLookup(projectLookup, { name: "agents" }, deps())).toMatchObject({
      id: made.id,
      name: "agents",
    });
    const configured = await runLookup(projectLookup, {}, deps({ "kernel:project": made.id }));
    expect(configured.id).toBe(made.id);
    await expect(runLookup(projectLookup, { name: "nobody" }, deps())).rejects.toBeInstanceOf(
      LookupNotFoundError,
    );
  });

  it("getBrowserPool finds a pool in the configured project, and not in another", async () => {
    const made = (
      await call("POST", "/browser_pools", { size: 2, name: "warm" }, { project: "team" })
    ).body;
    emulator.clearRequests();
    const found = await runLookup(
      browserPoolLookup,
      { name: "warm" },
      deps({ "kernel:project": "team" }),
    );
    expect(found).toMatchObject({ id: made.id, name: "warm" });
    await expect(runLookup(browserPoolLookup, { name: "warm" }, deps())).rejects.toBeInstanceOf(
      LookupNotFoundError,
    );
  });

  it("getExtension reads an extension's metadata by name, and says so for an unknown id", async () => {
    const archive = zipOf([{ path: "manifest.json", data: Buffer.from("{}") }]);
    const made = emulator
      .storeOf<ExtensionStore>("extensions")
      .create({ file: archive, name: "marker" });
    if (!made.ok) throw new Error(made.error.message);
    const found = await runLookup(extensionLookup, { name: "marker" }, deps());
    expect(found).toMatchObject({
      id: made.value.id,
      name: "marker",
      sizeBytes: archive.length,
      checksum: createHash("sha256").update(archive).digest("hex"),
    });
    await expect(runLookup(extensionLookup, { id: "ext_missing" }, deps())).rejects.toBeInstanceOf(
      LookupNotFoundError,
    );
  });
});
