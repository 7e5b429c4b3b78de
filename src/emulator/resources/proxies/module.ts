/**
 * `/proxies`: the proxies resource as a route module (see core.ts). Its store is also where auth
 * connections of the same project select `proxy: {id}` / `{name}` (`storeOf("proxies")`), so the
 * seeded proxies and those made through `/proxies` are the same objects.
 */
import { type Answer, isAnswer, ok, page, pageQuery, toAnswer } from "../../answers";
import type { RouteModule } from "../../core";
import {
  type EmulatedProxy,
  type ProxyCreateBody,
  ProxyStore,
  type ProxyUpdateBody,
  view,
} from "./store";

/** The proxies module; `seedFor` gives the proxies a project's store starts with. */
export function proxiesModule(
  seedFor: (project: { id: string; name: string } | undefined) => EmulatedProxy[],
): RouteModule<ProxyStore> {
  const same = <T>(value: T) => value;
  return {
    name: "proxies",
    controlName: "proxies",
    prefix: ["proxies"],
    scope: "project",
    routes: [
      "POST /proxies",
      "GET /proxies?name=&query=&limit=&offset=",
      "GET /proxies/{id}",
      "PATCH /proxies/{id} (name only)",
      "DELETE /proxies/{id}",
    ],

    createStore: (env) =>
      new ProxyStore(seedFor(env.project), {
        now: () => env.now(),
        newId: () => env.newId("proxy"),
      }),

    handle(req, store): Answer | undefined {
      if (req.rest.length === 0) {
        if (req.method === "POST") return toAnswer(store.create(req.body as ProxyCreateBody), same);
        if (req.method === "GET") {
          const q = pageQuery(req.query);
          if (isAnswer(q)) return q;
          const items = store.matching({
            name: req.query.get("name") ?? undefined,
            query: req.query.get("query") ?? undefined,
          });
          return page(items, q, view);
        }
        return undefined;
      }
      if (req.rest.length !== 1) return undefined;
      const id = req.rest[0];
      switch (req.method) {
        case "GET":
          return toAnswer(store.get(id), same);
        case "PATCH":
          return toAnswer(store.update(id, req.body as ProxyUpdateBody), same);
        case "DELETE": {
          const result = store.remove(id);
          return result.ok ? { status: 204 } : { status: result.status, body: result.error };
        }
        default:
          return undefined;
      }
    },

    objects: (store) => store.all().map((row) => ({ ...view(row) })),

    drift(store, id, changes) {
      const result = store.drift(id, changes);
      return result.ok ? ok({ ...result.value }) : result;
    },

    remove: (store, id) => store.forget(id),
  };
}
