import type { ConnectionStore } from "./resources/authConnections/store";
import * as http from "node:http";
import { FaultPlan, RateLimiter } from "./faults";
import { type Emulator, startEmulator } from "./index";

describe("RateLimiter", () => {
  it("lets a burst through, then asks for the wait until a token is free", () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([limiter.take(), limiter.take(), limiter.take()]).toEqual([0, 0, 0]);
    expect(limiter.take()).toBe(500);
    now = 500;
    expect(limiter.take()).toBe(0);
    expect(limiter.take()).toBe(500);
  });
});

describe("FaultPlan", () => {
  it("refuses an unknown kind and a negative or non-numeric ms", () => {
    const plan = new FaultPlan();
    expect(() => plan.add({ kind: "slow" as never })).toThrow(/unknown fault kind slow/);
    expect(() => plan.add({ kind: "drip", ms: -1 })).toThrow(/non-negative/);
    expect(() => plan.add({ kind: "drip", ms: "x" as never })).toThrow(/non-negative/);
    expect(() => plan.add({ kind: "drip", ms: 5 })).not.toThrow();
  });
});

describe("drip fault", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ apiKey: "sk_drip_test_key_0123456789" });
  });
  afterAll(() => emulator.close());

  /** The answer's status, headers and body chunks as they arrived. */
  const get = (path: string) =>
    new Promise<{ status: number; length: string | undefined; chunks: Buffer[] }>(
      (resolve, reject) => {
        const req = http.get(
          `${emulator.url}${path}`,
          { headers: { authorization: "Bearer sk_drip_test_key_0123456789" } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () =>
              resolve({
                status: res.statusCode ?? 0,
                length: res.headers["content-length"],
                chunks,
              }),
            );
            res.on("error", reject);
          },
        );
        req.on("error", reject);
      },
    );

  it("acts, sends the headers, then the body a byte at a time, all of it", async () => {
    const made = emulator
      .storeOf<ConnectionStore>("authConnections")
      .create({ profile_name: "p", domain: "drip.example" });
    if (!made.ok) throw new Error("seed failed");
    emulator.injectFault({ kind: "drip", ms: 1, method: "GET" });
    const answer = await get(`/auth/connections/${made.value.id}`);
    const body = Buffer.concat(answer.chunks).toString("utf8");
    expect(answer.status).toBe(200);
    expect(answer.length).toBe(String(Buffer.byteLength(body)));
    expect(answer.chunks.length).toBeGreaterThan(1);
    expect(JSON.parse(body)).toMatchObject({ id: made.value.id, domain: "drip.example" });
    expect(emulator.requests().at(-1)).toMatchObject({ status: 200, fault: "drip" });
  });

  it("drips a bodiless answer too: a DELETE's 204 becomes a 200 with `{}`", async () => {
    const made = emulator
      .storeOf<ConnectionStore>("authConnections")
      .create({ profile_name: "p", domain: "gone.example" });
    if (!made.ok) throw new Error("seed failed");
    emulator.injectFault({ kind: "drip", ms: 1, method: "DELETE" });
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        `${emulator.url}/auth/connections/${made.value.id}`,
        {
          method: "DELETE",
          headers: { authorization: "Bearer sk_drip_test_key_0123456789" },
        },
        (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString("utf8")));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({});
    expect(emulator.objects("authConnections").map((c) => c.id)).not.toContain(made.value.id);
  });
});
