/**
 * `/proxies`, read-only so far: the proxies seeded at start (options `proxies`, CLI `--proxy`),
 * which auth connections select by id or name.
 */
import { type Answer, isAnswer, notFound, ok, page, pageQuery, toAnswer } from "../../answers";
import type { RouteModule } from "../../core";
import { type EmulatedProxy, ProxyStore, type StoredProxy } from "./store";

/** The seeded proxies of a project (by id or name), given by the emulator at start. */
export function proxiesModule(
  seedFor: (project: { id: string; name: string } | undefined) => EmulatedProxy[],
): RouteModule<ProxyStore> {
  const show = (p: StoredProxy) => ({ ...p });
  return {
    name: "proxies",
    controlName: "proxies",
    prefix: ["proxies"],
    scope: "project",
    routes: ["GET /proxies", "GET /proxies/{id}"],
    createStore: (env) => new ProxyStore(seedFor(env.project), () => env.now()),
    handle(req, store): Answer | undefined {
      if (req.method !== "GET" || req.rest.length > 1) return undefined;
      if (req.rest.length === 0) {
        const q = pageQuery(req.query);
        return isAnswer(q) ? q : page(store.all(), q, show);
      }
      const proxy = store.get(req.rest[0]);
      return toAnswer(proxy ? ok(proxy) : notFound("proxy", req.rest[0]), show);
    },
    objects: (store) => store.all().map(show),
    drift(store, id, changes) {
      const proxy = store.get(id);
      if (!proxy) return notFound("proxy", id);
      const record = proxy as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(changes)) {
        if (key === "id") continue;
        if (value === null) delete record[key];
        else record[key] = value;
      }
      return ok(show(proxy));
    },
    remove: (store, id) => store.remove(id),
  };
}
