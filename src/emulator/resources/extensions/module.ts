/** `/extensions`: uploaded browser extensions as a route module (see core.ts). */
import { type Answer, isAnswer, ok, page, pageQuery, toAnswer } from "../../answers";
import type { ApiRequest, RouteModule } from "../../core";
import { MultipartBody } from "../../openapi";
import { ExtensionStore, view } from "./store";

export const extensions: RouteModule<ExtensionStore> = {
  name: "extensions",
  controlName: "extensions",
  prefix: ["extensions"],
  scope: "project",
  routes: [
    "POST /extensions (multipart/form-data: file, name?)",
    "GET /extensions?name=&query=&limit=&offset=",
    "GET /extensions/{id_or_name} (the archive)",
    "GET /extensions/{id_or_name}/metadata",
    "DELETE /extensions/{id_or_name}",
  ],

  createStore: (env) => new ExtensionStore({ now: () => env.now(), newId: () => env.newId("ext") }),

  handle: (req, store) => handle(req, store),

  objects: (store) => store.all().map((row) => ({ ...view(row) })),

  drift(store, id, changes) {
    const result = store.drift(id, changes);
    return result.ok ? ok({ ...result.value }) : result;
  },

  remove: (store, id) => store.forget(id),
};

function handle(req: ApiRequest, store: ExtensionStore): Answer | undefined {
  const [idOrName, sub, ...more] = req.rest;
  if (idOrName === undefined) {
    if (req.method === "POST") {
      // The core validated the form against the document: `file` is a file part.
      const form = req.body as MultipartBody;
      const name = form.part("name")?.data.toString("utf8");
      return toAnswer(
        store.create({ file: form.part("file")!.data, ...(name === undefined ? {} : { name }) }),
        (v) => v,
      );
    }
    if (req.method !== "GET") return undefined;
    const q = pageQuery(req.query);
    if (isAnswer(q)) return q;
    const filter = {
      name: req.query.get("name") ?? undefined,
      query: req.query.get("query") ?? undefined,
    };
    return page(store.matching(filter), q, view);
  }
  if (more.length > 0) return undefined;
  if (sub === "metadata") {
    return req.method === "GET" ? toAnswer(store.get(idOrName), (v) => v) : undefined;
  }
  if (sub !== undefined) return undefined;
  switch (req.method) {
    case "GET": {
      const archive = store.archive(idOrName);
      return archive.ok
        ? { status: 200, body: archive.value }
        : { status: archive.status, body: archive.error };
    }
    case "DELETE": {
      const result = store.remove(idOrName);
      return result.ok ? { status: 204 } : { status: result.status, body: result.error };
    }
    default:
      return undefined;
  }
}
