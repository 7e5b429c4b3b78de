/** `/auth/connections`: the auth-connections resource as a route module (see core.ts). */
import { type Answer, isAnswer, page, pageQuery, toAnswer } from "../../answers";
import type { RouteModule } from "../../core";
import type { ProxyStore } from "../proxies/store";
import { ConnectionStore, toManagedAuth } from "./store";
import type { ManagedAuthCreateRequest, ManagedAuthUpdateRequest } from "./wire";

export const authConnections: RouteModule<ConnectionStore> = {
  name: "authConnections",
  controlName: "connections",
  prefix: ["auth", "connections"],
  scope: "project",
  routes: [
    "POST /auth/connections",
    "GET /auth/connections?profile_name=&domain=&query=&limit=&offset=",
    "GET /auth/connections/{id}",
    "PATCH /auth/connections/{id}",
    "DELETE /auth/connections/{id}",
  ],

  createStore(env) {
    const proxies = () => env.storeOf<ProxyStore>("proxies")?.all() ?? [];
    return new ConnectionStore({
      proxies,
      plan: () => env.settings().plan,
      now: () => env.now(),
      newId: () => env.newId("ma"),
    });
  },

  handle(req, store): Answer | undefined {
    const show = (c: Parameters<typeof toManagedAuth>[0]) =>
      toManagedAuth(c, (id) => store.proxyName(id));
    if (req.rest.length === 0) {
      if (req.method === "POST") {
        return toAnswer(store.create(req.body as ManagedAuthCreateRequest), show);
      }
      if (req.method === "GET") {
        const q = pageQuery(req.query);
        if (isAnswer(q)) return q;
        const items = store.matching({
          profile_name: req.query.get("profile_name") ?? undefined,
          domain: req.query.get("domain") ?? undefined,
          query: req.query.get("query") ?? undefined,
        });
        return page(items, q, show);
      }
      return undefined;
    }
    if (req.rest.length !== 1) return undefined;
    const id = req.rest[0];
    switch (req.method) {
      case "GET":
        return toAnswer(store.get(id), show);
      case "PATCH":
        return toAnswer(store.update(id, req.body as ManagedAuthUpdateRequest), show);
      case "DELETE": {
        const result = store.remove(id);
        return result.ok ? { status: 204 } : { status: result.status, body: result.error };
      }
      default:
        return undefined;
    }
  },

  objects: (store) => store.all().map((c) => toManagedAuth(c, (id) => store.proxyName(id))),

  drift(store, id, changes) {
    const result = store.drift(id, changes);
    return result.ok
      ? { ok: true, value: toManagedAuth(result.value, (pid) => store.proxyName(pid)) }
      : result;
  },

  remove: (store, id) => store.remove(id).ok,
};
