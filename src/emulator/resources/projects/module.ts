/**
 * `/org/projects`: projects as a route module (see core.ts). Org-wide: no project header. The
 * store works on the server's `Projects` list, so the project headers see what it does.
 */
import { ok, toAnswer } from "../../answers";
import type { RouteModule } from "../../core";
import type { Project, Projects } from "../../projects";
import { handleCrud } from "../crud";
import { type ProjectLimitsBody, ProjectStore } from "./store";

export interface ProjectsModuleOptions {
  projects: Projects;
  /** How many objects a project holds, over every project-scoped resource. */
  objectsIn(project: Project): number;
}

export function projectsModule(options: ProjectsModuleOptions): RouteModule<ProjectStore> {
  return {
    name: "projects",
    // `GET /_emulator/projects` stays the projects control; drift and delete take `/<id>`.
    controlName: "projects",
    prefix: ["org", "projects"],
    scope: "org",
    routes: [
      "POST /org/projects",
      "GET /org/projects?name=&query=&limit=&offset=",
      "GET /org/projects/{id_or_name}",
      "PATCH /org/projects/{id_or_name}",
      "DELETE /org/projects/{id_or_name}",
      "GET /org/projects/{id_or_name}/limits",
      "PATCH /org/projects/{id_or_name}/limits",
    ],

    createStore: (env) =>
      new ProjectStore({
        projects: options.projects,
        objectsIn: options.objectsIn,
        now: () => env.now(),
        newId: () => env.newId("proj"),
      }),

    handle(req, store) {
      if (req.rest.length === 2 && req.rest[1] === "limits") {
        if (req.method === "GET") return toAnswer(store.limits(req.rest[0]), (v) => v);
        if (req.method === "PATCH") {
          return toAnswer(store.updateLimits(req.rest[0], req.body as ProjectLimitsBody), (v) => v);
        }
        return undefined;
      }
      return handleCrud(req, store, {
        filters: ["name", "query"],
        listed: (project) => store.view(project),
      });
    },

    objects: (store) => store.all().map((p) => ({ ...p })),

    drift(store, id, changes) {
      const result = store.drift(id, changes);
      return result.ok ? ok({ ...result.value }) : result;
    },

    remove: (store, id) => store.forget(id),
  };
}
