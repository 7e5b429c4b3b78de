/**
 * An Extension's life through Pulumi's dynamic-provider host against the emulator: one
 * multipart upload whose checksum is held to the archive's hash, no change when the same
 * content moves, a replacement when it changes, sources refused before any request, a checksum
 * the API answers otherwise recorded as a partial failure, a lost upload answer recovered,
 * adoption by name, and delete.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TOKEN_PREFIX } from "../../src/dynamic/engineKeys";
import { providerText } from "../../src/dynamic/providerText";
import type { ExtensionStore } from "../../src/emulator/resources/extensions/store";
import { MAX_EXTENSION_ARCHIVE_BYTES } from "../../src/kernel/limits";
import { readSource } from "../../src/extension/source";
import { HostCallError } from "../../src/host/providerHost";
import {
  type HostFixture,
  REPO_ROOT,
  requestLines,
  startHostFixture,
} from "../support/hostFixture";

const FIXTURE = path.join(REPO_ROOT, "test", "fixtures", "extension");
const TYPE = `${TOKEN_PREFIX}Extension`;
const TEXT = providerText("extension");

let f: HostFixture;
let root: string;

beforeAll(async () => {
  f = await startHostFixture({ example: false });
});

beforeEach(async () => {
  await f.reset();
  root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-kernel-ext-host-"));
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

afterAll(() => f?.stop());

/** A copy of the fixture extension at `name` under the test's directory. */
function copy(name: string): string {
  const to = path.join(root, name);
  fs.cpSync(FIXTURE, to, { recursive: true });
  return to;
}

function sha256Of(source: string): string {
  const read = readSource(source);
  if (!read.ok) throw new Error(read.problem);
  return read.archive.sha256;
}

/** What Pulumi does with a partial failure: records the object from `initFailed`. */
function recordPartialFailure(
  failed: NonNullable<HostCallError["initFailed"]>,
  inputs: Record<string, unknown>,
) {
  f.engine.state.set("ext", {
    name: "ext",
    urn: `urn:pulumi:dev::pulumi-kernel::${TYPE}::ext`,
    id: failed.id,
    inputs: { ...inputs, __provider: TEXT },
    outputs: failed.properties,
    initErrors: failed.reasons,
  });
}

const declare = (inputs: Record<string, unknown>) => [
  { name: "ext", type: TYPE, inputs: { ...inputs, __provider: TEXT } },
];

async function created(inputs: Record<string, unknown>) {
  const [step] = await f.engine.up(declare(inputs));
  expect(step.kind).toBe("create");
  f.emulator.clearRequests();
  return f.engine.state.get("ext")!;
}

it("creates with one multipart POST and records the hash the API's checksum confirms", async () => {
  const source = copy("marker");
  await f.engine.up(declare({ source, name: "marker" }));
  const [live] = f.emulator.objects("extensions");
  expect(requestLines(f.emulator)).toEqual([
    {
      method: "POST",
      path: "/extensions",
      body: {
        file: {
          filename: "marker.zip",
          content_type: "application/zip",
          size_bytes: live.size_bytes,
        },
        name: "marker",
      },
    },
  ]);
  const state = f.engine.state.get("ext")!;
  expect(state.id).toBe(live.id);
  const { __provider: text, ...outputs } = state.outputs;
  expect(text).toBe(TEXT);
  expect(outputs).toEqual({
    source,
    sourceSha256: sha256Of(source),
    name: "marker",
    checksum: sha256Of(source),
    sizeBytes: live.size_bytes,
    createdAt: expect.any(String),
  });
  expect(live.checksum).toBe(sha256Of(source));
});

it("the same content from another path, with new timestamps, is no change and sends nothing", async () => {
  await created({ source: copy("first"), name: "marker" });
  const moved = copy("elsewhere");
  fs.utimesSync(path.join(moved, "content.js"), new Date(2030, 0, 1), new Date(2030, 0, 1));
  const [step] = await f.engine.up(declare({ source: moved, name: "marker" }));
  expect(step.kind).toBe("same");
  expect(f.emulator.requests()).toEqual([]);
  // A .zip made from it by this package is the same archive too.
  const zipped = path.join(root, "marker.zip");
  const read = readSource(moved);
  if (!read.ok) throw new Error(read.problem);
  fs.writeFileSync(zipped, read.archive.bytes);
  expect((await f.engine.up(declare({ source: zipped, name: "marker" })))[0].kind).toBe("same");
  expect(f.emulator.requests()).toEqual([]);
});

it("changed content replaces: deleting first while the name stays, creating first without one", async () => {
  const source = copy("marker");
  const before = await created({ source, name: "marker" });
  fs.appendFileSync(path.join(source, "content.js"), "// v2\n");
  const [step] = await f.engine.up(declare({ source, name: "marker" }));
  expect(step).toMatchObject({ kind: "replace", deleteBeforeReplace: true });
  expect(f.emulator.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
    `DELETE /extensions/${before.id}`,
    "POST /extensions",
  ]);
  const after = f.engine.state.get("ext")!;
  expect(after.outputs.checksum).toBe(sha256Of(source));
  expect(f.emulator.objects("extensions").map((e) => e.id)).toEqual([after.id]);

  // Without a name nothing collides: the new extension is uploaded before the old one goes.
  await f.engine.destroy();
  const nameless = await created({ source });
  fs.appendFileSync(path.join(source, "content.js"), "// v3\n");
  const [again] = await f.engine.up(declare({ source }));
  expect(again).toMatchObject({ kind: "replace" });
  expect(again.deleteBeforeReplace).toBeFalsy();
  expect(f.emulator.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
    "POST /extensions",
    `DELETE /extensions/${nameless.id}`,
  ]);
});

it("refuses a missing path, a source without manifest.json and one over 50 MiB before any request", async () => {
  const missing = path.join(root, "missing");
  const noManifest = copy("no-manifest");
  fs.rmSync(path.join(noManifest, "manifest.json"));
  const big = path.join(root, "big.zip");
  fs.writeFileSync(big, "");
  fs.truncateSync(big, MAX_EXTENSION_ARCHIVE_BYTES + 1);
  const cases: [string, RegExp][] = [
    [missing, /source: "[^"]*missing" does not exist/],
    [noManifest, /source: "[^"]*no-manifest" has no manifest\.json at the directory's root/],
    [
      big,
      /source: "[^"]*big\.zip" is 52428801 bytes; the API takes extension archives of at most 52428800 bytes \(50 MiB\)/,
    ],
  ];
  for (const [source, message] of cases) {
    const err = await f.engine.up(declare({ source, name: "marker" })).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(message);
  }
  expect(f.emulator.requests()).toEqual([]);
  expect(f.engine.state.size).toBe(0);
});

it("a checksum the API answers otherwise is a partial failure that records the extension; the next up replaces it", async () => {
  const source = copy("marker");
  const wrong = "0".repeat(64);
  f.emulator.injectFault({
    kind: "status",
    method: "POST",
    path: "/extensions",
    status: 200,
    body: {
      id: "ext_other_bytes",
      name: "marker",
      size_bytes: 1,
      checksum: wrong,
      created_at: new Date().toISOString(),
    },
  });
  const err = await f.engine.up(declare({ source, name: "marker" })).catch((e: Error) => e);
  expect((err as Error).message).toMatch(
    new RegExp(
      `checksum ${wrong} is not the SHA-256 of the archive uploaded \\(${sha256Of(source)}\\)`,
    ),
  );
  expect(err).toBeInstanceOf(HostCallError);
  const failed = (err as HostCallError).initFailed!;
  expect(failed.id).toBe("ext_other_bytes");
  expect(failed.properties).toMatchObject({
    sourceSha256: wrong,
    checksum: wrong,
    __provider: TEXT,
  });
  expect(failed.reasons[0]).toMatch(/next `pulumi up` replaces it/);
  // Pulumi records the extension from initFailed; the next up replaces it.
  recordPartialFailure(failed, { source, name: "marker" });
  f.emulator.clearRequests();
  const [step] = await f.engine.up(declare({ source, name: "marker" }));
  expect(step).toMatchObject({ kind: "replace", deleteBeforeReplace: true });
  expect(f.emulator.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
    "DELETE /extensions/ext_other_bytes",
    "POST /extensions",
  ]);
});

it("a lost answer to the upload is recovered: the extension found has our checksum and was made after the POST", async () => {
  const source = copy("marker");
  f.emulator.injectFault({ kind: "reset-after", method: "POST", path: "/extensions" });
  expect((await f.engine.up(declare({ source, name: "marker" })))[0].kind).toBe("create");
  expect(f.emulator.objects("extensions")).toHaveLength(1);
  expect(f.engine.state.get("ext")!.id).toBe(f.emulator.objects("extensions")[0].id);
  const lookups = () =>
    f.emulator.requests().map((r) => `${r.method} ${r.path} ${JSON.stringify(r.query)}`);
  expect(lookups()).toEqual([
    "POST /extensions {}",
    'GET /extensions {"name":"marker","limit":"100","offset":"0"}',
  ]);

  // Nameless: found by its checksum.
  await f.engine.destroy();
  f.emulator.clearRequests();
  f.emulator.injectFault({ kind: "reset-after", method: "POST", path: "/extensions" });
  expect((await f.engine.up(declare({ source })))[0].kind).toBe("create");
  expect(f.emulator.objects("extensions")).toHaveLength(1);
  expect(lookups()).toEqual([
    "POST /extensions {}",
    'GET /extensions {"limit":"100","offset":"0"}',
  ]);
});

it("a taken name is a 409 naming it; adopt: true takes it over, and other content is then replaced", async () => {
  const source = copy("marker");
  const other = copy("other");
  fs.appendFileSync(path.join(other, "content.js"), "// theirs\n");
  const read = readSource(other);
  if (!read.ok) throw new Error(read.problem);
  const made = f.emulator
    .storeOf<ExtensionStore>("extensions")
    .create({ file: read.archive.bytes, name: "marker" });
  if (!made.ok) throw new Error(made.error.message);
  f.emulator.clearRequests();
  const err = await f.engine.up(declare({ source, name: "marker" })).catch((e: Error) => e);
  expect((err as Error).message).toContain(`already exists: ${made.value.id}`);
  expect((err as Error).message).toMatch(/adopt: true/);
  const adoptErr = await f.engine
    .up(declare({ source, name: "marker", adopt: true }))
    .catch((e: Error) => e);
  expect((adoptErr as Error).message).toMatch(/took over Extension .* cannot be changed in place/);
  const failed = (adoptErr as HostCallError).initFailed!;
  expect(failed).toMatchObject({ id: made.value.id, properties: { adopt: true } });
  recordPartialFailure(failed, { source, name: "marker", adopt: true });
  f.emulator.clearRequests();
  const [step] = await f.engine.up(declare({ source, name: "marker", adopt: true }));
  expect(step.kind).toBe("replace");
  expect(f.emulator.objects("extensions").map((e) => e.checksum)).toEqual([sha256Of(source)]);
});

it("delete is one DELETE; an extension already gone is not an error", async () => {
  const state = await created({ source: copy("marker"), name: "marker" });
  await f.engine.destroy();
  expect(requestLines(f.emulator)).toEqual([{ method: "DELETE", path: `/extensions/${state.id}` }]);
  expect(f.emulator.objects("extensions")).toEqual([]);
  const again = await created({ source: copy("again") });
  f.emulator.deleteObject(again.id, "extensions");
  await f.engine.destroy();
  expect(f.engine.state.size).toBe(0);
});
