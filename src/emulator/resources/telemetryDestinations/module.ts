/**
 * `/telemetry/destinations`: OTLP destinations as a route module (see core.ts). Org-wide: no
 * project header. Every answer, the controls' included, shows header values redacted.
 */
import { ok } from "../../answers";
import type { RouteModule } from "../../core";
import { handleCrud } from "../crud";
import { type DestinationSelection, DestinationStore, view } from "./store";

export function telemetryDestinationsModule(
  selections: () => DestinationSelection[],
): RouteModule<DestinationStore> {
  return {
    name: "telemetryDestinations",
    controlName: "telemetry_destinations",
    prefix: ["telemetry", "destinations"],
    scope: "org",
    routes: [
      "POST /telemetry/destinations",
      "GET /telemetry/destinations?name=&query=&limit=&offset=",
      "GET /telemetry/destinations/{id_or_name}",
      "PATCH /telemetry/destinations/{id_or_name}",
      "DELETE /telemetry/destinations/{id_or_name}",
    ],

    createStore: (env) =>
      new DestinationStore({
        now: () => env.now(),
        newId: () => env.newId("otlp"),
        selections,
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
