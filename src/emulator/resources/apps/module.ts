/**
 * `/apps` as a route module (see core.ts): the list of app versions only; objects come from the
 * `POST /_emulator/apps` control, each naming a deployment of the same project
 * (`storeOf("deployments")`).
 */
import { isAnswer, ok, page, pageQuery } from "../../answers";
import type { RouteModule } from "../../core";
import type { DeploymentStore } from "../deployments/store";
import { AppStore, view } from "./store";

export const apps: RouteModule<AppStore> = {
  name: "apps",
  controlName: "apps",
  prefix: ["apps"],
  scope: "project",
  routes: ["GET /apps?app_name=&version=&query=&limit=&offset="],

  createStore: (env) =>
    new AppStore({
      now: () => env.now(),
      newId: () => env.newId("app"),
      deploymentEnv: (id) => {
        const found = env.storeOf<DeploymentStore>("deployments")?.table.byId(id);
        return found ? (found.env_vars ?? {}) : undefined;
      },
    }),

  handle(req, store) {
    if (req.method !== "GET" || req.rest.length !== 0) return undefined;
    const q = pageQuery(req.query);
    if (isAnswer(q)) return q;
    const rows = store.matching({
      app_name: req.query.get("app_name") ?? undefined,
      version: req.query.get("version") ?? undefined,
      query: req.query.get("query") ?? undefined,
    });
    return page(rows, q, view);
  },

  objects: (store) => store.all().map((row) => ({ ...view(row) })),

  drift(store, id, changes) {
    const result = store.drift(id, changes);
    return result.ok ? ok({ ...result.value }) : result;
  },

  remove: (store, id) => store.forget(id),

  seed(store, fields) {
    const result = store.seed(fields);
    return result.ok ? ok({ ...result.value }) : result;
  },
};
