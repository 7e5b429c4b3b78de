/**
 * The routes every emulated resource shares: `POST /<collection>`, a paged, filtered
 * `GET /<collection>`, and `GET | PATCH | DELETE /<collection>/<id>`. A resource's module gives
 * its store and how to show a row; the rules stay in the store.
 */
import { type Answer, type StoreResult, isAnswer, page, pageQuery, toAnswer } from "../answers";
import type { ApiRequest } from "../core";

/** What the shared routes ask of a store. Bodies arrive validated against the OpenAPI document. */
export interface CrudStore<Row, View> {
  create(body: never): StoreResult<View>;
  get(idOrName: string): StoreResult<View>;
  update(idOrName: string, body: never): StoreResult<View>;
  remove(idOrName: string): StoreResult<unknown>;
  matching(filters: Record<string, string | undefined>): readonly Row[];
}

export interface CrudOptions<Row, View> {
  /** Query parameters the list endpoint filters by (besides `limit` and `offset`). */
  filters: readonly string[];
  /** A row as the list endpoint answers it. */
  listed: (row: Row) => unknown;
  /** An object as the other endpoints answer it; as the store gives it by default. */
  shown?: (view: View) => unknown;
  /** The body a POST without one stands for (the SDK's `profiles.create()` sends none). */
  emptyCreateBody?: unknown;
}

export function handleCrud<Row, View>(
  req: ApiRequest,
  store: CrudStore<Row, View>,
  options: CrudOptions<Row, View>,
): Answer | undefined {
  const shown = options.shown ?? ((view: View) => view);
  if (req.rest.length === 0) {
    if (req.method === "POST") {
      return toAnswer(store.create((req.body ?? options.emptyCreateBody) as never), shown);
    }
    if (req.method !== "GET") return undefined;
    const q = pageQuery(req.query);
    if (isAnswer(q)) return q;
    const filters = Object.fromEntries(
      options.filters.map((name) => [name, req.query.get(name) ?? undefined]),
    );
    return page(store.matching(filters), q, options.listed);
  }
  if (req.rest.length !== 1) return undefined;
  const idOrName = req.rest[0];
  switch (req.method) {
    case "GET":
      return toAnswer(store.get(idOrName), shown);
    case "PATCH":
      return toAnswer(store.update(idOrName, req.body as never), shown);
    case "DELETE": {
      const result = store.remove(idOrName);
      return result.ok ? { status: 204 } : { status: result.status, body: result.error };
    }
    default:
      return undefined;
  }
}
