/**
 * What a stranger can do to the emulator: send bodies (never read without the key, capped in
 * size, a bounded log), and reach its request log, which holds secrets in clear (refused from a
 * rebinding page's Host and from another site's page).
 */
import * as http from "node:http";
import { type Emulator, startEmulator } from "../../src/emulator";
import { exposureWarning } from "../../src/emulator/exposure";
import { MAX_BODY_BYTES } from "../../src/emulator/guard";
import { validateBaseUrl } from "../../src/kernel/config";

const KEY = "sk_emulator_exposure_test";

/** One raw request, with any headers (Host included); resolves on the answer's end. */
function send(
  url: string,
  options: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}${options.path}`,
      { method: options.method, headers: options.headers },
      (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

describe("bodies of strangers", () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ apiKey: KEY, logLimit: 5 });
  });
  afterEach(async () => {
    await emulator.close();
  });

  /** Headers announcing `length` bytes and a first chunk; the rest never comes. */
  const announce = (headers: Record<string, string>, length: number) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${emulator.url}/credentials`, {
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": String(length),
        },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, body });
          req.destroy();
        });
      });
      req.on("error", (err) => (req.destroyed ? undefined : reject(err)));
      req.write(`{"name": "${"x".repeat(1000)}`);
    });

  it("without the key, the answer comes before the body is read, and the log keeps no body", async () => {
    const answer = await announce({ authorization: "Bearer wrong-key" }, 64 * 1024 * 1024);
    expect(answer.status).toBe(401);
    expect(emulator.requests()).toEqual([
      expect.objectContaining({ method: "POST", path: "/credentials", status: 401 }),
    ]);
    expect(emulator.requests()[0]).not.toHaveProperty("body");
  });

  it("with the key, a body announced over the cap is refused with 413, unread", async () => {
    const answer = await announce({ authorization: `Bearer ${KEY}` }, MAX_BODY_BYTES + 1);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: "payload_too_large" });
    expect(emulator.objects("credentials")).toEqual([]);
  });

  it("with the key, a body sent in chunks past the cap is refused with 413", async () => {
    // No length announced: the emulator stops reading at the cap.
    const answer = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${emulator.url}/credentials`, {
        method: "POST",
        headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      });
      req.on("response", (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on("error", (err) => (req.destroyed ? undefined : reject(err)));
      req.write("x".repeat(MAX_BODY_BYTES + 1));
    });
    expect(answer).toBe(413);
  });

  it("the request log keeps the newest entries only", async () => {
    for (let i = 0; i < 8; i++) {
      await send(emulator.url, {
        method: "GET",
        path: `/profiles/p${i}`,
        headers: { authorization: `Bearer ${KEY}` },
      });
    }
    expect(emulator.requests().map((r) => r.path)).toEqual([
      "/profiles/p3",
      "/profiles/p4",
      "/profiles/p5",
      "/profiles/p6",
      "/profiles/p7",
    ]);
  });
});

describe("the request log, with no key set", () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator();
    await send(emulator.url, {
      method: "POST",
      path: "/credentials",
      headers: { authorization: "Bearer any-token-at-all", "content-type": "application/json" },
      body: JSON.stringify({
        name: "c",
        domain: "c.example",
        values: { password: "pw-in-the-log-1" },
      }),
    });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it("is refused to a request whose Host is a DNS name (a rebinding page)", async () => {
    const port = new URL(emulator.url).port;
    const rebound = await send(emulator.url, {
      method: "GET",
      path: "/_emulator/requests",
      headers: { host: `attacker.example:${port}` },
    });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain("pw-in-the-log-1");
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      const honest = await send(emulator.url, {
        method: "GET",
        path: "/_emulator/requests",
        headers: { host },
      });
      expect(honest.status).toBe(200);
    }
  });

  it.each([
    ["a text/plain body", { "content-type": "text/plain" }],
    ["a form body", { "content-type": "application/x-www-form-urlencoded" }],
    ["another origin", { origin: "http://attacker.example" }],
    ["another site (Sec-Fetch-Site)", { "sec-fetch-site": "cross-site" }],
  ])("a control POST with %s is refused", async (_, headers) => {
    const answer = await send(emulator.url, {
      method: "POST",
      path: "/_emulator/reset",
      headers,
      body: "{}",
    });
    expect(answer.status).toBe(403);
    expect(emulator.objects("credentials")).toHaveLength(1);
  });

  it("a control POST from a program (JSON or no body, no Origin) still works", async () => {
    const answer = await send(emulator.url, { method: "POST", path: "/_emulator/reset" });
    expect(answer.status).toBe(204);
    expect(emulator.objects("credentials")).toHaveLength(0);
  });
});

describe("listening beyond loopback", () => {
  it("--host 0.0.0.0 gives a base URL the provider accepts", async () => {
    const emulator = await startEmulator({ host: "0.0.0.0" });
    try {
      expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(() => validateBaseUrl(emulator.url)).not.toThrow();
      const answer = await send(emulator.url, { method: "GET", path: "/" });
      expect(answer.status).toBe(200);
    } finally {
      await emulator.close();
    }
  });

  it("warns, and says the log's secrets are open without a key", () => {
    expect(exposureWarning("127.0.0.1", false)).toBeUndefined();
    expect(exposureWarning("localhost", false)).toBeUndefined();
    expect(exposureWarning("0.0.0.0", false)).toMatch(
      /^WARNING: listening on every network interface \(--host 0\.0\.0\.0\).*request log shows every secret sent.*in clear/,
    );
    expect(exposureWarning("192.168.1.5", true)).toMatch(/^WARNING: listening on 192\.168\.1\.5/);
  });
});
