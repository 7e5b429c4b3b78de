/**
 * What route modules answer with, and the API's error and list shapes, shared by every resource
 * so they all speak the same dialect. No HTTP here.
 */

export interface ApiErrorPayload {
  code: string;
  message: string;
  details?: { code?: string; message?: string }[];
}

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A store's outcome: a value, or the API error to answer with. */
export type StoreResult<T> =
  { ok: true; value: T } | { ok: false; status: number; error: ApiErrorPayload };

export function ok<T>(value: T): StoreResult<T> {
  return { ok: true, value };
}

export function fail(
  status: number,
  code: string,
  message: string,
  details?: ApiErrorPayload["details"],
): { ok: false; status: number; error: ApiErrorPayload } {
  return { ok: false, status, error: details ? { code, message, details } : { code, message } };
}

export function apiError(code: string, message: string): ApiErrorPayload {
  return { code, message };
}

/** The one "this object is gone" answer: 404 `not_found`. */
export function notFound(what: string, id: string) {
  return fail(404, "not_found", `${what} ${id} not found`);
}

/** 400 for a body the schema refuses; each problem is one detail. */
export function invalid(problems: string[]): Answer {
  return {
    status: 400,
    body: {
      code: "bad_request",
      message: "the request does not match the API schema",
      details: problems.map((message) => ({ code: "invalid_input", message })),
    },
  };
}

export function badRequest(message: string, field?: string): Answer {
  const body: ApiErrorPayload = { code: "bad_request", message };
  if (field) body.details = [{ code: "invalid_input", message: field }];
  return { status: 400, body };
}

/** A store result as an answer, the value shown through `show`. */
export function toAnswer<T>(
  result: StoreResult<T>,
  show: (value: T) => unknown,
  status = 200,
): Answer {
  return result.ok
    ? { status, body: show(result.value) }
    : { status: result.status, body: result.error };
}

export interface PageQuery {
  limit: number;
  offset: number;
}

/**
 * `limit` (1..100, default 20) and `offset` (>= 0) from a list query; an Answer (400) when
 * either is not an integer in range.
 */
export function pageQuery(query: URLSearchParams): PageQuery | Answer {
  const limit = intParam(query.get("limit"), 1, 100);
  const offset = intParam(query.get("offset"), 0, Number.MAX_SAFE_INTEGER);
  if (limit === null || offset === null) {
    return invalid(["limit must be an integer from 1 to 100 and offset a non-negative integer"]);
  }
  return { limit: limit ?? 20, offset: offset ?? 0 };
}

export function isAnswer(value: unknown): value is Answer {
  return typeof value === "object" && value !== null && "status" in value;
}

/**
 * One page as the API writes it: a bare JSON array, `X-Has-More`, and `X-Next-Offset` as the
 * absolute offset of the next page (0 on the last page).
 */
export function page<T>(items: readonly T[], q: PageQuery, show: (item: T) => unknown): Answer {
  const slice = items.slice(q.offset, q.offset + q.limit);
  const hasMore = q.offset + q.limit < items.length;
  return {
    status: 200,
    body: slice.map(show),
    headers: {
      "x-has-more": String(hasMore),
      "x-next-offset": String(hasMore ? q.offset + q.limit : 0),
    },
  };
}

function intParam(value: string | null, min: number, max: number): number | undefined | null {
  if (value === null) return undefined;
  if (!/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}
