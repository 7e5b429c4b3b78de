/**
 * One Extension (programs/extension.ts) through the real `pulumi`: a relative `source` is
 * resolved in the program's working directory (the folder of its main file) and uploaded in one multipart POST; the same content from
 * another path is no change; changed content is a replacement that deletes first (the name
 * stays); a source check refuses fails the preview before any request; destroy deletes.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../src/host/repoRoot";
import { readSource } from "../../src/extension/source";
import {
  OUTPUT_DIR,
  EmulatorProcess,
  PulumiStack,
  changedSteps,
  saveOutput,
  stepSummary,
} from "./harness";

const API_KEY = "sk_e2e_extension_key_5b1e0c7d";
const PROGRAM = { name: "pulumi-kernel-extension", main: "test/pulumi/programs/extension.ts" };
/** The fixture, from the program's directory (test/pulumi/programs), where `pulumi` runs it. */
const RELATIVE = "../../fixtures/extension";
const FIXTURE = path.join(REPO_ROOT, "test", "fixtures", "extension");
const TYPE = "pulumi-nodejs:dynamic/kernel:Extension";

let emulator: EmulatorProcess;
let stack: PulumiStack;
let copyDir: string;

function sha256Of(source: string): string {
  const read = readSource(source);
  if (!read.ok) throw new Error(read.problem);
  return read.archive.sha256;
}

async function extension() {
  const { resources } = await stack.exportState();
  return resources.find((r) => r.type === TYPE)!;
}

async function sent(step: () => Promise<unknown>) {
  await emulator.clearRequests();
  await step();
  return (await emulator.requests()).map((r) => `${r.method} ${r.path}`);
}

beforeAll(async () => {
  emulator = await EmulatorProcess.start(API_KEY);
  stack = new PulumiStack("extension", PROGRAM);
  await stack.init(
    { "kernel:baseUrl": emulator.url, source: RELATIVE, name: "e2e-marker" },
    {
      "kernel:apiKey": API_KEY,
    },
  );
  copyDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-kernel-e2e-extension-copy-"));
});

afterAll(async () => {
  stack?.saveTranscript(OUTPUT_DIR);
  await emulator?.stop();
  stack?.remove();
  if (copyDir) fs.rmSync(copyDir, { recursive: true, force: true });
});

describe("an Extension through the real CLI", () => {
  it("uploads a relative source, resolved in the program's directory, in one multipart POST", async () => {
    expect(await sent(() => stack.ok(["up", "--yes", "--skip-preview"]))).toEqual([
      "POST /extensions",
    ]);
    const expected = sha256Of(FIXTURE);
    const [live] = await emulator.objects("extensions");
    expect(live).toMatchObject({ name: "e2e-marker", checksum: expected });
    const state = await extension();
    expect(state.id).toBe(live.id);
    expect(state.outputs).toMatchObject({
      source: FIXTURE,
      sourceSha256: expected,
      checksum: expected,
    });
  });

  it("the same content from another path is no change, and sends nothing", async () => {
    const moved = path.join(copyDir, "moved");
    fs.cpSync(FIXTURE, moved, { recursive: true });
    await stack.config("source", moved);
    const preview = await stack.previewJson();
    expect(changedSteps(preview)).toEqual({});
    expect(await sent(() => stack.ok(["up", "--yes", "--skip-preview"]))).toEqual([]);
  });

  it("changed content replaces, deleting first since the name stays", async () => {
    const before = await extension();
    const moved = path.join(copyDir, "moved");
    fs.appendFileSync(path.join(moved, "content.js"), "// changed\n");
    const { stdout } = await stack.ok(["preview", "--diff"]);
    saveOutput("extension-changed-content-preview-diff.txt", stdout);
    expect(stdout).toMatch(/sourceSha256/);
    const step = changedSteps(await stack.previewJson())["Extension::marker"];
    saveOutput(
      "extension-changed-content-preview.json",
      JSON.stringify(stepSummary(step), null, 2),
    );
    // The preview names the content hash alone: the path is the same, and a path is no key.
    expect(step).toMatchObject({
      op: "replace",
      diffReasons: ["sourceSha256"],
      replaceReasons: ["sourceSha256"],
    });
    // Deleting first shows in the order of the requests.
    expect(await sent(() => stack.ok(["up", "--yes", "--skip-preview"]))).toEqual([
      `DELETE /extensions/${before.id}`,
      "POST /extensions",
    ]);
    const [live] = await emulator.objects("extensions");
    expect(live.checksum).toBe(sha256Of(moved));
  });

  it("a source without manifest.json fails the preview on source, before any request", async () => {
    const bare = path.join(copyDir, "bare");
    fs.mkdirSync(bare);
    fs.writeFileSync(path.join(bare, "content.js"), "void 0;\n");
    await stack.config("source", bare);
    await emulator.clearRequests();
    const result = await stack.run(["preview"]);
    saveOutput("extension-no-manifest-preview.txt", `${result.stdout}\n${result.stderr}`);
    expect(result.code).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toMatch(
      /property source .* has a problem: ".*bare" has no manifest\.json at the directory's root/,
    );
    expect(await emulator.requests()).toEqual([]);
  });

  it("destroy deletes it", async () => {
    const state = await extension();
    await stack.config("source", path.join(copyDir, "moved"));
    expect(await sent(() => stack.ok(["destroy", "--yes", "--skip-preview"]))).toEqual([
      `DELETE /extensions/${state.id}`,
    ]);
    expect(await emulator.objects("extensions")).toEqual([]);
  });
});
