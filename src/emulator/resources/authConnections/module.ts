/** `/auth/connections`: the auth-connections resource as a route module (see core.ts). */
import type { RouteModule } from "../../core";
import { handleCrud } from "../crud";
import type { ProfileStore } from "../profiles/store";
import type { ProxyStore } from "../proxies/store";
import { ConnectionStore, toManagedAuth } from "./store";

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
      ensureProfile: (name) => env.storeOf<ProfileStore>("profiles")?.ensure(name),
      connectionLimit: () => ({
        max: env.settings().maxAuthConnections,
        used: env.countInOrg("authConnections"),
      }),
    });
  },

  handle(req, store) {
    const show = (c: Parameters<typeof toManagedAuth>[0]) =>
      toManagedAuth(c, (id) => store.proxyName(id));
    return handleCrud(req, store, {
      filters: ["profile_name", "domain", "query"],
      listed: show,
      shown: show,
    });
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
