/**
 * `pulumi-kernel doctor` against the emulator: what it says about the org, the project and the
 * plan, the one project header it sends (as a create would), its exit codes, and that the key
 * never appears in what it prints. The last test runs the built bin as a user would.
 */
import type { ConnectionStore } from "../../src/emulator/resources/authConnections/store";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { runDoctor } from "../../src/cli/doctor";
import { type Emulator, startEmulator } from "../../src/emulator";
import { REPO_ROOT } from "../../src/host/repoRoot";

const KEY = "sk_doctor_key_never_printed_4f7a";
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({
    apiKey: KEY,
    plan: "startup",
    maxAuthConnections: 3,
    projects: [{ id: "proj_staging", name: "staging" }],
  });
});

beforeEach(() => {
  emulator.reset();
});

afterAll(() => emulator.close());

async function doctor(env: NodeJS.ProcessEnv, args: string[] = []) {
  const lines: string[] = [];
  const code = await runDoctor(args, {
    env: { KERNEL_BASE_URL: emulator.url, ...env },
    out: (line) => lines.push(line),
  });
  const text = lines.join("\n");
  expect(text).not.toContain(KEY);
  return { code, text };
}

it("says which org and project a working key reaches, and the plan's limits", async () => {
  emulator
    .storeOf<ConnectionStore>("authConnections")
    .create({ profile_name: "p", domain: "a.com" });
  const { code, text } = await doctor({ KERNEL_API_KEY: KEY });
  expect(code).toBe(0);
  expect(text).toContain("API key: works (from KERNEL_API_KEY; not shown)");
  expect(text).toContain("Organisation: org_emulator");
  expect(text).toContain("Project asked for: none set: the org's default project");
  expect(text).toContain("Project reached: proj_default (the org's default project)");
  expect(text).toContain("Plan minimum health-check interval: 1200 seconds");
  expect(text).toContain("Auth connections: 1 in use across the org, of at most 3 on this plan");
  expect(emulator.requests().map((r) => `${r.method} ${r.path} ${r.projectHeaders ?? []}`)).toEqual(
    ["GET /auth/context ", "GET /org/limits "],
  );
});

it("sends KERNEL_PROJECT_ID alone in X-Kernel-Project-Id, and a name in X-Kernel-Project", async () => {
  const byId = await doctor({ KERNEL_API_KEY: KEY, KERNEL_PROJECT_ID: "proj_staging" });
  expect(byId.code).toBe(0);
  expect(byId.text).toContain(
    'Project asked for: "proj_staging" (from KERNEL_PROJECT_ID, sent as X-Kernel-Project-Id)',
  );
  expect(byId.text).toContain("Project reached: proj_staging");
  const byName = await doctor({ KERNEL_API_KEY: KEY }, ["--project", "staging"]);
  expect(byName.text).toContain('"staging" (from --project, sent as X-Kernel-Project)');
  expect(byName.text).toContain("Project reached: proj_staging");
  // /org/limits is org-wide: no header.
  expect(emulator.requests().map((r) => r.projectHeaders ?? [])).toEqual([
    ["x-kernel-project-id"],
    [],
    ["x-kernel-project"],
    [],
  ]);
});

it("says that KERNEL_PROJECT wins when both variables are set", async () => {
  const { code, text } = await doctor({
    KERNEL_API_KEY: KEY,
    KERNEL_PROJECT: "staging",
    KERNEL_PROJECT_ID: "proj_default",
  });
  expect(code).toBe(0);
  expect(text).toContain('KERNEL_PROJECT wins, "proj_default" is not used');
  expect(text).toContain("Project reached: proj_staging");
});

it("exits 1 for a refused key, an unknown project or no key, without printing a key", async () => {
  const wrong = "sk_wrong_key_that_must_not_print_91";
  const refused = await doctor({ KERNEL_API_KEY: wrong });
  expect(refused.code).toBe(1);
  expect(refused.text).toContain("the API refused the key (401)");
  expect(refused.text).not.toContain(wrong);
  const unknown = await doctor({ KERNEL_API_KEY: KEY, KERNEL_PROJECT: "prod" });
  expect(unknown.code).toBe(1);
  expect(unknown.text).toMatch(/project "prod" \(KERNEL_PROJECT\) is not in its org/);
  const none = await doctor({});
  expect(none.code).toBe(1);
  expect(none.text).toContain("no API key");
  // A key with a line break in it is refused by name, never shown.
  const pasted = await doctor({ KERNEL_API_KEY: `${KEY}\nx` });
  expect(pasted.code).toBe(1);
  expect(pasted.text).toContain("KERNEL_API_KEY contains a control character");
});

it("says when the plan's limits cannot be read, and still passes a working key", async () => {
  emulator.injectFault({ kind: "status", method: "GET", path: "/org/limits", status: 403 });
  const { code, text } = await doctor({ KERNEL_API_KEY: KEY });
  expect(code).toBe(0);
  expect(text).toMatch(/Plan limits: could not be read \(GET \/org\/limits failed with 403/);
});

it("runs as `pulumi-kernel doctor` from the built bin, with its exit code", async () => {
  const run = (key: string) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [path.join(REPO_ROOT, "dist", "cli", "main.js"), "doctor"],
        { env: { PATH: process.env.PATH, KERNEL_API_KEY: key, KERNEL_BASE_URL: emulator.url } },
      );
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      child.on("close", (code) => resolve({ code, out }));
    });
  const good = await run(KEY);
  expect(good).toMatchObject({
    code: 0,
    out: expect.stringContaining("Organisation: org_emulator"),
  });
  expect(good.out).not.toContain(KEY);
  const bad = await run("sk_bad_key_for_the_bin_test_000");
  expect(bad.code).toBe(1);
  expect(bad.out).not.toContain("sk_bad_key_for_the_bin_test_000");
});
