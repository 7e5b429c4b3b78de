/**
 * A thin client for the auth-connections endpoints over undici: one keep-alive pool per process,
 * the retry policy of ./retry, typed errors of ./errors, and the key only in one header.
 */
import { Agent, type Dispatcher, request } from "undici";
import {
  type ManagedAuth,
  type ManagedAuthCreateRequest,
  type ManagedAuthUpdateRequest,
  apiErrorBodySchema,
  managedAuthSchema,
} from "./api";
import {
  type HttpMethod,
  KernelConfigError,
  KernelConnectionError,
  KernelError,
  KernelTimeoutError,
  MalformedResponseError,
  apiErrorFor,
} from "./errors";
import { RateGate } from "./rateGate";
import { redact } from "./redact";
import {
  type AttemptOutcome,
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  decideRetry,
  header,
  retryAfterMs,
} from "./retry";

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
  /** Adds "which input" guidance to 400 errors, given the API's message and details. */
  badRequestHint?: (text: string) => string | undefined;
}

export interface ListPage {
  items: ManagedAuth[];
  hasMore: boolean;
  nextOffset: number;
}

type Headers = Record<string, string | string[] | undefined>;
type Query = Record<string, string | number | undefined>;

let sharedAgent: Agent | undefined;

/** The process-wide pool shared by every resource the host serves. */
export function sharedDispatcher(): Agent {
  sharedAgent ??= new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 });
  return sharedAgent;
}

/**
 * Encodes one path segment so that no id can reach another endpoint: `/`, `?`, `#` and `%` are
 * percent-encoded. `.` and `..` are refused: URL parsers read them (even percent-encoded) as
 * dot-segments, and no connection id has that form.
 */
export function encodePathSegment(segment: string): string {
  if (segment === "" || segment === "." || segment === "..") {
    throw new KernelError(`${JSON.stringify(segment)} is not a valid auth connection id`);
  }
  return encodeURIComponent(segment);
}

export function connectionPath(id?: string): string {
  return id === undefined ? "/auth/connections" : `/auth/connections/${encodePathSegment(id)}`;
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
  private readonly badRequestHint?: (text: string) => string | undefined;
  /** A 429 pauses every request of this client, not just the one that met it. */
  private readonly gate: RateGate;

  constructor(options: KernelClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.apiKey = options.apiKey;
    this.dispatcher = options.dispatcher ?? sharedDispatcher();
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const log = options.log ?? (() => undefined);
    this.log = (line) => log(redact(line, this.apiKey));
    this.badRequestHint = options.badRequestHint;
    this.gate = new RateGate({ now: this.now, sleep: this.sleep, random: this.random });
  }

  async createAuthConnection(body: ManagedAuthCreateRequest): Promise<ManagedAuth> {
    return this.send("POST", connectionPath(), { body, parse: parseManagedAuth });
  }

  async getAuthConnection(id: string): Promise<ManagedAuth> {
    return this.send("GET", connectionPath(id), { parse: parseManagedAuth });
  }

  async updateAuthConnection(id: string, body: ManagedAuthUpdateRequest): Promise<ManagedAuth> {
    return this.send("PATCH", connectionPath(id), { body, parse: parseManagedAuth });
  }

  async deleteAuthConnection(id: string): Promise<void> {
    await this.send("DELETE", connectionPath(id), { parse: () => undefined });
  }

  async listAuthConnections(query: {
    profile_name?: string;
    domain?: string;
    limit?: number;
    offset?: number;
  }): Promise<ListPage> {
    return this.send("GET", connectionPath(), {
      query,
      parse: (json, headers) => {
        if (!Array.isArray(json)) throw new Error("expected a JSON array");
        const nextOffset = Number(header(headers, "x-next-offset") ?? 0);
        const hasMore = header(headers, "x-has-more") === "true" && nextOffset > 0;
        return { items: json.map((item) => parseManagedAuth(item)), hasMore, nextOffset };
      },
    });
  }

  /** The connection for (profileName, domain), if any: the key the API enforces with 409. */
  async findAuthConnection(profileName: string, domain: string): Promise<ManagedAuth | undefined> {
    let offset = 0;
    for (let page = 0; page < 100; page++) {
      const result = await this.listAuthConnections({
        profile_name: profileName,
        domain,
        limit: 100,
        offset,
      });
      const match = result.items.find(
        (c) => c.profile_name === profileName && c.domain.toLowerCase() === domain.toLowerCase(),
      );
      if (match) return match;
      if (!result.hasMore || result.nextOffset <= offset) return undefined;
      offset = result.nextOffset;
    }
    return undefined;
  }

  private async send<T>(
    method: HttpMethod,
    path: string,
    options: { body?: unknown; query?: Query; parse: (json: unknown, headers: Headers) => T },
  ): Promise<T> {
    if (!this.apiKey) {
      throw new KernelConfigError(
        "No Kernel API key: set it with `pulumi config set --secret kernel:apiKey <key>` " +
          "or the KERNEL_API_KEY environment variable.",
      );
    }
    const url = this.baseUrl + path + queryString(options.query);
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    let waitedMs = 0;
    let rateLimited = 0;
    for (let attempt = 1; ; attempt++) {
      const release = await this.gate.acquire();
      let outcome: AttemptOutcome;
      let failure: Error;
      try {
        const res = await request(url, {
          method,
          dispatcher: this.dispatcher,
          headers: {
            authorization: `Bearer ${this.apiKey}`,
            accept: "application/json",
            ...(payload === undefined ? {} : { "content-type": "application/json" }),
          },
          body: payload,
          headersTimeout: this.policy.attemptTimeoutMs,
          bodyTimeout: this.policy.attemptTimeoutMs,
        });
        const text = await res.body.text();
        const headers = res.headers as Headers;
        if (res.statusCode >= 200 && res.statusCode < 300) {
          this.gate.onSuccess();
          try {
            return options.parse(text === "" ? undefined : JSON.parse(text), headers);
          } catch (err) {
            outcome = { kind: "malformed-body" };
            failure = new MalformedResponseError(method, path, res.statusCode, this.clean(err));
          }
        } else {
          outcome = { kind: "response", status: res.statusCode, headers };
          failure = this.apiError(method, path, res.statusCode, text);
          if (res.statusCode === 429) {
            rateLimited++;
            this.gate.onRateLimited(retryAfterMs(headers, this.now()));
          }
        }
      } catch (err) {
        failure = this.connectionError(method, path, err);
        outcome = {
          kind: "connection-error",
          mayHaveActed: (failure as KernelConnectionError).mayHaveActed,
        };
      } finally {
        release();
      }
      const decision = decideRetry({
        method,
        outcome,
        // 429s have their own, larger bound: under a storm they are the expected answer.
        attempt: attempt - rateLimited,
        rateLimitedAttempts: rateLimited,
        waitedMs,
        policy: this.policy,
        random: this.random,
        now: this.now(),
      });
      if (!decision.retry) throw failure;
      this.log(
        `kernel: ${failure.message}; retrying in ${(decision.delayMs / 1000).toFixed(1)}s ` +
          `(attempt ${attempt + 1})`,
      );
      waitedMs += decision.delayMs;
      await this.sleep(decision.delayMs);
    }
  }

  private apiError(method: HttpMethod, path: string, status: number, text: string) {
    let body = undefined;
    try {
      const parsed = apiErrorBodySchema.safeParse(JSON.parse(text));
      if (parsed.success) body = parsed.data;
    } catch {
      // Not JSON (a proxy's HTML page, say): keep a short excerpt as the message.
      if (text.trim()) body = { message: text.trim().slice(0, 200) };
    }
    if (body) {
      body = JSON.parse(redact(JSON.stringify(body), this.apiKey));
    }
    const hint =
      status === 400 && this.badRequestHint && body
        ? this.badRequestHint(JSON.stringify(body))
        : undefined;
    return apiErrorFor({ method, path, status, body, hint });
  }

  /**
   * undici errors may carry request options (headers included) in their fields; only a code and
   * a cleaned message survive.
   */
  private connectionError(method: HttpMethod, path: string, err: unknown): KernelConnectionError {
    const code = (err as { code?: string })?.code ?? "";
    const reason = `${code ? code + " " : ""}${this.clean(err)}`.trim();
    const notSent = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"];
    const mayHaveActed = !notSent.includes(code);
    if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
      return new KernelTimeoutError(method, path, reason, true);
    }
    return new KernelConnectionError(method, path, reason, mayHaveActed);
  }

  private clean(err: unknown): string {
    const message = err instanceof Error ? err.message : String(err);
    return redact(message, this.apiKey);
  }
}

function parseManagedAuth(json: unknown): ManagedAuth {
  const parsed = managedAuthSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  return parsed.data;
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
