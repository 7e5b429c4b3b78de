/** `/profiles`: browser profiles as a route module (see core.ts). */
import { ok } from "../../answers";
import type { RouteModule } from "../../core";
import { handleCrud } from "../crud";
import { ProfileStore, view } from "./store";

export const profiles: RouteModule<ProfileStore> = {
  name: "profiles",
  controlName: "profiles",
  prefix: ["profiles"],
  scope: "project",
  routes: [
    "POST /profiles",
    "GET /profiles?name=&query=&limit=&offset=",
    "GET /profiles/{id_or_name}",
    "PATCH /profiles/{id_or_name}",
    "DELETE /profiles/{id_or_name}",
  ],

  createStore: (env) => new ProfileStore({ now: () => env.now(), newId: () => env.newId("prof") }),

  handle: (req, store) =>
    handleCrud(req, store, { filters: ["name", "query"], listed: view, emptyCreateBody: {} }),

  objects: (store) => store.all().map((row) => ({ ...view(row) })),

  drift(store, id, changes) {
    const result = store.drift(id, changes);
    return result.ok ? ok({ ...result.value }) : result;
  },

  remove: (store, id) => store.forget(id),
};
