/**
 * The emulator's HTTP face: the auth-connections endpoints (validated against the OpenAPI
 * document), bearer auth, an optional rate limit and latency, injected faults, and controls
 * under the reserved prefix `/_emulator/` for tests and other processes.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { ManagedAuthCreateRequest, ManagedAuthUpdateRequest } from "../kernel/api";
import { type FaultRule, FaultPlan, RateLimiter } from "./faults";
import { validatorFor } from "./openapi";
import {
  type ApiErrorPayload,
  ConnectionStore,
  type EmulatedProxy,
  type StoredConnection,
  toManagedAuth,
} from "./store";

export const CONTROL_PREFIX = "/_emulator";

export interface EmulatorOptions {
  /** A free port when absent. */
  port?: number;
  host?: string;
  /** The one key accepted; when absent any non-empty bearer token is. */
  apiKey?: string;
  proxies?: EmulatedProxy[];
  planMinimum?: number;
  /** Every API answer waits this long, like a real API across a network. */
  latencyMs?: number;
  rateLimit?: { ratePerSecond: number; burst?: number };
}

export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
  /** The status answered, or "reset" when the connection was closed. */
  status: number | "reset";
  fault?: string;
}

export interface Emulator {
  url: string;
  close(): Promise<void>;
  store: ConnectionStore;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  /** A change made behind the provider's back, as in the Kernel dashboard. */
  drift(id: string, changes: Record<string, unknown>): StoredConnection;
  deleteConnection(id: string): void;
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  setRateLimit(limit?: { ratePerSecond: number; burst?: number }): void;
  setLatency(ms: number): void;
  connections(): Record<string, unknown>[];
}

interface Ctx {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  body?: unknown;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const store = new ConnectionStore({ proxies: options.proxies, planMinimum: options.planMinimum });
  const faults = new FaultPlan();
  const log: RequestLogEntry[] = [];
  let seq = 0;
  let latencyMs = options.latencyMs ?? 0;
  let limiter = makeLimiter(options.rateLimit);

  const emulator: Omit<Emulator, "url" | "close"> = {
    store,
    requests: () => log.map((e) => ({ ...e })),
    clearRequests: () => void log.splice(0),
    drift(id, changes) {
      const result = store.drift(id, changes);
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    },
    deleteConnection(id) {
      const result = store.remove(id);
      if (!result.ok) throw new Error(result.error.message);
    },
    injectFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    setRateLimit: (limit) => void (limiter = makeLimiter(limit)),
    setLatency: (ms) => void (latencyMs = ms),
    connections: () => store.all().map(toManagedAuth),
  };

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, { status: 500, body: apiError("internal", String(err)) });
    });
  });
  server.keepAliveTimeout = 30_000;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator");
    const raw = await readBody(req);
    const ctx: Ctx = {
      req,
      res,
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
    };
    if (ctx.path === CONTROL_PREFIX || ctx.path.startsWith(`${CONTROL_PREFIX}/`)) {
      return send(res, control(ctx, raw));
    }
    const entry: RequestLogEntry = {
      seq: ++seq,
      method: ctx.method,
      path: ctx.path,
      query: Object.fromEntries(url.searchParams),
      status: 0,
    };
    log.push(entry);
    if (raw) {
      try {
        ctx.body = JSON.parse(raw);
        entry.body = ctx.body;
      } catch {
        entry.body = raw;
        return respond(ctx, entry, {
          status: 400,
          body: apiError("bad_request", "request body is not JSON"),
        });
      }
    }
    if (!authorized(req.headers.authorization)) {
      return respond(ctx, entry, {
        status: 401,
        body: apiError("unauthorized", "missing or invalid authorization token"),
      });
    }
    const waitMs = limiter?.take() ?? 0;
    if (waitMs > 0) {
      return respond(ctx, entry, {
        status: 429,
        body: apiError("rate_limited", "too many requests"),
        headers: {
          "retry-after": String(Math.ceil(waitMs / 1000)),
          "retry-after-ms": String(waitMs),
        },
      });
    }
    const fault = faults.take(ctx.method, ctx.path);
    if (fault) entry.fault = fault.kind;
    if (fault?.kind === "status") {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
      return respond(ctx, entry, {
        status: fault.status ?? 500,
        body:
          fault.body ??
          apiError(
            fault.status === 404 ? "not_found" : "injected",
            `injected ${fault.status ?? 500}`,
          ),
        headers,
      });
    }
    if (fault?.kind === "reset-before") return reset(ctx, entry);
    const answer = route(ctx);
    if (fault?.kind === "reset-after") return reset(ctx, entry);
    if (fault?.kind === "malformed") {
      entry.status = 200;
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"id": "ma_trunc');
      return;
    }
    // The API has acted: the log says so even while a delay or the latency holds the answer
    // (a client that times out meanwhile never sees it).
    entry.status = answer.status;
    if (fault?.kind === "delay") await delay(fault.ms ?? 1000);
    if (latencyMs > 0) await delay(latencyMs);
    return respond(ctx, entry, answer);
  }

  function authorized(header: string | undefined): boolean {
    const match = /^Bearer (.+)$/.exec(header ?? "");
    if (!match) return false;
    return options.apiKey === undefined || match[1] === options.apiKey;
  }

  function route(ctx: Ctx): Answer {
    const segments = ctx.path.split("/").filter(Boolean);
    if (segments[0] !== "auth" || segments[1] !== "connections" || segments.length > 3) {
      return {
        status: 404,
        body: apiError("route_not_found", `no route ${ctx.method} ${ctx.path}`),
      };
    }
    if (segments.length === 2) {
      if (ctx.method === "POST") return createConnection(ctx.body);
      if (ctx.method === "GET") return listConnections(ctx.query);
      return methodNotAllowed(ctx);
    }
    const id = decodeURIComponent(segments[2]);
    switch (ctx.method) {
      case "GET":
        return toAnswer(store.get(id), 200);
      case "PATCH": {
        const problems = validatorFor("ManagedAuthUpdateRequest")(ctx.body);
        if (problems.length) return invalid(problems);
        return toAnswer(store.update(id, ctx.body as ManagedAuthUpdateRequest), 200);
      }
      case "DELETE": {
        const result = store.remove(id);
        return result.ok ? { status: 204 } : { status: result.status, body: result.error };
      }
      default:
        return methodNotAllowed(ctx);
    }
  }

  function createConnection(body: unknown): Answer {
    const problems = validatorFor("ManagedAuthCreateRequest")(body);
    if (problems.length) return invalid(problems);
    return toAnswer(store.create(body as ManagedAuthCreateRequest), 200);
  }

  function listConnections(query: URLSearchParams): Answer {
    const limit = intParam(query.get("limit"), 1, 100);
    const offset = intParam(query.get("offset"), 0, Number.MAX_SAFE_INTEGER);
    if (limit === null || offset === null) {
      return invalid(["limit must be an integer from 1 to 100 and offset a non-negative integer"]);
    }
    const page = store.list({
      profile_name: query.get("profile_name") ?? undefined,
      domain: query.get("domain") ?? undefined,
      limit,
      offset,
    });
    return {
      status: 200,
      body: page.items.map(toManagedAuth),
      headers: { "x-has-more": String(page.hasMore), "x-next-offset": String(page.nextOffset) },
    };
  }

  function control(ctx: Ctx, raw: string): Answer {
    const rest = ctx.path.slice(CONTROL_PREFIX.length).split("/").filter(Boolean);
    let body: Record<string, unknown> = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      return { status: 400, body: apiError("bad_request", "control body is not JSON") };
    }
    try {
      const [what, id] = rest;
      if (what === "requests" && ctx.method === "GET")
        return { status: 200, body: emulator.requests() };
      if (what === "requests" && ctx.method === "DELETE")
        return (emulator.clearRequests(), { status: 204 });
      if (what === "connections" && ctx.method === "GET" && !id)
        return { status: 200, body: emulator.connections() };
      if (what === "connections" && ctx.method === "PATCH" && id) {
        return { status: 200, body: toManagedAuth(emulator.drift(decodeURIComponent(id), body)) };
      }
      if (what === "connections" && ctx.method === "DELETE" && id) {
        return (emulator.deleteConnection(decodeURIComponent(id)), { status: 204 });
      }
      if (what === "faults" && ctx.method === "POST")
        return (faults.add(body as unknown as FaultRule), { status: 204 });
      if (what === "faults" && ctx.method === "DELETE") return (faults.clear(), { status: 204 });
      if (what === "settings" && ctx.method === "PUT") {
        if ("latencyMs" in body) latencyMs = Number(body.latencyMs) || 0;
        if ("rateLimit" in body)
          limiter = makeLimiter(body.rateLimit as EmulatorOptions["rateLimit"]);
        if ("planMinimum" in body) store.planMinimum = Number(body.planMinimum);
        return { status: 204 };
      }
      if (what === "reset" && ctx.method === "POST") {
        store.clear();
        faults.clear();
        log.splice(0);
        return { status: 204 };
      }
    } catch (err) {
      return {
        status: 400,
        body: apiError("bad_request", err instanceof Error ? err.message : String(err)),
      };
    }
    return {
      status: 404,
      body: apiError("route_not_found", `no control ${ctx.method} ${ctx.path}`),
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    ...emulator,
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function respond(ctx: Ctx, entry: RequestLogEntry, answer: Answer): void {
  entry.status = answer.status;
  send(ctx.res, answer);
}

function reset(ctx: Ctx, entry: RequestLogEntry): void {
  entry.status = "reset";
  ctx.req.socket.destroy();
}

function send(res: http.ServerResponse, answer: Answer): void {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(answer.body);
  headers["content-type"] = "application/json";
  headers["content-length"] = String(Buffer.byteLength(text));
  res.writeHead(answer.status, headers);
  res.end(text);
}

function toAnswer(
  result:
    { ok: true; value: StoredConnection } | { ok: false; status: number; error: ApiErrorPayload },
  status: number,
): Answer {
  return result.ok
    ? { status, body: toManagedAuth(result.value) }
    : { status: result.status, body: result.error };
}

function invalid(problems: string[]): Answer {
  return {
    status: 400,
    body: {
      code: "bad_request",
      message: "the request does not match the API schema",
      details: problems.map((message) => ({ code: "invalid_input", message })),
    },
  };
}

function methodNotAllowed(ctx: Ctx): Answer {
  return {
    status: 405,
    body: apiError("method_not_allowed", `${ctx.method} is not allowed on ${ctx.path}`),
  };
}

function apiError(code: string, message: string): ApiErrorPayload {
  return { code, message };
}

function intParam(value: string | null, min: number, max: number): number | undefined | null {
  if (value === null) return undefined;
  if (!/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

function makeLimiter(limit: EmulatorOptions["rateLimit"] | undefined): RateLimiter | undefined {
  return limit
    ? new RateLimiter(limit.ratePerSecond, limit.burst ?? limit.ratePerSecond)
    : undefined;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
