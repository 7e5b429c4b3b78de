/** `/org/credential_providers`: org-wide credential providers as a route module (see core.ts). */
import { type Answer, isAnswer, ok, page, pageQuery, toAnswer } from "../../answers";
import type { RouteModule } from "../../core";
import {
  type CredentialProviderCreateBody,
  CredentialProviderStore,
  type CredentialProviderUpdateBody,
  view,
} from "./store";

const same = <T>(value: T) => value;

export const credentialProviders: RouteModule<CredentialProviderStore> = {
  name: "credentialProviders",
  controlName: "credential_providers",
  prefix: ["org", "credential_providers"],
  scope: "org",
  routes: [
    "POST /org/credential_providers",
    "GET /org/credential_providers?query=&limit=&offset=",
    "GET /org/credential_providers/{id}",
    "PATCH /org/credential_providers/{id}",
    "DELETE /org/credential_providers/{id}",
  ],

  createStore: (env) =>
    new CredentialProviderStore({ now: () => env.now(), newId: () => env.newId("cp") }),

  handle(req, store): Answer | undefined {
    if (req.rest.length === 0) {
      if (req.method === "POST") {
        return toAnswer(store.create(req.body as CredentialProviderCreateBody), same);
      }
      if (req.method === "GET") {
        const q = pageQuery(req.query);
        if (isAnswer(q)) return q;
        return page(store.matching({ query: req.query.get("query") ?? undefined }), q, view);
      }
      return undefined;
    }
    if (req.rest.length !== 1) return undefined;
    const id = req.rest[0];
    switch (req.method) {
      case "GET":
        return toAnswer(store.get(id), same);
      case "PATCH":
        return toAnswer(store.update(id, req.body as CredentialProviderUpdateBody), same);
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
