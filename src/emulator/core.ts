/**
 * The emulator's HTTP core: everything every resource shares, so a resource is one module.
 *
 * Request path, in order: the `Host` header (guard.ts: a DNS name other than localhost is refused,
 * so a rebinding page cannot reach the log), percent-decoding of the path (a bad escape is a
 * 400, never a crash), `/_emulator/*` to the controls (behind the API key when one is set, and
 * never from another site's page), then for the API: request log entry (the log keeps the last
 * MAX_LOG_ENTRIES), bearer auth, then the body (at most its cap, guard.ts: a stranger's body is
 * never read), JSON or a form (`multipart/form-data`, parsed into a MultipartBody), rate limit (429 + `Retry-After`), the project header
 * (`X-Kernel-Project`, see projects.ts; unknown -> 404 `project_not_found`), injected faults,
 * validation of the body against the OpenAPI document (openapi/kernel.openapi.json, by the
 * operation's path template), and finally the route module that owns the path.
 *
 * ## RouteModule: one per resource
 *
 * A module owns the paths under its `prefix` (e.g. `["auth", "connections"]`) and answers with
 * plain values (answers.ts: `Answer`, `StoreResult`, `page()` for lists); it does no HTTP. To add
 * a resource: write `resources/<name>/{wire,store,module}.ts`, add its paths and schemas to the
 * OpenAPI document (request bodies as `$ref`s to components, so the core finds them), and add the
 * module to `MODULES` in server.ts. The controls (`/_emulator/<controlName>`) list, drift and
 * delete its objects through the same interface, with no code of their own.
 *
 * ## Store per resource, per project
 *
 * Each module's `createStore(env)` makes one store holding that resource's objects for ONE
 * project (`scope: "project"`) or for the org (`scope: "org"`, e.g. credential providers). The
 * core keeps one store per (project, module), made on first use, so uniqueness, lists and lookups
 * by id are per project by construction, and an object of another project is simply not there
 * (404 `not_found`). A store that needs another resource of the same project (a connection's
 * proxy by name) asks `env.storeOf(moduleName)`. Stores hold wire-shaped records and apply the
 * API's rules (defaults, PATCH semantics, 409s); they are plain classes tested without HTTP.
 */
import * as http from "node:http";
import { type Answer, apiError, invalid, type StoreResult } from "./answers";
import { type FaultPlan, RateLimiter } from "./faults";
import { Response } from "undici";
import {
  MAX_LOG_ENTRIES,
  bodyCap,
  crossSiteProblem,
  declaredTooLarge,
  hostProblem,
  isForm,
} from "./guard";
import { maskSecrets } from "./mask";
import { type FormPart, MultipartBody, matchOperation } from "./openapi";
import { PROJECT_HEADER, PROJECT_ID_HEADER, type Project, type Projects } from "./projects";
import type { Settings } from "./settings";

export const CONTROL_PREFIX = "/_emulator";

const PROJECT_HEADERS = [PROJECT_HEADER, PROJECT_ID_HEADER];

/** One API request as a module sees it. */
export interface ApiRequest {
  method: string;
  /** The full path, decoded. */
  path: string;
  /** The decoded path segments after the module's prefix: `[]` for the collection, `[id]`, ... */
  rest: string[];
  query: URLSearchParams;
  /**
   * The parsed body (already valid against the OpenAPI document): a JSON value, a MultipartBody
   * for a form upload, or undefined.
   */
  body: unknown;
  /** Undefined only for org-scoped modules. */
  project?: Project;
}

/** What a store may use besides its own objects. */
export interface StoreEnv {
  /** The store's project; undefined for an org-scoped store. */
  project?: Project;
  settings(): Settings;
  now(): Date;
  /** A fresh id with the resource's prefix (`ma_...`). */
  newId(prefix: string): string;
  /** Another module's store in the same project (undefined when no such module). */
  storeOf<S>(module: string): S | undefined;
  /** How many objects a module holds in every project of the org (limits are org-wide). */
  countInOrg(module: string): number;
}

export interface RouteModule<S = unknown> {
  /** The store key and the name other stores ask `storeOf` for: "authConnections". */
  readonly name: string;
  /** `/_emulator/<controlName>` lists, drifts and deletes its objects: "connections". */
  readonly controlName: string;
  /** The path segments it owns: `["auth", "connections"]`. */
  readonly prefix: readonly string[];
  readonly scope: "project" | "org";
  /** `METHOD /path` lines for `GET /`. */
  readonly routes: readonly string[];
  createStore(env: StoreEnv): S;
  /** The answer; undefined when the module has no such route (the core answers 404/405). */
  handle(req: ApiRequest, store: S): Answer | undefined;
  /** Every object, as the API shows it. */
  objects(store: S): Record<string, unknown>[];
  /** A change behind the API's back (any stored field, no validation, `null` removes). */
  drift(
    store: S,
    id: string,
    changes: Record<string, unknown>,
  ): StoreResult<Record<string, unknown>>;
  /** A deletion behind the API's back; false when the store has no such object. */
  remove(store: S, id: string): boolean;
  /**
   * An object made behind the API (the `POST /_emulator/<controlName>` control), for resources
   * the API only reads (apps, deployments): the fields are checked by the store, not the
   * OpenAPI document. Absent for resources made through the API.
   */
  seed?(store: S, fields: Record<string, unknown>): StoreResult<Record<string, unknown>>;
}

export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  /**
   * The body as received (not masked: tests assert on it; printing masks it). A form's file
   * part is shown as `{filename, content_type, size_bytes}`, not its bytes.
   */
  body?: unknown;
  /** The project id when the request named one. */
  project?: string;
  /** The project headers the request sent (`x-kernel-project`, `x-kernel-project-id`). */
  projectHeaders?: string[];
  /** The status answered, or "reset" when the connection was closed. */
  status: number | "reset";
  fault?: string;
}

/** The stores of every (project, module), made on first use. */
export class StoreRegistry {
  private stores = new Map<string, unknown>();

  constructor(
    readonly modules: readonly RouteModule[],
    private readonly envFor: (project: Project | undefined) => Omit<StoreEnv, "storeOf">,
  ) {}

  store(module: RouteModule, project: Project | undefined): unknown {
    const scoped = module.scope === "project" ? project : undefined;
    const key = `${scoped?.id ?? "(org)"}\u0000${module.name}`;
    if (!this.stores.has(key)) {
      const env: StoreEnv = {
        ...this.envFor(scoped),
        storeOf: <T>(name: string) => {
          const other = this.modules.find((m) => m.name === name);
          return other ? (this.store(other, project) as T) : undefined;
        },
      };
      this.stores.set(key, module.createStore(env));
    }
    return this.stores.get(key);
  }

  module(name: string): RouteModule | undefined {
    return this.modules.find((m) => m.name === name || m.controlName === name);
  }

  /** Every store of a module that exists so far, with its project. */
  storesOf(module: RouteModule, projects: Project[]): { project?: Project; store: unknown }[] {
    if (module.scope === "org") return [{ store: this.store(module, undefined) }];
    return projects.map((project) => ({ project, store: this.store(module, project) }));
  }

  /** Drops every object; stores are made again (with their seeds) on next use. */
  clear(): void {
    this.stores = new Map();
  }
}

export interface CoreOptions {
  apiKey?: string;
  projects: Projects;
  registry: StoreRegistry;
  faults: FaultPlan;
  settings(): Settings;
  limiter(): RateLimiter | undefined;
  log: RequestLogEntry[];
  /** Entries `log` keeps (MAX_LOG_ENTRIES by default). */
  logLimit?: number;
  /** The controls under `/_emulator/`: segments after the prefix. */
  control(method: string, segments: string[], body: unknown): Answer | Promise<Answer>;
  /** The index `GET /` answers. */
  index(): unknown;
  /** Prints one line per API request (bodies masked); nothing when absent. */
  print?: (line: string) => void;
}

interface Exchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  entry?: RequestLogEntry;
}

export function createCoreServer(options: CoreOptions): http.Server {
  let seq = 0;
  const server = http.createServer((req, res) => {
    const ex: Exchange = { req, res };
    void handle(ex).catch((err) => {
      if (!res.headersSent) {
        respond(ex, { status: 500, body: apiError("internal", String(err)) });
      }
    });
  });
  server.keepAliveTimeout = 30_000;

  function respond(ex: Exchange, answer: Answer): void {
    if (ex.entry) {
      ex.entry.status = answer.status;
      print(ex.entry);
    }
    send(ex.res, answer);
  }

  function print(entry: RequestLogEntry): void {
    if (!options.print) return;
    const query = Object.keys(entry.query).length ? `?${new URLSearchParams(entry.query)}` : "";
    const project = entry.project ? ` [${entry.project}]` : "";
    const fault = entry.fault ? ` (fault: ${entry.fault})` : "";
    const body =
      entry.body === undefined
        ? ""
        : typeof entry.body === "string"
          ? ` <${Buffer.byteLength(entry.body)} bytes, not JSON>`
          : ` ${JSON.stringify(maskSecrets(entry.body))}`;
    options.print(
      `${entry.method} ${entry.path}${query}${project} -> ${entry.status}${fault}${body}`,
    );
  }

  function authorized(header: string | undefined): boolean {
    const match = /^Bearer (.+)$/.exec(header ?? "");
    if (!match) return false;
    return options.apiKey === undefined || match[1] === options.apiKey;
  }

  /** An answer to a request whose body is left unread: the connection closes after it. */
  function refuseUnread(ex: Exchange, answer: Answer): void {
    respond(ex, { ...answer, headers: { ...answer.headers, connection: "close" } });
  }

  const tooLarge = (cap: number): Answer => ({
    status: 413,
    body: apiError(
      "payload_too_large",
      `the request body is larger than ${cap / (1024 * 1024)} MiB`,
    ),
  });

  async function handle(ex: Exchange): Promise<void> {
    const { req, res } = ex;
    const method = req.method ?? "GET";
    const misdirected = hostProblem(req.headers);
    if (misdirected) {
      return refuseUnread(ex, { status: 403, body: apiError("forbidden_host", misdirected) });
    }
    let url: URL;
    let segments: string[];
    try {
      url = new URL(req.url ?? "/", "http://emulator");
      segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    } catch {
      return respond(ex, {
        status: 400,
        body: apiError("bad_request", "the request path has a malformed percent-escape"),
      });
    }
    const path = url.pathname;

    if (segments.length === 0 && method === "GET") {
      return respond(ex, { status: 200, body: options.index() });
    }
    if (`/${segments[0]}` === CONTROL_PREFIX) {
      // Controls change what the API answers; with a key set, only its holder may use them.
      // The index only lists them, so it stays open for someone finding their way.
      const isIndex = segments.length === 1 && method === "GET";
      if (!isIndex && options.apiKey !== undefined && !authorized(req.headers.authorization)) {
        return refuseUnread(ex, {
          status: 401,
          body: apiError("unauthorized", "the controls need the emulator's API key"),
        });
      }
      const crossSite = crossSiteProblem(method, req.headers);
      if (crossSite) {
        return refuseUnread(ex, {
          status: 403,
          body: apiError("forbidden", `${crossSite} is refused: the controls hold secrets`),
        });
      }
      const cap = bodyCap(req.headers);
      const bytes = await readBody(req, cap);
      if (bytes === undefined) return refuseUnread(ex, tooLarge(cap));
      const raw = bytes.toString("utf8");
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        return respond(ex, {
          status: 400,
          body: apiError("bad_request", "control body is not JSON"),
        });
      }
      return respond(ex, await options.control(method, segments.slice(1), body));
    }

    const entry: RequestLogEntry = {
      seq: ++seq,
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      status: 0,
    };
    ex.entry = entry;
    options.log.push(entry);
    const logLimit = options.logLimit ?? MAX_LOG_ENTRIES;
    if (options.log.length > logLimit) options.log.splice(0, options.log.length - logLimit);
    // The key before the body: a stranger's body is never read, nor kept in the log.
    if (!authorized(req.headers.authorization)) {
      return refuseUnread(ex, {
        status: 401,
        body: apiError("unauthorized", "missing or invalid authorization token"),
      });
    }
    const cap = bodyCap(req.headers);
    if (declaredTooLarge(req.headers)) return refuseUnread(ex, tooLarge(cap));
    const bytes = await readBody(req, cap);
    if (bytes === undefined) return refuseUnread(ex, tooLarge(cap));
    let body: unknown;
    if (bytes.length > 0 && isForm(req.headers)) {
      const form = await parseForm(bytes, String(req.headers["content-type"]));
      if (!form) {
        entry.body = `<${bytes.length} bytes, not a multipart/form-data form>`;
        return respond(ex, {
          status: 400,
          body: apiError("bad_request", "request body is not a valid multipart/form-data form"),
        });
      }
      body = form;
      entry.body = formForLog(form);
    } else if (bytes.length > 0) {
      const raw = bytes.toString("utf8");
      try {
        body = JSON.parse(raw);
        entry.body = body;
      } catch {
        entry.body = raw;
        return respond(ex, {
          status: 400,
          body: apiError("bad_request", "request body is not JSON"),
        });
      }
    }
    const waitMs = options.limiter()?.take() ?? 0;
    if (waitMs > 0) {
      return respond(ex, {
        status: 429,
        body: apiError("rate_limited", "too many requests"),
        headers: {
          "retry-after": String(Math.max(1, Math.ceil(waitMs / 1000))),
          "retry-after-ms": String(waitMs),
        },
      });
    }
    const module = options.registry.modules.find((m) =>
      m.prefix.every((part, i) => segments[i] === part),
    );
    let project: Project | undefined;
    if (!module || module.scope === "project") {
      const resolved = options.projects.resolve(req.headers);
      if (!resolved.ok) return respond(ex, { status: resolved.status, body: resolved.error });
      project = resolved.value;
      const sent = PROJECT_HEADERS.filter((name) => req.headers[name] !== undefined);
      if (sent.length > 0) {
        entry.project = project.id;
        entry.projectHeaders = sent;
      }
    }

    const fault = options.faults.take(method, path);
    if (fault) entry.fault = fault.kind;
    if (fault?.kind === "status") {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
      return respond(ex, {
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
    if (fault?.kind === "reset-before") return resetConnection(ex);

    const answer = route(module, {
      method,
      path,
      segments,
      query: url.searchParams,
      body,
      project,
    });
    if (fault?.kind === "reset-after") return resetConnection(ex);
    if (fault?.kind === "malformed") {
      entry.status = 200;
      print(entry);
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"id": "ma_trunc');
      return;
    }
    if (fault?.kind === "drip") return drip(ex, answer, fault.ms ?? 10);
    // The API has acted: the log says so even while a delay or the latency holds the answer
    // (a client that times out meanwhile never sees it).
    entry.status = answer.status;
    if (fault?.kind === "delay") await delay(fault.ms ?? 1000);
    const latencyMs = options.settings().latencyMs;
    if (latencyMs > 0) await delay(latencyMs);
    return respond(ex, answer);
  }

  function route(
    module: RouteModule | undefined,
    r: {
      method: string;
      path: string;
      segments: string[];
      query: URLSearchParams;
      body: unknown;
      project?: Project;
    },
  ): Answer {
    if (!module) {
      return { status: 404, body: apiError("route_not_found", `no route ${r.method} ${r.path}`) };
    }
    const op = matchOperation(r.method, r.segments);
    const problems = op.validate(r.body);
    if (problems.length) return invalid(problems);
    const store = options.registry.store(module, r.project);
    const answer = module.handle(
      {
        method: r.method,
        path: r.path,
        rest: r.segments.slice(module.prefix.length),
        query: r.query,
        body: r.body,
        project: module.scope === "project" ? r.project : undefined,
      },
      store,
    );
    if (answer) return answer;
    return op.pathKnown
      ? {
          status: 405,
          body: apiError("method_not_allowed", `${r.method} is not allowed on ${r.path}`),
        }
      : { status: 404, body: apiError("route_not_found", `no route ${r.method} ${r.path}`) };
  }

  /**
   * The answer's headers now, then its body one byte every `ms` ms until it is sent or the
   * client goes away. The length is announced, so a client waits for every byte.
   */
  function drip(ex: Exchange, answer: Answer, ms: number): void {
    // A bodiless answer (a DELETE's 204) gets one to drip: `{}` after enough spaces to last.
    const status = answer.body === undefined ? 200 : answer.status;
    const text = answer.body === undefined ? `${" ".repeat(62)}{}` : JSON.stringify(answer.body);
    const bytes = Buffer.from(text);
    if (ex.entry) {
      ex.entry.status = status;
      print(ex.entry);
    }
    ex.res.writeHead(status, {
      ...answer.headers,
      "content-type": "application/json",
      "content-length": String(bytes.length),
    });
    ex.res.flushHeaders();
    let sent = 0;
    const timer = setInterval(() => {
      if (ex.res.destroyed) return clearInterval(timer);
      ex.res.write(bytes.subarray(sent, sent + 1));
      sent += 1;
      if (sent >= bytes.length) {
        clearInterval(timer);
        ex.res.end();
      }
    }, ms);
    ex.res.on("close", () => clearInterval(timer));
  }

  function resetConnection(ex: Exchange): void {
    if (ex.entry) {
      ex.entry.status = "reset";
      print(ex.entry);
    }
    ex.req.socket.destroy();
  }

  return server;
}

export function send(res: http.ServerResponse, answer: Answer): void {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  // Bytes (an extension's archive) go out as they are.
  if (Buffer.isBuffer(answer.body)) {
    headers["content-type"] ??= "application/octet-stream";
    headers["content-length"] = String(answer.body.length);
    res.writeHead(answer.status, headers);
    res.end(answer.body);
    return;
  }
  const text = JSON.stringify(answer.body);
  headers["content-type"] = "application/json";
  headers["content-length"] = String(Buffer.byteLength(text));
  res.writeHead(answer.status, headers);
  res.end(text);
}

export function makeLimiter(limit: { ratePerSecond: number; burst: number } | undefined) {
  return limit ? new RateLimiter(limit.ratePerSecond, limit.burst) : undefined;
}

/** The body's bytes, read up to `cap`; undefined (and read no further) past it. */
function readBody(req: http.IncomingMessage, cap: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        req.off("data", onData);
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * A `multipart/form-data` body's parts, parsed by undici's own form parser (the one `fetch`
 * uses); undefined when it is not a valid form (no boundary, a broken part).
 */
async function parseForm(bytes: Buffer, contentType: string): Promise<MultipartBody | undefined> {
  let form: Awaited<ReturnType<Response["formData"]>>;
  try {
    form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
  } catch {
    return undefined;
  }
  const parts: FormPart[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") {
      parts.push({ name, data: Buffer.from(value, "utf8") });
    } else {
      parts.push({
        name,
        filename: value.name,
        ...(value.type ? { contentType: value.type } : {}),
        data: Buffer.from(await value.arrayBuffer()),
      });
    }
  }
  return new MultipartBody(parts);
}

/** A form as the request log keeps it: plain fields as text, files by name, type and size. */
function formForLog(form: MultipartBody): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const part of form.parts) {
    shown[part.name] =
      part.filename === undefined
        ? part.data.toString("utf8")
        : {
            filename: part.filename,
            ...(part.contentType ? { content_type: part.contentType } : {}),
            size_bytes: part.data.length,
          };
  }
  return shown;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
