/** `/credentials`: the credentials resource as a route module (see core.ts). */
import { ok } from "../../answers";
import type { RouteModule } from "../../core";
import { handleCrud } from "../crud";
import { CredentialStore, listView } from "./store";

export const credentials: RouteModule<CredentialStore> = {
  name: "credentials",
  controlName: "credentials",
  prefix: ["credentials"],
  scope: "project",
  routes: [
    "POST /credentials",
    "GET /credentials?domain=&query=&limit=&offset=",
    "GET /credentials/{id_or_name}",
    "PATCH /credentials/{id_or_name}",
    "DELETE /credentials/{id_or_name}",
  ],

  createStore: (env) =>
    new CredentialStore({ now: () => env.now(), newId: () => env.newId("cred") }),

  handle: (req, store) =>
    handleCrud(req, store, {
      filters: ["domain", "query"],
      listed: (row) => listView(store.view(row)),
    }),

  objects: (store) => store.all().map((row) => ({ ...store.view(row) })),

  drift(store, id, changes) {
    const result = store.drift(id, changes);
    return result.ok ? ok({ ...result.value }) : result;
  },

  remove: (store, id) => store.forget(id),
};
