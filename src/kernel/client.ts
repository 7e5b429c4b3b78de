/**
 * The thin Kernel client over undici. It knows no resource: resources call
 * `client.operation({project}).request(method, path, {body, parse})`. One keep-alive pool per
 * process, the retry policy of ./retry, typed errors of ./errors, the key only in one header.
 */
import { Agent, type Dispatcher, errors } from "undici";
import { apiErrorBodySchema } from "./api";
import {
  BudgetExceededError,
  type HttpMethod,
  KernelApiError,
  KernelConfigError,
  KernelConnectionError,
  KernelError,
  KernelTimeoutError,
  MalformedResponseError,
  RequestNotSentError,
  apiErrorFor,
  isOutcomeUnknown,
} from "./errors";
import { type KernelSettings, isLoopback, normalizeApiKey } from "./config";
import type { RateOutcome } from "./adaptiveRate";
import { PauseExceedsBudget, RateGate } from "./rateGate";
import type { ApiErrorBody, ApiErrorDetail } from "./errorBody";
import { type Secrets, excerpt, redact } from "./redact";
import {
  type AttemptOutcome,
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  decideRetry,
  header,
  retryAfterMs,
  serverDidNotAct,
} from "./retry";
import { clampTimerMs, sleep } from "./timers";
import { MultipartForm, encodeForm } from "./multipart";

export type { HttpMethod } from "./errors";
export type Query = Record<string, string | number | undefined>;
export type ResponseHeaders = Record<string, string | string[] | undefined>;

export interface RequestOptions<T> {
  /**
   * Sent as JSON; a MultipartForm (./multipart) is sent as `multipart/form-data` instead (an
   * upload). Either way a POST follows the same retry rules: a connection lost after sending
   * leaves its outcome unknown.
   */
  body?: unknown;
  query?: Query;
  /**
   * Turns a 2xx body into T; throw to mark it malformed (then treated as outcome-unknown).
   * `size` is the body's length in characters.
   */
  parse: (json: unknown, headers: ResponseHeaders, size: number) => T;
}

export interface OperationOptions {
  /** Sent as `X-Kernel-Project` on every request of the operation; omitted when undefined. */
  project?: string;
  /** `project` is an id only (env `KERNEL_PROJECT_ID`): sent as `X-Kernel-Project-Id` instead. */
  projectById?: boolean;
  /** 400 guidance naming the resource's input, from the API's message + details text. */
  badRequestHint?: (text: string) => string | undefined;
  /**
   * Texts never to show besides the key (the operation's secret input values, see
   * `secretStrings`): removed from error texts and log lines before anything is cut.
   */
  secrets?: readonly string[];
}

/** One provider operation (a create, a read, ...): one budget and one project for its requests. */
export interface KernelOperation {
  request<T>(method: HttpMethod, path: string, options: RequestOptions<T>): Promise<T>;
  /**
   * Pages a list endpoint (bare JSON array + X-Has-More / X-Next-Offset; has-more without a
   * next offset is an error) and returns the first item for which `match` holds.
   */
  find<T>(
    path: string,
    query: Query,
    parseItem: (json: unknown) => T,
    match: (item: T) => boolean,
  ): Promise<T | undefined>;
  /** Every item of a list endpoint (same paging rules). */
  list<T>(path: string, query: Query, parseItem: (json: unknown) => T): Promise<T[]>;
}

export interface KernelClientOptions {
  baseUrl: string;
  apiKey?: string;
  /** Defaults to the process-wide keep-alive pool. Tests pass undici's MockAgent. */
  dispatcher?: Dispatcher;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Receives one line per retry; the key is removed before it is called. */
  log?: (line: string) => void;
  /** Total budget of one operation, all its requests, backoffs and waits (default 120 s). */
  operationTimeoutMs?: number;
  /** Largest answer read, in bytes (default 4 MiB); a larger one is a clear error. */
  maxResponseBytes?: number;
}

export const DEFAULT_OPERATION_TIMEOUT_MS = 120_000;
/** No Kernel answer comes near this; a larger one is a broken or hostile server. */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** Items asked per page when paging a list. */
const PAGE_LIMIT = 100;
/** Pages read before a list is declared runaway (a server that never says "last page"). */
const MAX_PAGES = 1000;
/**
 * Characters and items one list may hold, over all its pages: a server that answers page after
 * page of near-cap bodies must end in a clear error, not in a host out of memory. Far above any
 * list the provider reads (proxies, connections of one profile and domain).
 */
export const MAX_LIST_CHARS = 32 * 1024 * 1024;
export const MAX_LIST_ITEMS = 50_000;
/** The longest API message an error shows, after redaction. */
export const MAX_MESSAGE_CHARS = 1000;
/** The longest message of one detail (or inner error) an error shows, after redaction. */
const MAX_DETAIL_CHARS = 300;
/** The most details of one API error an error shows. */
const MAX_DETAILS = 20;

let sharedAgent: Agent | undefined;

/** The process-wide pool shared by every resource the host serves. */
export function sharedDispatcher(): Agent {
  sharedAgent ??= new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 });
  return sharedAgent;
}

const sharedClients = new Map<string, KernelClient>();
let sharedClientsByDispatcher = new WeakMap<Dispatcher, Map<string, KernelClient>>();

/**
 * One KernelClient (so one pool and one rate gate) per process per (baseUrl, apiKey) and
 * timeouts, used by every resource's provider. `overrides` are for tests: a dispatcher of its
 * own gets clients of its own; the other overrides (clock, log) apply when the client is made.
 */
export function sharedClient(
  settings: KernelSettings,
  overrides: Partial<Omit<KernelClientOptions, "baseUrl" | "apiKey">> = {},
): KernelClient {
  // Asked on every provider call: a joined text, cheaper than JSON. No part holds a NUL, and
  // a number is never empty, so no two settings join to the same key.
  const key = [
    settings.baseUrl,
    settings.apiKey ?? "",
    settings.requestTimeoutMs ?? "",
    settings.operationTimeoutMs ?? "",
  ].join("\0");
  let cache = sharedClients;
  if (overrides.dispatcher) {
    cache = sharedClientsByDispatcher.get(overrides.dispatcher) ?? new Map();
    sharedClientsByDispatcher.set(overrides.dispatcher, cache);
  }
  let client = cache.get(key);
  if (!client) {
    client = new KernelClient({
      ...overrides,
      retry: {
        ...(settings.requestTimeoutMs ? { attemptTimeoutMs: settings.requestTimeoutMs } : {}),
        ...overrides.retry,
      },
      ...(settings.operationTimeoutMs ? { operationTimeoutMs: settings.operationTimeoutMs } : {}),
      baseUrl: settings.baseUrl,
      apiKey: settings.apiKey,
    });
    cache.set(key, client);
  }
  return client;
}

/** Forgets the shared clients (tests that change settings or clocks between cases). */
export function resetSharedClients(): void {
  sharedClients.clear();
  sharedClientsByDispatcher = new WeakMap();
}

/**
 * `/credentials`, `/credentials/<encoded id>`. The id is one path segment: `/`, `?`, `#` and
 * `%` are percent-encoded so no id can reach another endpoint. "", "." and ".." are refused:
 * URL parsers read them (even percent-encoded) as dot-segments, and no Kernel id has that form.
 */
export function resourcePath(collection: string, id?: string): string {
  if (id === undefined) return collection;
  return `${collection}/${encodeSegment(id, "id")}`;
}

/**
 * Throws KernelError unless `id` is a non-empty string that is not "." / ".." and has no
 * control characters. For ids in answers: a hostile or broken server must not get an id into
 * state that no later call can use, or that points elsewhere.
 */
export function assertValidId(id: unknown, what: string): asserts id is string {
  if (typeof id !== "string" || id === "" || id === "." || id === ".." || CONTROL.test(id)) {
    const shown = typeof id === "string" ? JSON.stringify(id.slice(0, 80)) : typeof id;
    throw new KernelError(`The API returned an invalid ${what} id: ${shown}`);
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A project header value undici would refuse, or one that cannot be a project id or name. */
function projectProblem(project: string | undefined): KernelConfigError | undefined {
  if (project === undefined) return undefined;
  if (project.trim() === "" || CONTROL.test(project)) {
    return new KernelConfigError(
      `The project ${JSON.stringify(project.slice(0, 80))} is empty or has a control character; ` +
        `set the resource's project input or kernel:project to a project id or exact name.`,
    );
  }
  return undefined;
}

/** The one project header of an operation's requests (none for the default project). */
function projectHeader(op: OperationState): Record<string, string> {
  if (op.project === undefined) return {};
  return { [op.projectById ? "x-kernel-project-id" : "x-kernel-project"]: op.project };
}

function encodeSegment(segment: string, what: string): string {
  if (segment === "" || segment === "." || segment === "..") {
    throw new KernelError(`${JSON.stringify(segment)} is not a valid ${what}`);
  }
  return encodeURIComponent(segment);
}

/** What the client keeps per operation. */
interface OperationState {
  readonly project?: string;
  readonly projectById?: boolean;
  readonly badRequestHint?: (text: string) => string | undefined;
  readonly budgetMs: number;
  /** Absolute time (client clock) when the budget runs out. */
  readonly deadline: number;
  /** The first failure of any request of the operation: the error names it. */
  firstFailure?: Error;
  /** A POST/PATCH/DELETE of the operation failed with its outcome unknown. */
  mayHaveActed?: boolean;
  /** A refusal found when the operation was made (a bad project), thrown by each request. */
  readonly problem?: KernelConfigError;
  /** The key and the operation's secrets: what no error or log line may hold. */
  readonly secrets: readonly string[];
}

export class KernelClient {
  private readonly baseUrl: string;
  private readonly apiKey?: string;
  private readonly dispatcher: Dispatcher;
  private readonly policy: RetryPolicy;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly log: (line: string) => void;
  private readonly operationTimeoutMs: number;
  private readonly maxResponseBytes: number;
  private keyChecked = false;
  /** The base URL's host is this machine: a refused connection there is not a passing fault. */
  private readonly loopback: boolean;
  /** A 429 pauses every request of this client, not just the one that met it. */
  private readonly gate: RateGate;

  constructor(options: KernelClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.loopback = isLoopback(hostnameOf(this.baseUrl));
    this.apiKey = options.apiKey;
    this.dispatcher = options.dispatcher ?? sharedDispatcher();
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => sleep(ms));
    const log = options.log ?? (() => undefined);
    this.log = (line) => log(redact(line, this.apiKey));
    this.operationTimeoutMs = options.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.gate = new RateGate({ now: this.now, sleep: this.sleep, random: this.random });
  }

  /** Starts one provider operation: its budget runs from now. */
  operation(options: OperationOptions = {}): KernelOperation {
    const state: OperationState = {
      project: options.project,
      projectById: options.projectById,
      problem: projectProblem(options.project),
      badRequestHint: options.badRequestHint,
      budgetMs: this.operationTimeoutMs,
      deadline: this.now() + this.operationTimeoutMs,
      secrets: [...(this.apiKey ? [this.apiKey] : []), ...(options.secrets ?? [])],
    };
    const request = <T>(method: HttpMethod, path: string, opts: RequestOptions<T>) =>
      this.send(state, method, path, opts);
    const list = <T>(
      path: string,
      query: Query,
      parseItem: (json: unknown) => T,
      match?: (item: T) => boolean,
    ) => this.page(request, path, query, parseItem, match);
    return {
      request,
      find: async (path, query, parseItem, match) => (await list(path, query, parseItem, match))[0],
      list: (path, query, parseItem) => list(path, query, parseItem),
    };
  }

  /** Reads pages until `match` holds for an item (then returns it alone) or the list ends. */
  private async page<T>(
    request: KernelOperation["request"],
    path: string,
    query: Query,
    parseItem: (json: unknown) => T,
    match?: (item: T) => boolean,
  ): Promise<T[]> {
    const all: T[] = [];
    let offset = 0;
    let chars = 0;
    let items = 0;
    const runaway = (what: string) =>
      new KernelError(
        `GET ${path}: the list did not end within ${what}; the API (or what answers at the ` +
          `base URL) sends more than any list the provider reads can hold`,
      );
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await request("GET", path, {
        query: { ...query, limit: PAGE_LIMIT, offset },
        parse: (json, headers, size) => {
          const raw = parsePage(json, headers, offset);
          return { ...raw, size, items: raw.items.map((item) => parseItem(item)) };
        },
      });
      // One page is bounded by the answer's size cap; the list by these.
      chars += result.size;
      items += result.items.length;
      if (chars > MAX_LIST_CHARS) throw runaway(`${MAX_LIST_CHARS / (1024 * 1024)} MiB`);
      if (items > MAX_LIST_ITEMS) throw runaway(`${MAX_LIST_ITEMS} items`);
      if (match) {
        const found = result.items.find(match);
        if (found !== undefined) return [found];
      } else {
        // One at a time: spreading a huge page into push overflows the call stack.
        for (const item of result.items) all.push(item);
      }
      if (!result.hasMore) return all;
      offset = result.nextOffset;
    }
    throw runaway(`${MAX_PAGES} pages`);
  }

  private async send<T>(
    op: OperationState,
    method: HttpMethod,
    path: string,
    options: RequestOptions<T>,
  ): Promise<T> {
    this.checkKey();
    if (op.problem) throw op.problem;
    const url = this.baseUrl + path + queryString(options.query);
    const payload = await encodePayload(options.body);
    let rateLimited = 0;
    for (let attempt = 1; ; attempt++) {
      const release = await this.admit(op, method, path);
      // The attempt's one deadline: the per-attempt timeout, cut to what is left of the budget.
      const left = op.deadline - this.now();
      const attemptMs = Math.max(1, Math.min(this.policy.attemptTimeoutMs, left));
      let outcome: AttemptOutcome;
      let failure: Error;
      // What the rate gate learns from this attempt when it is released.
      let paced: RateOutcome = "other";
      let pacedRetryAfterMs: number | undefined;
      try {
        const answer = await this.attempt(url, method, payload, projectHeader(op), attemptMs);
        if (answer.status >= 200 && answer.status < 300) {
          paced = "accepted";
          try {
            if (answer.tooLarge) throw new Error(`the answer is larger than ${this.capText()}`);
            const text = answer.text;
            return options.parse(parseJson(text), answer.headers, text.length);
          } catch (err) {
            outcome = { kind: "malformed-body" };
            failure = new MalformedResponseError(
              method,
              path,
              answer.status,
              excerpt(
                err instanceof Error ? err.message : String(err),
                op.secrets,
                MAX_MESSAGE_CHARS,
              ),
            );
          }
        } else {
          outcome = { kind: "response", status: answer.status, headers: answer.headers };
          const text = answer.tooLarge
            ? `(an error answer larger than ${this.capText()}; not read)`
            : answer.text;
          failure = this.apiError(op, method, path, answer.status, text);
          if (answer.status === 429) {
            rateLimited++;
            paced = "throttled";
            pacedRetryAfterMs = retryAfterMs(answer.headers, this.now());
            this.gate.onRateLimited(pacedRetryAfterMs);
          }
        }
      } catch (err) {
        const connectionFailure = this.connectionError(method, path, err, attemptMs, op.secrets);
        failure = connectionFailure;
        outcome = {
          kind: "connection-error",
          mayHaveActed: connectionFailure.mayHaveActed,
          local: connectionFailure instanceof RequestNotSentError,
          unreachable: this.unreachable(connectionFailure),
        };
      } finally {
        release(paced, pacedRetryAfterMs);
      }
      op.firstFailure ??= failure;
      // A 429 or a 503 with Retry-After says the server did not act: a POST that only met those
      // and then ran out of budget has a known outcome (nothing made), so no lookup is due.
      if (method !== "GET" && isOutcomeUnknown(failure) && !serverDidNotAct(outcome)) {
        op.mayHaveActed = true;
      }
      const decision = decideRetry({
        method,
        outcome,
        // 429s have their own, larger bound: under a storm they are the expected answer.
        attempt: attempt - rateLimited,
        rateLimitedAttempts: rateLimited,
        remainingMs: op.deadline - this.now(),
        policy: this.policy,
        random: this.random,
        now: this.now(),
      });
      if (!decision.retry) {
        if (decision.why === "retry-after") {
          throw this.budgetError(
            op,
            failure,
            `The API asked to wait ${duration(decision.askedMs ?? Infinity)} (Retry-After), ` +
              `longer than the ${duration(op.deadline - this.now())} left of the operation's ` +
              `budget of ${duration(op.budgetMs)} ${BUDGET_KNOBS}.`,
          );
        }
        if (decision.why === "budget") {
          throw this.budgetError(
            op,
            failure,
            `Gave up: the operation's budget of ${duration(op.budgetMs)} ran out ${BUDGET_KNOBS}.`,
          );
        }
        throw this.withBaseUrlHint(failure, op.secrets);
      }
      this.log(
        redact(
          `kernel: ${failure.message}; retrying in ${(decision.delayMs / 1000).toFixed(1)}s ` +
            `(attempt ${attempt + 1})`,
          op.secrets,
        ),
      );
      await this.sleep(decision.delayMs);
    }
  }

  /** Waits for the process-wide rate gate, never past the operation's budget. */
  private async admit(op: OperationState, method: HttpMethod, path: string) {
    if (op.deadline - this.now() <= 0) {
      throw this.budgetError(
        op,
        undefined,
        `Gave up before ${method} ${path}: the operation's budget of ${duration(op.budgetMs)} ` +
          `ran out ${BUDGET_KNOBS}.`,
      );
    }
    try {
      return await this.gate.acquire(op.deadline);
    } catch (err) {
      if (!(err instanceof PauseExceedsBudget)) throw err;
      throw this.budgetError(
        op,
        undefined,
        `${method} ${path} was not sent: every request is paused for another ` +
          `${duration(err.pauseMs)} after a 429 from the API, longer than the ` +
          `${duration(err.remainingMs)} left of the operation's budget of ` +
          `${duration(op.budgetMs)} ${BUDGET_KNOBS}.`,
      );
    }
  }

  /**
   * One request with one deadline over headers AND the whole body: a timer that aborts it,
   * since undici's own timeouts only bound the gaps between chunks, so a dripping body outlives
   * them. The body is read up to the size cap.
   *
   * Dispatched with a handler of its own rather than undici's `request`: the answer is
   * collected from the chunks as they come, with no response stream, async iterator or abort
   * signal made per request (the host serves every resource's calls on one event loop, so
   * what each request costs it delays every other call).
   */
  private attempt(
    url: string,
    method: HttpMethod,
    payload: Payload | undefined,
    project: Record<string, string>,
    attemptMs: number,
  ): Promise<{ status: number; headers: ResponseHeaders; text: string; tooLarge: boolean }> {
    return new Promise((resolve, reject) => {
      let controller: Dispatcher.DispatchController | undefined;
      let timedOut = false;
      let settled = false;
      let status = 0;
      let headers: ResponseHeaders = {};
      let size = 0;
      const chunks: Buffer[] = [];
      const timer = setTimeout(() => {
        timedOut = true;
        controller?.abort(new AttemptDeadline());
      }, clampTimerMs(attemptMs));
      const settle = (done: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        done();
      };
      // Whatever undici made of the abort, the cause is the deadline.
      const fail = (err: unknown) => settle(() => reject(timedOut ? new AttemptDeadline() : err));
      const handler: Dispatcher.DispatchHandler = {
        onRequestStart: (started) => {
          controller = started;
          if (timedOut) started.abort(new AttemptDeadline());
        },
        onResponseStart: (_controller, statusCode, responseHeaders) => {
          // 1xx answers are not the answer.
          if (statusCode < 200) return;
          status = statusCode;
          headers = responseHeaders;
        },
        onResponseData: (started, chunk) => {
          if (settled) return;
          size += chunk.length;
          if (size > this.maxResponseBytes) {
            settle(() => resolve({ status, headers, text: "", tooLarge: true }));
            started.abort(new Error("the answer is larger than the size cap"));
            return;
          }
          chunks.push(chunk);
        },
        onResponseEnd: () =>
          settle(() =>
            resolve({
              status,
              headers,
              text: Buffer.concat(chunks).toString("utf8"),
              tooLarge: false,
            }),
          ),
        onResponseError: (_controller, err) => fail(err),
      };
      try {
        // What undici's `request` does with a URL: origin and path, http(s) only.
        const target = new URL(url);
        if (!/^https?:/.test(target.origin || target.protocol)) {
          throw new errors.InvalidArgumentError(
            "Invalid URL protocol: the URL must start with `http:` or `https:`.",
          );
        }
        this.dispatcher.dispatch(
          {
            origin: target.origin,
            path: target.search ? `${target.pathname}${target.search}` : target.pathname,
            method,
            headers: {
              authorization: `Bearer ${this.apiKey}`,
              accept: "application/json",
              ...project,
              ...(payload === undefined ? {} : { "content-type": payload.contentType }),
            },
            body: payload?.bytes,
            headersTimeout: clampTimerMs(attemptMs),
            bodyTimeout: clampTimerMs(attemptMs),
          },
          handler,
        );
      } catch (err) {
        fail(err);
      }
    });
  }

  private capText(): string {
    const bytes = this.maxResponseBytes;
    if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
    if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
    return `${bytes} bytes`;
  }

  /** Refuses, before any request, a key the configure rule would refuse (one given directly). */
  private checkKey(): void {
    if (!this.apiKey) {
      throw new KernelConfigError(
        "No Kernel API key: set it with `pulumi config set --secret kernel:apiKey <key>` " +
          "or the KERNEL_API_KEY environment variable.",
      );
    }
    if (this.keyChecked) return;
    normalizeApiKey(this.apiKey, "The API key");
    if (this.apiKey.trim() !== this.apiKey) {
      throw new KernelConfigError("The API key has surrounding whitespace (the key is not shown).");
    }
    this.keyChecked = true;
  }

  /**
   * The operation ran out of time. The message names the first failure of the operation (a
   * create's POST, not the lookup after it), then the latest if it differs, then why.
   */
  private budgetError(
    op: OperationState,
    last: Error | undefined,
    why: string,
  ): BudgetExceededError {
    const first = op.firstFailure;
    const parts: string[] = [];
    if (first) parts.push(first.message);
    if (last && last !== first) parts.push(`then ${last.message}`);
    const hint = [first, last].map((f) => f && this.baseUrlHint(f)).find((h) => h !== undefined);
    const message =
      (parts.length ? `${parts.join("; ")}. ${why}` : why) + (hint ? ` ${hint}.` : "");
    return new BudgetExceededError(
      this.clean(message, op.secrets),
      op.budgetMs,
      first ?? last,
      op.mayHaveActed ?? false,
    );
  }

  /**
   * A 404 that is not the API's (`route_not_found`, no error code, a non-JSON page) or a
   * connection nobody accepts means the base URL is wrong, not that an object is gone.
   */
  private withBaseUrlHint(failure: Error, secrets: Secrets): Error {
    const hint = this.baseUrlHint(failure);
    if (hint === undefined) return failure;
    failure.message = this.clean(`${failure.message}. ${hint}.`, secrets);
    return failure;
  }

  private baseUrlHint(failure: Error): string | undefined {
    const wrongRoute =
      failure instanceof KernelApiError &&
      failure.status === 404 &&
      (failure.code === undefined || failure.code === "route_not_found");
    const nobodyThere =
      failure instanceof KernelConnectionError &&
      /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)\b/.test(failure.reason);
    if (wrongRoute) {
      return (
        `Check kernel:baseUrl (or KERNEL_BASE_URL): ${this.baseUrl} is not the Kernel API ` +
        `(it answers with no such route)`
      );
    }
    if (nobodyThere) {
      return `Check kernel:baseUrl (or KERNEL_BASE_URL): nothing answers at ${this.baseUrl}`;
    }
    return undefined;
  }

  /**
   * Nothing will answer however long the operation waits: a refused connection to this
   * machine (the emulator not started, a wrong port), or a host name that does not exist.
   * A refused connection to a remote host, or a failed name lookup that may pass
   * (`EAI_AGAIN`), may be a passing fault, and is retried.
   */
  private unreachable(failure: KernelConnectionError): boolean {
    if (/^ENOTFOUND\b/.test(failure.reason)) return true;
    return this.loopback && /^ECONNREFUSED\b/.test(failure.reason);
  }

  private apiError(
    op: OperationState,
    method: HttpMethod,
    path: string,
    status: number,
    text: string,
  ) {
    let body = undefined;
    try {
      const parsed = apiErrorBodySchema.safeParse(JSON.parse(text));
      if (parsed.success) body = parsed.data;
    } catch {
      // Not JSON (a proxy's HTML page, say): keep a short excerpt, redacted before it is cut.
      if (text.trim()) body = { message: excerpt(text, op.secrets) };
    }
    // Every string of the body redacted, then cut, before the error's text is made of it.
    if (body) body = cutBody(body, op.secrets);
    const hint =
      status === 400 && op.badRequestHint && body
        ? op.badRequestHint(JSON.stringify(body))
        : undefined;
    return apiErrorFor({ method, path, status, body, hint });
  }

  /**
   * undici errors may carry request options (headers included) in their fields; only a code and
   * a cleaned message survive. A request undici refused before sending it (an invalid header or
   * path) is "not sent": repeating it would fail the same way, and its outcome is known.
   */
  private connectionError(
    method: HttpMethod,
    path: string,
    err: unknown,
    attemptMs: number,
    secrets: Secrets,
  ): KernelConnectionError {
    if (err instanceof AttemptDeadline) {
      return new KernelTimeoutError(
        method,
        path,
        `no complete answer within ${attemptMs} ms (kernel:requestTimeoutMs)`,
        true,
      );
    }
    const code = (err as { code?: string })?.code ?? "";
    const name = (err as { name?: string })?.name ?? "";
    const reason = `${code ? code + " " : ""}${this.clean(err, secrets)}`.trim();
    if (LOCAL_REFUSALS.has(code) || name === "InvalidArgumentError") {
      return new RequestNotSentError(method, path, `refused before it was sent: ${reason}`);
    }
    if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
      return new KernelTimeoutError(method, path, reason, true);
    }
    const notSent = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"];
    return new KernelConnectionError(method, path, reason, !notSent.includes(code));
  }

  private clean(err: unknown, secrets: Secrets = this.apiKey): string {
    const message = err instanceof Error ? err.message : String(err);
    return redact(message, secrets);
  }
}

/** A request body as sent: its bytes (or JSON text) and its content type. */
interface Payload {
  contentType: string;
  bytes: string | Buffer;
}

/** JSON, or a form (an upload); encoded once, so every attempt sends the same bytes. */
async function encodePayload(body: unknown): Promise<Payload | undefined> {
  if (body === undefined) return undefined;
  if (body instanceof MultipartForm) return encodeForm(body);
  return { contentType: "application/json", bytes: JSON.stringify(body) };
}

/** The host name of a base URL; empty when it cannot be parsed (the request then fails). */
function hostnameOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

/**
 * A 2xx body as JSON; "" is no body. A body that is not JSON is named as such, without the
 * characters `JSON.parse` would quote from it (they may be a secret the server echoed).
 */
function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`the body is not JSON (${text.length} characters)`);
  }
}

/**
 * An API error body as an error may show it: every string redacted, then cut (the message to
 * MAX_MESSAGE_CHARS, each detail to MAX_DETAIL_CHARS), and at most MAX_DETAILS details (a server may answer a megabyte-long
 * message, which would otherwise be an error, and a retry log line, of that size).
 */
function cutBody(body: ApiErrorBody, secrets: Secrets): ApiErrorBody {
  const cut = <V>(value: V, max = MAX_MESSAGE_CHARS): V =>
    (typeof value === "string" ? excerpt(value, secrets, max) : value) as V;
  const detail = (d: ApiErrorDetail): ApiErrorDetail => ({
    ...(d.code === undefined ? {} : { code: cut(d.code, MAX_DETAIL_CHARS) }),
    ...(d.message === undefined ? {} : { message: cut(d.message, MAX_DETAIL_CHARS) }),
  });
  const details = body.details ?? undefined;
  return {
    ...(body.code === undefined ? {} : { code: cut(body.code) }),
    ...(body.message === undefined ? {} : { message: cut(body.message) }),
    ...(details
      ? {
          details: [
            ...details.slice(0, MAX_DETAILS).map(detail),
            ...(details.length > MAX_DETAILS
              ? [{ message: `and ${details.length - MAX_DETAILS} more details` }]
              : []),
          ],
        }
      : {}),
    ...(body.inner_error ? { inner_error: detail(body.inner_error) } : {}),
  };
}

/** Errors by which undici (or Node) refuses a request before anything is written. */
const LOCAL_REFUSALS = new Set([
  "UND_ERR_INVALID_ARG",
  "UND_ERR_NOT_SUPPORTED",
  "ERR_INVALID_URL",
  "ERR_INVALID_ARG_TYPE",
  "ERR_INVALID_ARG_VALUE",
  "ERR_INVALID_HTTP_TOKEN",
  "ERR_INVALID_CHAR",
  "ERR_HTTP_INVALID_HEADER_VALUE",
]);

/** The reason the attempt's deadline aborts with. */
class AttemptDeadline extends Error {
  override name = "AttemptDeadline";
}

/** Where the budget is set, for messages. */
const BUDGET_KNOBS = "(kernel:operationTimeoutSeconds or KERNEL_OPERATION_TIMEOUT_SECONDS)";

/** `300 s`, `0.3 s`, `15 ms`; an unbounded wait reads as such. */
function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms > 1e12) return "an unbounded time";
  if (ms < 100) return `${Math.max(0, Math.round(ms))} ms`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/**
 * One page of a list: a bare JSON array, `X-Has-More`, and `X-Next-Offset` (absolute; 0 on the
 * last page). Has-more without a usable next offset is an error, not the end of the list: ending
 * there would make a lookup miss an object that exists.
 */
function parsePage(json: unknown, headers: ResponseHeaders, offset: number) {
  if (!Array.isArray(json)) throw new Error("expected a JSON array");
  const hasMore = header(headers, "x-has-more")?.trim().toLowerCase() === "true";
  const rawNext = header(headers, "x-next-offset")?.trim();
  if (!hasMore) return { items: json as unknown[], hasMore: false, nextOffset: 0 };
  if (rawNext === undefined || rawNext === "") {
    throw new Error("X-Has-More is true but X-Next-Offset is missing");
  }
  const nextOffset = Number(rawNext);
  if (!Number.isSafeInteger(nextOffset) || nextOffset <= offset) {
    throw new Error(
      `X-Has-More is true but X-Next-Offset ${JSON.stringify(rawNext.slice(0, 20))} does not ` +
        `move past offset ${offset}`,
    );
  }
  return { items: json as unknown[], hasMore: true, nextOffset };
}

function queryString(query: Query | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
