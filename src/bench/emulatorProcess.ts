/**
 * The emulator in a process of its own, driven through its HTTP controls: in the benchmarks the
 * API must not share an event loop with the client being measured, as a real API does not.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { request } from "undici";
import type { RequestLogEntry } from "../emulator";

export class EmulatorProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    /** The controls need the emulator's API key when it has one. */
    private readonly apiKey?: string,
  ) {}

  static async start(args: string[]): Promise<EmulatorProcess> {
    const cli = path.join(__dirname, "..", "emulator", "cli.js");
    const child = spawn(process.execPath, [cli, "--port", "0", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout?.on("data", (d: Buffer) => {
        out += d.toString();
        const line = /^(http:\/\/\S+)\s*$/m.exec(out);
        if (line) resolve(line[1]);
      });
      child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    const key = args.indexOf("--api-key");
    return new EmulatorProcess(child, url, key >= 0 ? args[key + 1] : undefined);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  reset = () => this.control("POST", "/reset");
  setLatency = (latencyMs: number) => this.control("PUT", "/settings", { latencyMs });
  /** Requests per second and the burst the emulator takes; null lifts the limit. */
  setRateLimit = (limit: { ratePerSecond: number; burst?: number } | null) =>
    this.control(
      "PUT",
      "/settings",
      limit ? { rateLimit: limit.ratePerSecond, rateBurst: limit.burst ?? 1 } : { rateLimit: null },
    );
  clearRequests = () => this.control("DELETE", "/requests");
  requests = () => this.control("GET", "/requests") as Promise<RequestLogEntry[]>;
  connections = () => this.control("GET", "/connections") as Promise<Record<string, unknown>[]>;

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill("SIGTERM");
    });
  }

  private async control(
    method: "GET" | "PUT" | "POST" | "DELETE",
    route: string,
    body?: unknown,
  ): Promise<unknown> {
    const res = await request(`${this.url}/_emulator${route}`, {
      method,
      headers: {
        ...(this.apiKey === undefined ? {} : { authorization: `Bearer ${this.apiKey}` }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    if (res.statusCode >= 300)
      throw new Error(`emulator control ${method} ${route}: ${res.statusCode} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
}
