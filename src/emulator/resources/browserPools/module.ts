/**
 * `/browser_pools`: browser pools as a route module (see core.ts). References resolve in the
 * pool's project through the other modules' stores: profiles and proxies always; extensions
 * and telemetry destinations when the emulator has a module of that name whose store answers
 * `get(idOrName)`, and leniently (any reference accepted) when it has none.
 */
import { type StoreResult, fail, ok } from "../../answers";
import type { RouteModule, StoreEnv } from "../../core";
import { handleCrud } from "../crud";
import type { ProfileStore } from "../profiles/store";
import type { ProxyStore } from "../proxies/store";
import { BrowserPoolStore, type PoolLookups, view } from "./store";
import type { Ref } from "./wire";

/** A store that finds an object by id or name, as every CRUD store of the emulator does. */
interface Findable {
  get(idOrName: string): StoreResult<{ id: string; name?: string | null }>;
}

function findable(store: unknown): store is Findable {
  return typeof (store as Partial<Findable> | undefined)?.get === "function";
}

/** `ref` in `store`: by id, or by exact name; a 400 naming `field` when absent. */
function resolveIn(store: Findable, ref: Ref, what: string, field: string) {
  const key = ref.id ?? ref.name ?? "";
  const found = store.get(key);
  const matches =
    found.ok && (ref.id !== undefined ? found.value.id === ref.id : found.value.name === ref.name);
  return matches
    ? ok({ id: found.value.id })
    : fail(400, "bad_request", `${what} ${key} not found in the project`, [
        { code: "invalid_input", message: `${field} ${what} ${key} not found` },
      ]);
}

function lookupsFor(env: StoreEnv): PoolLookups {
  const lookups: PoolLookups = {};
  const profiles = env.storeOf<ProfileStore>("profiles");
  if (profiles) lookups.profile = (ref) => resolveIn(profiles, ref, "profile", "profile");
  const proxies = env.storeOf<ProxyStore>("proxies");
  if (proxies) {
    lookups.proxy = (ref) => {
      const found = proxies.resolve(ref);
      return found.ok ? ok({ id: found.value.id }) : found;
    };
  }
  const extensions = env.storeOf<unknown>("extensions");
  if (findable(extensions)) {
    lookups.extension = (ref) => resolveIn(extensions, ref, "extension", "extensions");
  }
  const destinations = env.storeOf<unknown>("telemetryDestinations");
  if (findable(destinations)) {
    lookups.destination = (ref) =>
      resolveIn(destinations, ref, "telemetry destination", "telemetry.export.otlp.destination");
  }
  return lookups;
}

export const browserPools: RouteModule<BrowserPoolStore> = {
  name: "browserPools",
  controlName: "browser_pools",
  prefix: ["browser_pools"],
  scope: "project",
  routes: [
    "POST /browser_pools",
    "GET /browser_pools?name=&query=&region=&limit=&offset=",
    "GET /browser_pools/{id_or_name}",
    "PATCH /browser_pools/{id_or_name}",
    "DELETE /browser_pools/{id_or_name} {force?} (or ?force=true)",
  ],

  createStore: (env) =>
    new BrowserPoolStore({
      now: () => env.now(),
      newId: () => env.newId("pool"),
      lookups: () => lookupsFor(env),
    }),

  handle(req, store) {
    if (req.method === "DELETE" && req.rest.length === 1) {
      // The SDKs send `{"force": true}` as the body; the notes' `?force=true` works too.
      const force =
        (req.body as { force?: boolean } | undefined)?.force === true ||
        req.query.get("force") === "true";
      const result = store.remove(req.rest[0], force);
      return result.ok ? { status: 204 } : { status: result.status, body: result.error };
    }
    return handleCrud(req, store, { filters: ["name", "query", "region"], listed: view });
  },

  objects: (store) => store.all().map((row) => ({ ...view(row) })),

  drift(store, id, changes) {
    const result = store.drift(id, changes);
    return result.ok ? ok({ ...result.value }) : result;
  },

  remove: (store, id) => store.forget(id),
};
