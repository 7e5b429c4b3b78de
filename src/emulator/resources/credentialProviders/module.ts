/** `/org/credential_providers`: org-wide credential providers as a route module (see core.ts). */
import { ok } from "../../answers";
import type { RouteModule } from "../../core";
import { handleCrud } from "../crud";
import { CredentialProviderStore, view } from "./store";

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

  handle: (req, store) => handleCrud(req, store, { filters: ["query"], listed: view }),

  objects: (store) => store.all().map((row) => ({ ...view(row) })),

  drift(store, id, changes) {
    const result = store.drift(id, changes);
    return result.ok ? ok({ ...result.value }) : result;
  },

  remove: (store, id) => store.forget(id),
};
