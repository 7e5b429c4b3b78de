/**
 * `/proxies`: the proxies resource as a route module (see core.ts). Its store is also where auth
 * connections of the same project select `proxy: {id}` / `{name}` (`storeOf("proxies")`), so the
 * seeded proxies and those made through `/proxies` are the same objects.
 */
import { ok } from "../../answers";
import type { RouteModule } from "../../core";
import type { ConnectionStore } from "../authConnections/store";
import { handleCrud } from "../crud";
import { type EmulatedProxy, ProxyStore, view } from "./store";

/** The proxies module; `seedFor` gives the proxies a project's store starts with. */
export function proxiesModule(
  seedFor: (project: { id: string; name: string } | undefined) => EmulatedProxy[],
): RouteModule<ProxyStore> {
  return {
    name: "proxies",
    controlName: "proxies",
    prefix: ["proxies"],
    scope: "project",
    routes: [
      "POST /proxies",
      "GET /proxies?name=&query=&limit=&offset=",
      "GET /proxies/{id_or_name}",
      "PATCH /proxies/{id_or_name} (name only)",
      "DELETE /proxies/{id_or_name}",
    ],

    createStore: (env) =>
      new ProxyStore(seedFor(env.project), {
        now: () => env.now(),
        newId: () => env.newId("proxy"),
        usedBy: (proxyId) =>
          (env.storeOf<ConnectionStore>("authConnections")?.all() ?? [])
            .filter((c) => c.browser.proxy !== undefined && "id" in c.browser.proxy)
            .filter((c) => (c.browser.proxy as { id: string }).id === proxyId)
            .map((c) => c.id),
      }),

    handle: (req, store) => handleCrud(req, store, { filters: ["name", "query"], listed: view }),

    objects: (store) => store.all().map((row) => ({ ...view(row) })),

    drift(store, id, changes) {
      const result = store.drift(id, changes);
      return result.ok ? ok({ ...result.value }) : result;
    },

    remove: (store, id) => store.forget(id),
  };
}
