/**
 * The platform program (examples/platform.ts) through the real `pulumi`: created project first
 * and pool last, every project-scoped request in the new project; a bigger pool and a rotated
 * collector header previewed as exactly those two fields and sent as one PATCH each, the header
 * value never printed or stored in plain text; a lookup in the program (getProfileOutput) reads
 * with the stack's config; destroy in reverse, the project last.
 */
import {
  OUTPUT_DIR,
  EmulatorProcess,
  PulumiStack,
  changedSteps,
  saveOutput,
  stepSummary,
} from "./harness";
import { requestLine } from "../support/requestLine";

const API_KEY = "sk_e2e_platform_key_8c2f41a0";
const TOKEN = "otlp-e2e-token-OLD-31b7";
const NEW_TOKEN = "otlp-e2e-token-NEW-c0d9";
const PROGRAM = { name: "pulumi-kernel-platform", main: "examples/platformIndex.ts" };

let emulator: EmulatorProcess;
let stack: PulumiStack;

/** `METHOD /path` of each request a step sends, each object's id written `{id}`. */
async function sent(step: () => Promise<unknown>): Promise<string[]> {
  await emulator.clearRequests();
  await step();
  return (await emulator.requests()).map(requestLine);
}

beforeAll(async () => {
  emulator = await EmulatorProcess.start(API_KEY);
  stack = new PulumiStack("platform", PROGRAM);
  await stack.init(
    { "kernel:baseUrl": emulator.url },
    { "kernel:apiKey": API_KEY, collectorToken: TOKEN },
  );
});

afterAll(async () => {
  stack?.saveTranscript(OUTPUT_DIR);
  await emulator?.stop();
  stack?.remove();
});

describe("the platform program through the real CLI", () => {
  it("creates the project (and its cap) first, everything in it after, and the pool last", async () => {
    const requests = await sent(() => stack.ok(["up", "--yes", "--skip-preview"]));
    // The program's lookup is the one read; everything else is a write.
    expect(requests.filter((line) => line.startsWith("GET "))).toEqual(["GET /profiles/{id}"]);
    const created = requests.filter((line) => !line.startsWith("GET "));
    expect([...created].sort()).toEqual(
      [
        "POST /org/projects",
        "PATCH /org/projects/{id}/limits",
        "POST /telemetry/destinations",
        "POST /profiles",
        "POST /proxies",
        "POST /extensions",
        "POST /browser_pools",
      ].sort(),
    );
    // The engine runs independent steps at once: the destination (org-wide, no reference to the
    // project) may come at any point; what lives in the project comes after the project.
    const at = (line: string) => created.indexOf(line);
    for (const line of ["POST /profiles", "POST /proxies", "POST /extensions"]) {
      expect(at(line)).toBeGreaterThan(at("POST /org/projects"));
    }
    expect(created.at(-1)).toBe("POST /browser_pools");
    const [project] = (await emulator.objects("projects")).filter((p) => p.name === "agents");
    const inProject = (await emulator.requests()).filter(
      (r) => !/^\/(org|telemetry)\//.test(r.path),
    );
    expect(inProject.map((r) => r.project)).toEqual(inProject.map(() => project.id));
    const [pool] = await emulator.objects("browser_pools");
    expect(pool).toMatchObject({ name: "warm", browser_pool_config: { size: 2 } });
    // The program's lookup (getProfileOutput) read the profile by name, with the stack's config.
    const outputs = JSON.parse((await stack.ok(["stack", "output", "--json"])).stdout);
    const [profile] = (await emulator.objects("profiles")).filter((p) => p.name === "shopper");
    expect(outputs.shopperProfileId).toBe(profile.id);
  });

  it("a no-op preview is quiet, and its one request is the program's lookup", async () => {
    expect(
      await sent(async () => expect(changedSteps(await stack.previewJson())).toEqual({})),
    ).toEqual(["GET /profiles/{id}"]);
  });

  it("a bigger pool and a rotated header are exactly those two fields, one PATCH each", async () => {
    await stack.config("poolSize", "3");
    await stack.config("collectorToken", NEW_TOKEN, true);
    const { stdout } = await stack.ok(["preview", "--diff"]);
    saveOutput("platform-grow-and-rotate-preview-diff.txt", stdout);
    expect(stdout).not.toContain(NEW_TOKEN);
    expect(stdout).not.toContain(TOKEN);
    const steps = changedSteps(await stack.previewJson());
    saveOutput(
      "platform-grow-and-rotate-preview.json",
      JSON.stringify(
        Object.fromEntries(Object.entries(steps).map(([k, s]) => [k, stepSummary(s)])),
        null,
        2,
      ),
    );
    expect(Object.keys(steps).sort()).toEqual([
      "BrowserPool::warm",
      "TelemetryDestination::collector",
    ]);
    expect(steps["BrowserPool::warm"]).toMatchObject({ op: "update", diffReasons: ["size"] });
    expect(steps["TelemetryDestination::collector"]).toMatchObject({
      op: "update",
      diffReasons: ["headers"],
    });
    await emulator.clearRequests();
    await stack.ok(["up", "--yes", "--skip-preview"]);
    const patches = (await emulator.requests())
      .filter((r) => r.method !== "GET")
      .map((r) => ({ method: r.method, body: r.body }));
    expect(patches).toEqual(
      expect.arrayContaining([
        { method: "PATCH", body: { size: 3, discard_all_idle: true } },
        { method: "PATCH", body: { headers: { Authorization: `Bearer ${NEW_TOKEN}` } } },
      ]),
    );
    expect(patches).toHaveLength(2);
    const { text } = await stack.exportState();
    expect(text).not.toContain(NEW_TOKEN);
  });

  it("destroy deletes the pool first and the project last, leaving nothing", async () => {
    const deleted = await sent(() => stack.ok(["destroy", "--yes", "--skip-preview"]));
    expect(deleted[0]).toBe("DELETE /browser_pools/{id}");
    expect(deleted).toHaveLength(6);
    // The project goes after everything in it (the destination, org-wide, at any point).
    const projectAt = deleted.indexOf("DELETE /org/projects/{id}");
    for (const line of [
      "DELETE /profiles/{id}",
      "DELETE /proxies/{id}",
      "DELETE /extensions/{id}",
    ]) {
      expect(deleted.indexOf(line)).toBeLessThan(projectAt);
    }
    for (const module of ["browser_pools", "extensions", "profiles", "telemetry_destinations"]) {
      expect(await emulator.objects(module)).toEqual([]);
    }
    // The emulator process starts with a seeded proxy of its own; the program's is gone.
    expect((await emulator.objects("proxies")).map((p) => p.name)).not.toContain("egress-us");
  });
});
