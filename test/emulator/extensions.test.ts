/**
 * `/extensions` through HTTP: multipart uploads validated against the document, checksum and
 * size of the exact bytes, unique names per project, metadata, download, list and delete.
 */
import { createHash } from "node:crypto";
import { Blob } from "node:buffer";
import { FormData, request } from "undici";
import { type Emulator, startEmulator, validatorFor } from "../../src/emulator";
import { MAX_EXTENSION_ARCHIVE_BYTES } from "../../src/kernel/limits";
import { zipOf } from "../../src/extension/zip";
import { caller, detailText } from "./resourceClient";

const KEY = "sk_emulator_extensions";
let emulator: Emulator;
const call = caller(() => emulator.url, KEY);

beforeEach(async () => {
  emulator = await startEmulator({ apiKey: KEY, projects: [{ id: "proj_other", name: "other" }] });
});

afterEach(async () => {
  await emulator.close();
});

const archive = (text = "{}") => zipOf([{ path: "manifest.json", data: Buffer.from(text) }]);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

type Part = string | { bytes: Buffer; filename: string; type?: string };

/** A multipart POST of `parts` (or any other body) to `/extensions`. */
async function upload(
  parts: Record<string, Part> | { json: unknown },
  options: { project?: string } = {},
) {
  let body: FormData | string;
  const headers: Record<string, string> = { authorization: `Bearer ${KEY}` };
  if ("json" in parts) {
    body = JSON.stringify(parts.json);
    headers["content-type"] = "application/json";
  } else {
    body = new FormData();
    for (const [name, part] of Object.entries(parts)) {
      if (typeof part === "string") body.append(name, part);
      else
        body.append(
          name,
          new Blob([part.bytes], { type: part.type ?? "application/zip" }),
          part.filename,
        );
    }
  }
  if (options.project) headers["x-kernel-project"] = options.project;
  const res = await request(`${emulator.url}/extensions`, { method: "POST", headers, body });
  const text = await res.body.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.statusCode, body: text ? (JSON.parse(text) as any) : undefined };
}

const file = (bytes = archive()) => ({ bytes, filename: "extension.zip" });

describe("/extensions", () => {
  it("uploads a ZIP: size and checksum are of the exact bytes; the log shows the file, not its bytes", async () => {
    const bytes = archive();
    const res = await upload({ file: file(bytes), name: "blocker" });
    expect(res.status).toBe(200);
    expect(validatorFor("Extension")(res.body)).toEqual([]);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^ext_/),
      name: "blocker",
      size_bytes: bytes.length,
      checksum: sha256(bytes),
      created_at: expect.any(String),
    });
    expect(emulator.requests().at(-1)?.body).toEqual({
      file: {
        filename: "extension.zip",
        content_type: "application/zip",
        size_bytes: bytes.length,
      },
      name: "blocker",
    });
    const nameless = await upload({ file: file() });
    expect(nameless.body.name).toBeNull();
  });

  it("answers metadata by id or name, and the archive as uploaded", async () => {
    const bytes = archive('{"v":1}');
    const { body: made } = await upload({ file: file(bytes), name: "blocker" });
    for (const ref of [made.id, "blocker"]) {
      const meta = await call("GET", `/extensions/${ref}/metadata`);
      expect(meta).toMatchObject({ status: 200, body: made });
    }
    const res = await request(`${emulator.url}/extensions/blocker`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(res.statusCode).toBe(200);
    expect(Buffer.from(await res.body.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("keeps names unique per project: a taken name is 409 naming the existing id", async () => {
    const { body: made } = await upload({ file: file(), name: "blocker" });
    const again = await upload({ file: file(archive("[]")), name: "blocker" });
    expect(again.status).toBe(409);
    expect(detailText(again.body)).toContain(made.id);
    expect((await upload({ file: file(), name: "blocker" }, { project: "other" })).status).toBe(
      200,
    );
    expect(
      (await call("GET", `/extensions/${made.id}/metadata`, undefined, { project: "other" }))
        .status,
    ).toBe(404);
  });

  it("validates the form: a file part is required, as a file; no unknown fields; no JSON", async () => {
    const missing = await upload({ name: "blocker" });
    expect(missing.status).toBe(400);
    expect(detailText(missing.body)).toMatch(/file/);
    const plain = await upload({ file: "not a file" });
    expect(plain.status).toBe(400);
    expect(detailText(plain.body)).toMatch(/\/file must be a file part/);
    const nameAsFile = await upload({ file: file(), name: file() });
    expect(detailText(nameAsFile.body)).toMatch(/\/name must be a plain field/);
    const unknown = await upload({ file: file(), stealth: "true" });
    expect(detailText(unknown.body)).toMatch(/stealth is not a known field/);
    const empty = await upload({ file: file(), name: "" });
    expect(empty.status).toBe(400);
    const json = await upload({ json: { name: "blocker" } });
    expect(json.status).toBe(400);
    expect(detailText(json.body)).toMatch(/must be multipart\/form-data/);
    expect(emulator.objects("extensions")).toEqual([]);
  });

  it("refuses an upload that is not a ZIP (400) or is over the API's limit (413)", async () => {
    const text = await upload({ file: file(Buffer.from("hello")) });
    expect(text).toMatchObject({ status: 400, body: { code: "bad_request" } });
    expect(detailText(text.body)).toMatch(/file must be a ZIP archive/);
    const big = await upload({ file: file(Buffer.alloc(MAX_EXTENSION_ARCHIVE_BYTES + 1)) });
    expect(big).toMatchObject({ status: 413, body: { code: "payload_too_large" } });
    expect(emulator.objects("extensions")).toEqual([]);
  });

  it("lists by exact name or query, in pages, and deletes with 204 then not_found", async () => {
    const ids = [];
    for (const name of ["alpha", "alphabet", "beta"]) {
      ids.push((await upload({ file: file(), name })).body.id);
    }
    expect(
      (await call("GET", "/extensions?name=alpha")).body.map((e: { id: string }) => e.id),
    ).toEqual([ids[0]]);
    expect((await call("GET", "/extensions?query=ALPHA")).body).toHaveLength(2);
    const first = await call("GET", "/extensions?limit=2");
    expect(first.headers).toMatchObject({ "x-has-more": "true", "x-next-offset": "2" });
    expect((await call("DELETE", "/extensions/beta")).status).toBe(204);
    expect(await call("DELETE", `/extensions/${ids[2]}`)).toMatchObject({
      status: 404,
      body: { code: "not_found" },
    });
    expect((await call("GET", `/extensions/${ids[2]}/metadata`)).status).toBe(404);
  });

  it("drifts through the control, as a browser's use would", async () => {
    const { body: made } = await upload({ file: file() });
    await call("PATCH", `/_emulator/extensions/${made.id}`, {
      last_used_at: "2026-12-04T01:00:00Z",
    });
    expect((await call("GET", `/extensions/${made.id}/metadata`)).body.last_used_at).toBe(
      "2026-12-04T01:00:00Z",
    );
  });
});
