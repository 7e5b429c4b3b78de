/**
 * `/deployments` as a route module (see core.ts): the reads only (a list filtered by app, one
 * by id); objects come from the `POST /_emulator/deployments` control. The list's app filters
 * ask the apps of the same project (`storeOf("apps")`).
 */
import { isAnswer, ok, page, pageQuery, toAnswer } from "../../answers";
import type { RouteModule } from "../../core";
import type { AppStore } from "../apps/store";
import { DeploymentStore, view } from "./store";

export const deployments: RouteModule<DeploymentStore> = {
  name: "deployments",
  controlName: "deployments",
  prefix: ["deployments"],
  scope: "project",
  routes: [
    "GET /deployments?app_name=&app_version=&query=&limit=&offset=",
    "GET /deployments/{id}",
  ],

  createStore: (env) =>
    new DeploymentStore({
      now: () => env.now(),
      newId: () => env.newId("dep"),
      appsOf: (id) => env.storeOf<AppStore>("apps")?.runBy(id) ?? [],
    }),

  handle(req, store) {
    if (req.method !== "GET") return undefined;
    if (req.rest.length === 1) return toAnswer(store.get(req.rest[0]), (v) => v);
    if (req.rest.length !== 0) return undefined;
    const q = pageQuery(req.query);
    if (isAnswer(q)) return q;
    const rows = store.matching({
      app_name: req.query.get("app_name") ?? undefined,
      app_version: req.query.get("app_version") ?? undefined,
      query: req.query.get("query") ?? undefined,
    });
    return rows.ok ? page(rows.value, q, view) : { status: rows.status, body: rows.error };
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
