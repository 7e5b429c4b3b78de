/**
 * The patch law (docs/behaviour.md) for TelemetryDestination, with the emulator's store
 * applying the PATCH: an implementation of the API's semantics (headers edited key by key,
 * `null` removing one) written apart from the planner. After the PATCH the store holds exactly
 * the desired header values, whatever the record or the drift in header names, and planning
 * again from its answer sends nothing.
 */
import fc from "fast-check";
import { DestinationStore } from "../../src/emulator/resources/telemetryDestinations/store";
import { parseTelemetryDestination } from "../../src/telemetryDestination/api";
import * as tdExpand from "../../src/telemetryDestination/expand";
import * as tdFlatten from "../../src/telemetryDestination/flatten";
import * as tdPatch from "../../src/telemetryDestination/patch";
import * as tdSchema from "../../src/telemetryDestination/schema";
import type {
  TelemetryDestinationInputs,
  TelemetryDestinationOutputs,
} from "../../src/telemetryDestination/types";
import { checked, opt, stored } from "../support/laws";

const HEADER_NAMES = ["X-Honeycomb-Team", "x-dataset", "Authorization", "DD-API-KEY"];
const destinationRaw = fc.record({
  name: fc.constantFrom("hc", "grafana"),
  endpoint: fc.constantFrom("https://api.honeycomb.io", "https://otlp.grafana.net/otlp"),
  description: opt(fc.constantFrom("", "traces", "logs")),
  headers: opt(
    fc.dictionary(fc.constantFrom(...HEADER_NAMES), fc.constantFrom("k1", "k2", "Bearer x"), {
      maxKeys: 3,
    }),
  ),
});

describe("TelemetryDestination: the law against the emulator's store", () => {
  it("takes any applied destination, drifted in its header names, to any desired one", () => {
    fc.assert(
      fc.property(
        destinationRaw,
        destinationRaw,
        opt(fc.subarray(["X-Honeycomb-Team", "X-Dataset", "X-Other"])),
        fc.boolean(),
        (l, d, drift, adopted) => {
          const store = new DestinationStore({ newId: () => "otlp_1" });
          const before = checked<TelemetryDestinationInputs>(tdSchema.checkInputs, l);
          const made = stored(store.create(tdExpand.toCreateRequest(before)));
          // A take-over records no values: the plan sends every desired value once.
          let olds: TelemetryDestinationOutputs = tdFlatten.toOutputs(
            parseTelemetryDestination(made),
            adopted ? {} : { desired: before },
          );
          if (drift) {
            // The key set drifts; a value's content drifting cannot be seen (docs/behaviour.md).
            const kept = store.all()[0].headers;
            const headers = Object.fromEntries(
              drift.map((name) => [name, kept[name] ?? "drifted"]),
            );
            const drifted = stored(store.drift("otlp_1", { headers }));
            olds = tdFlatten.toOutputs(parseTelemetryDestination(drifted), { olds });
          }
          const desired = checked<TelemetryDestinationInputs>(tdSchema.checkInputs, d);
          const plan = tdPatch.planChanges(olds, desired as never);
          const body = tdExpand.toUpdateRequest(plan.changed, olds, desired);
          // No key in the PATCH is already as desired.
          for (const [name, v] of Object.entries(body.headers ?? {})) {
            if (v !== null && olds.headers?.[name] === v) {
              expect(olds.headerNames).not.toContain(name);
            }
          }
          const updated = Object.keys(body).length
            ? stored(store.update("otlp_1", body))
            : stored(store.get("otlp_1"));
          const row = store.all()[0];
          expect(row.name).toBe(desired.name);
          expect(row.endpoint).toBe(desired.endpoint);
          expect(row.description).toBe(desired.description);
          expect(row.headers).toEqual(desired.headers ?? {});
          const after = tdFlatten.toOutputs(parseTelemetryDestination(updated), { desired });
          expect(tdPatch.planChanges(after, desired as never).changed).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
