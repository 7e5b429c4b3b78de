/** `/profiles`: browser profiles as a route module (see core.ts). */
import { type Answer, isAnswer, ok, page, pageQuery, toAnswer } from "../../answers";
import type { RouteModule } from "../../core";
import { type ProfileCreateBody, ProfileStore, type ProfileUpdateBody, view } from "./store";

const same = <T>(value: T) => value;

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

  handle(req, store): Answer | undefined {
    if (req.rest.length === 0) {
      if (req.method === "POST") {
        // The body is optional: the SDK's `profiles.create()` sends none.
        return toAnswer(store.create((req.body ?? {}) as ProfileCreateBody), same);
      }
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
    const idOrName = req.rest[0];
    switch (req.method) {
      case "GET":
        return toAnswer(store.get(idOrName), same);
      case "PATCH":
        return toAnswer(store.update(idOrName, req.body as ProfileUpdateBody), same);
      case "DELETE": {
        const result = store.remove(idOrName);
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
