/**
 * Typed errors, one class per failure kind, in the manner of Kernel's SDK. Every message names
 * the method, path, status, API code, message and details, so that a failed `pulumi up` says
 * what the API refused without a debug log.
 */
import { hintForCode } from "./codeHints";
import type { ApiErrorBody } from "./errorBody";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** Base of everything the client throws. */
export class KernelError extends Error {
  override name = "KernelError";
}

/** Configuration problems (missing key, unsafe base URL), found before any request. */
export class KernelConfigError extends KernelError {
  override name = "KernelConfigError";
}

export interface ApiErrorInit {
  method: HttpMethod;
  path: string;
  status: number;
  body?: ApiErrorBody;
  /** Extra guidance appended to the message (how to set the key, which input). */
  hint?: string;
}

/** The API answered with a non-2xx status. */
export class KernelApiError extends KernelError {
  override name = "KernelApiError";
  readonly method: HttpMethod;
  readonly path: string;
  readonly status: number;
  readonly code?: string;
  readonly apiMessage?: string;
  readonly details: { code?: string; message?: string }[];
  readonly hint?: string;

  constructor(init: ApiErrorInit) {
    super(formatApiError(init));
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.code = init.body?.code;
    this.apiMessage = init.body?.message;
    this.details = [...(init.body?.details ?? [])];
    if (init.body?.inner_error) this.details.push(init.body.inner_error);
    this.hint = init.hint;
  }
}

export class BadRequestError extends KernelApiError {
  override name = "BadRequestError";
}
export class AuthenticationError extends KernelApiError {
  override name = "AuthenticationError";
}
export class PermissionDeniedError extends KernelApiError {
  override name = "PermissionDeniedError";
}
export class NotFoundError extends KernelApiError {
  override name = "NotFoundError";
}
export class ConflictError extends KernelApiError {
  override name = "ConflictError";
}
export class RateLimitError extends KernelApiError {
  override name = "RateLimitError";
}
export class InternalServerError extends KernelApiError {
  override name = "InternalServerError";
}

const KEY_HINT =
  "Set the API key with `pulumi config set --secret kernel:apiKey <key>` " +
  "or the KERNEL_API_KEY environment variable.";

/**
 * Picks the class for a status. A documented code's hint comes first (./codeHints); else the
 * caller's (a 400's inputs); else 401/403 carry the key hint.
 */
export function apiErrorFor(given: ApiErrorInit): KernelApiError {
  const hint = hintForCode(given.body?.code, given.method) ?? given.hint;
  const init = hint === undefined ? given : { ...given, hint };
  const { status } = init;
  if (status === 400) return new BadRequestError(init);
  if (status === 401) return new AuthenticationError({ ...init, hint: init.hint ?? KEY_HINT });
  if (status === 403) return new PermissionDeniedError({ ...init, hint: init.hint ?? KEY_HINT });
  if (status === 404) return new NotFoundError(init);
  if (status === 409) return new ConflictError(init);
  if (status === 429) return new RateLimitError(init);
  if (status >= 500) return new InternalServerError(init);
  return new KernelApiError(init);
}

/**
 * The request never got an answer. `mayHaveActed` says whether the server could have processed
 * it (the bytes were sent); a POST with `mayHaveActed` must not be repeated blindly.
 */
export class KernelConnectionError extends KernelError {
  override name = "KernelConnectionError";
  constructor(
    readonly method: HttpMethod,
    readonly path: string,
    readonly reason: string,
    readonly mayHaveActed: boolean,
  ) {
    super(`${method} ${path} failed: ${reason}`);
  }
}

export class KernelTimeoutError extends KernelConnectionError {
  override name = "KernelTimeoutError";
}

/** A 2xx answer whose body is not what the API documents. The server did act. */
export class MalformedResponseError extends KernelError {
  override name = "MalformedResponseError";
  constructor(
    readonly method: HttpMethod,
    readonly path: string,
    readonly status: number,
    reason: string,
  ) {
    super(`${method} ${path} returned ${status} with a malformed body: ${reason}`);
  }
}

/**
 * The operation's total budget ran out, or the API asked for a wait (Retry-After, a
 * process-wide rate-limit pause) longer than what remains of it. `first` is the failure that
 * started the trouble (the message names it too); `mayHaveActed` says whether any request of
 * the operation that failed may have been acted on by the server (a POST's outcome unknown).
 */
export class BudgetExceededError extends KernelError {
  override name = "BudgetExceededError";
  constructor(
    message: string,
    readonly budgetMs: number,
    readonly first: Error | undefined,
    readonly mayHaveActed: boolean,
  ) {
    super(message);
  }
}

/** The API's own "this object is gone": a 404 whose code is `not_found`. Nothing else. */
export function isGone(err: unknown): boolean {
  return err instanceof KernelApiError && err.status === 404 && err.code === "not_found";
}

/** True when a request failed in a way that leaves its effect on the server unknown. */
export function isOutcomeUnknown(err: unknown): boolean {
  if (err instanceof KernelConnectionError) return err.mayHaveActed;
  if (err instanceof BudgetExceededError) return err.mayHaveActed;
  if (err instanceof MalformedResponseError) return true;
  if (err instanceof KernelApiError) return err.status >= 500 || err.status === 408;
  return false;
}

function formatApiError(init: ApiErrorInit): string {
  const { method, path, status, body, hint } = init;
  const code = body?.code ? ` ${body.code}` : "";
  const message = body?.message ? `: ${body.message}` : "";
  const details = [...(body?.details ?? []), ...(body?.inner_error ? [body.inner_error] : [])]
    .map((d) => [d.code, d.message].filter(Boolean).join(": "))
    .filter(Boolean);
  const detailText = details.length ? ` (details: ${details.join("; ")})` : "";
  const hintText = hint ? `. ${hint}` : "";
  return `${method} ${path} failed with ${status}${code}${message}${detailText}${hintText}`;
}

/**
 * The request was refused on this side before anything was sent (undici rejected a header or
 * the path): the server certainly did not act, and repeating it would fail the same way.
 */
export class RequestNotSentError extends KernelConnectionError {
  override name = "RequestNotSentError";
  constructor(method: HttpMethod, path: string, reason: string) {
    super(method, path, reason, false);
  }
}
