/**
 * `/_emulator/*`: what tests and other processes use to steer the emulator (drift, deletion
 * behind the API's back, faults, settings, the request log, projects). Each control is a thin
 * HTTP face over a method of the Emulator object, so in-process and out-of-process use agree.
 */
import { type Answer, apiError, badRequest } from "./answers";
import type { FaultRule } from "./faults";
import { type Emulator, NotFoundError, SeedError } from "./types";

export const CONTROL_ROUTES: readonly string[] = [
  "GET /_emulator/ (this list)",
  "GET /_emulator/requests (the request log) | DELETE /_emulator/requests",
  "POST /_emulator/faults {kind, method?, path?, times?, status?, retryAfter?, body?, ms?} | DELETE /_emulator/faults",
  "GET /_emulator/settings | PUT /_emulator/settings {plan?, planMinimum?, rateLimit?, rateBurst?, latencyMs?, maxAuthConnections?}",
  "POST /_emulator/reset (drop every object, the log, the faults and the projects the API made; seeds stay)",
  "GET /_emulator/projects | POST /_emulator/projects {id, name}",
  "GET /_emulator/<resource> (every object, all projects)",
  "POST /_emulator/<resource> {project?, field: value, ...} (seed an object the API only reads: apps, deployments)",
  "PATCH /_emulator/<resource>/<id> {field: value, ...} (drift; null removes a field)",
  "DELETE /_emulator/<resource>/<id> (delete behind the API's back)",
];

type Api = Omit<Emulator, "url" | "close">;

export function controlHandler(api: Api, resources: () => string[]) {
  return (method: string, segments: string[], body: unknown): Answer => {
    const [what, id, ...extra] = segments;
    try {
      if (extra.length) return unknown(method, segments);
      if (what === undefined && method === "GET") {
        return {
          status: 200,
          body: { controls: CONTROL_ROUTES, resources: resources(), projects: api.projects() },
        };
      }
      if (what === "requests" && !id) {
        if (method === "GET") return { status: 200, body: api.requests() };
        if (method === "DELETE") return (api.clearRequests(), { status: 204 });
      }
      if (what === "faults" && !id) {
        if (method === "POST") return (api.injectFault(body as FaultRule), { status: 204 });
        if (method === "DELETE") return (api.clearFaults(), { status: 204 });
      }
      if (what === "settings" && !id) {
        if (method === "GET") return { status: 200, body: api.settings() };
        if (method === "PUT") return { status: 200, body: api.updateSettings(body ?? {}) };
      }
      if (what === "reset" && !id && method === "POST") return (api.reset(), { status: 204 });
      if (what === "projects" && !id) {
        if (method === "GET") return { status: 200, body: api.projects() };
        if (method === "POST") {
          const p = (body ?? {}) as { id?: unknown; name?: unknown };
          if (typeof p.id !== "string" || typeof p.name !== "string") {
            return badRequest("a project needs a string id and name");
          }
          return { status: 200, body: api.addProject({ id: p.id, name: p.name }) };
        }
      }
      if (what !== undefined && resources().includes(what)) {
        if (!id && method === "GET") return { status: 200, body: api.objects(what) };
        if (!id && method === "POST") return seed(api, what, body);
        if (id && method === "PATCH") {
          if (typeof body !== "object" || body === null || Array.isArray(body)) {
            return badRequest("drift takes a JSON object of fields");
          }
          return { status: 200, body: api.drift(id, body as Record<string, unknown>, what) };
        }
        if (id && method === "DELETE") return (api.deleteObject(id, what), { status: 204 });
      }
    } catch (err) {
      if (err instanceof SeedError) return { status: err.status, body: err.body };
      if (err instanceof NotFoundError) {
        return { status: 404, body: apiError("not_found", err.message) };
      }
      // Bad settings, fault rules and projects: the caller's mistake, said back to it.
      return badRequest(err instanceof Error ? err.message : String(err));
    }
    return unknown(method, segments);
  };
}

/** `{project?, ...fields}`: the fields go to the store; `project` picks its project. */
function seed(api: Api, resource: string, body: unknown): Answer {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return badRequest("a seed takes a JSON object of fields");
  }
  const { project, ...fields } = body as Record<string, unknown>;
  if (project !== undefined && typeof project !== "string") {
    return badRequest("project must be a project id or name");
  }
  return { status: 200, body: api.seed(resource, fields, project) };
}

function unknown(method: string, segments: string[]): Answer {
  return {
    status: 404,
    body: apiError(
      "route_not_found",
      `no control ${method} /_emulator/${segments.join("/")}; GET /_emulator/ lists them`,
    ),
  };
}
