/**
 * Uploads through the client: a MultipartForm goes out as `multipart/form-data` (the file's
 * bytes intact), under the same retry and redaction rules as every other request.
 */
import { MockAgent, Response } from "undici";
import { BASE_URL, TEST_KEY } from "../../test/support/mockApi";
import { KernelClient } from "./client";
import { isOutcomeUnknown } from "./errors";
import { MultipartForm } from "./multipart";

interface Sent {
  contentType: string;
  bytes: Buffer;
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

/**
 * A MockAgent answering `POST /extensions` with `answer(n)` for the n-th request (from 1), or
 * losing the connection after the request was sent ("reset"); records what each request sent.
 */
function uploadApi(answer: (n: number) => Reply | "reset") {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const sent: Sent[] = [];
  const record = (opts: { body?: unknown; headers?: unknown }) => {
    const headers = (opts.headers ?? {}) as Record<string, string>;
    const type = Object.entries(headers).find(([k]) => k.toLowerCase() === "content-type");
    sent.push({ contentType: type?.[1] ?? "", bytes: Buffer.from(opts.body as Buffer) });
  };
  const scope = agent.get(BASE_URL);
  if (answer(1) === "reset") {
    // The only interceptor: its body matcher runs once per request sent.
    scope
      .intercept({
        path: "/extensions",
        method: "POST",
        body: (body) => {
          record({ body });
          return true;
        },
      })
      .replyWithError(new Error("socket hang up"))
      .persist();
  } else {
    scope
      .intercept({ path: "/extensions", method: "POST" })
      .reply((opts) => {
        record(opts);
        const reply = answer(sent.length) as Reply;
        return {
          statusCode: reply.status,
          data: JSON.stringify(reply.body),
          responseOptions: { headers: { "content-type": "application/json", ...reply.headers } },
        };
      })
      .persist();
  }
  return { agent, sent };
}

const client = (agent: MockAgent) =>
  new KernelClient({
    baseUrl: BASE_URL,
    apiKey: TEST_KEY,
    dispatcher: agent,
    sleep: async () => undefined,
    random: () => 0.5,
    now: () => 0,
  });

const archive = Buffer.from([0x50, 0x4b, 0x05, 0x06, 0, 0, 0xff, 0x00, 0x80]);
const form = () =>
  new MultipartForm({
    file: { filename: "extension.zip", type: "application/zip", bytes: archive },
    name: "ad-blocker",
  });

/** The form the server would read from what was sent. */
async function readForm(contentType: string, bytes: Buffer) {
  return new Response(bytes, { headers: { "content-type": contentType } }).formData();
}

describe("a MultipartForm body", () => {
  it("is sent as multipart/form-data: the file's bytes intact, its name and type, the fields", async () => {
    const api = uploadApi(() => ({ status: 200, body: { id: "ext_1" } }));
    const answer = await client(api.agent)
      .operation({ project: "team" })
      .request("POST", "/extensions", { body: form(), parse: (json) => json as { id: string } });
    expect(answer).toEqual({ id: "ext_1" });
    expect(api.sent).toHaveLength(1);
    const contentType = api.sent[0].contentType;
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    const parsed = await readForm(contentType, api.sent[0].bytes);
    expect(parsed.get("name")).toBe("ad-blocker");
    const file = parsed.get("file") as unknown as {
      name: string;
      type: string;
      arrayBuffer(): Promise<ArrayBuffer>;
    };
    expect(file.name).toBe("extension.zip");
    expect(file.type).toBe("application/zip");
    expect(Buffer.from(await file.arrayBuffer())).toEqual(archive);
  });

  it("is retried where the server certainly did not act (503 with Retry-After), with the same bytes", async () => {
    const api = uploadApi((n) =>
      n === 1
        ? {
            status: 503,
            body: { code: "unavailable", message: "busy" },
            headers: { "retry-after": "1" },
          }
        : { status: 200, body: { id: "ext_1" } },
    );
    await client(api.agent)
      .operation()
      .request("POST", "/extensions", { body: form(), parse: (json) => json });
    expect(api.sent).toHaveLength(2);
    expect(api.sent[1].bytes.equals(api.sent[0].bytes)).toBe(true);
    expect(api.sent[1].contentType).toBe(api.sent[0].contentType);
  });

  it("has an unknown outcome when the connection is lost after sending, like any POST: not repeated", async () => {
    const api = uploadApi(() => "reset");
    const err = await client(api.agent)
      .operation()
      .request("POST", "/extensions", { body: form(), parse: (json) => json })
      .catch((e: unknown) => e);
    expect(isOutcomeUnknown(err)).toBe(true);
    expect(api.sent).toHaveLength(1);
  });

  it("gives an error that names the upload and never the key", async () => {
    const api = uploadApi(() => ({
      status: 400,
      body: { code: "bad_request", message: `file must be a ZIP archive (key ${TEST_KEY})` },
    }));
    const err = (await client(api.agent)
      .operation()
      .request("POST", "/extensions", { body: form(), parse: (json) => json })
      .catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/POST \/extensions/);
    expect(err.message).toMatch(/must be a ZIP archive/);
    expect(err.message).not.toContain(TEST_KEY);
  });
});
