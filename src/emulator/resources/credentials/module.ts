/** `/credentials`: the credentials resource as a route module (see core.ts). */
import { type Answer, isAnswer, ok, page, pageQuery, toAnswer } from "../../answers";
import type { RouteModule } from "../../core";
import {
  type CredentialCreateBody,
  CredentialStore,
  type CredentialUpdateBody,
  listView,
} from "./store";

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

  handle(req, store): Answer | undefined {
    const same = <T>(value: T) => value;
    if (req.rest.length === 0) {
      if (req.method === "POST") {
        return toAnswer(store.create(req.body as CredentialCreateBody), same);
      }
      if (req.method === "GET") {
        const q = pageQuery(req.query);
        if (isAnswer(q)) return q;
        const items = store.matching({
          domain: req.query.get("domain") ?? undefined,
          query: req.query.get("query") ?? undefined,
        });
        return page(items, q, (row) => listView(store.view(row)));
      }
      return undefined;
    }
    if (req.rest.length !== 1) return undefined;
    const idOrName = req.rest[0];
    switch (req.method) {
      case "GET":
        return toAnswer(store.get(idOrName), same);
      case "PATCH":
        return toAnswer(store.update(idOrName, req.body as CredentialUpdateBody), same);
      case "DELETE": {
        const result = store.remove(idOrName);
        return result.ok ? { status: 204 } : { status: result.status, body: result.error };
      }
      default:
        return undefined;
    }
  },

  objects: (store) => store.all().map((row) => ({ ...store.view(row) })),

  drift(store, id, changes) {
    const result = store.drift(id, changes);
    return result.ok ? ok({ ...result.value }) : result;
  },

  remove: (store, id) => store.forget(id),
};
