/**
 * Projects, as the API scopes objects: a request names one with `X-Kernel-Project: <id or exact
 * name>` (or the older `X-Kernel-Project-Id: <id>`); without a header it goes to the default
 * project. Every stored object belongs to one project, so each project gets its own store per
 * resource and uniqueness, listing and lookups by id never cross projects.
 *
 * The list is the one truth about which projects exist: the seeds (the default project, the
 * CLI's `--project`, the `addProject` control) and the projects `POST /org/projects` makes
 * (resources/projects holds the API's rules). A reset drops the ones the API made and gives the
 * seeds their names back.
 */
import { fail, type StoreResult } from "./answers";

export interface Project {
  id: string;
  name: string;
}

export const DEFAULT_PROJECT: Project = { id: "proj_default", name: "default" };

export const PROJECT_HEADER = "x-kernel-project";
export const PROJECT_ID_HEADER = "x-kernel-project-id";

export class Projects {
  private readonly known: Project[] = [];
  /** The seeds as they were added, for `reset`. */
  private readonly seeds: Project[] = [];

  constructor(
    readonly defaultProject: Project = DEFAULT_PROJECT,
    others: Project[] = [],
  ) {
    this.known.push({ ...defaultProject });
    this.seeds.push({ ...defaultProject });
    for (const p of others) this.add(p);
  }

  all(): Project[] {
    return this.known.map((p) => ({ ...p }));
  }

  /** Adds a project; an id or name already taken is an error (names resolve exactly one). */
  add(project: Project): Project {
    if (!project.id || !project.name) throw new Error("a project needs an id and a name");
    const clash = this.known.find((p) => p.id === project.id || p.name === project.name);
    if (clash) {
      if (clash.id === project.id && clash.name === project.name) return clash;
      throw new Error(
        `project ${project.id}=${project.name} clashes with ${clash.id}=${clash.name}`,
      );
    }
    const added = { id: project.id, name: project.name };
    this.known.push(added);
    this.seeds.push({ ...added });
    return added;
  }

  /** A project the API made (`POST /org/projects`): a reset drops it. Names are checked by the caller. */
  insert(project: Project): Project {
    const added = { id: project.id, name: project.name };
    this.known.push(added);
    return added;
  }

  /** Renames in place, so every holder of the project object sees the new name. */
  rename(id: string, name: string): void {
    const project = this.known.find((p) => p.id === id);
    if (project) project.name = name;
  }

  /** Forgets a project (a delete); false when there is none with this id. */
  remove(id: string): boolean {
    const at = this.known.findIndex((p) => p.id === id);
    if (at < 0) return false;
    this.known.splice(at, 1);
    return true;
  }

  /** Back to the seeds, with the names they were added with. */
  reset(): void {
    this.known.splice(0, this.known.length, ...this.seeds.map((p) => ({ ...p })));
  }

  /** The project an id or exact name names (ids first). */
  find(idOrName: string): Project | undefined {
    return this.known.find((p) => p.id === idOrName) ?? this.known.find((p) => p.name === idOrName);
  }

  /** The request's project from its headers; 404 `project_not_found` for an unknown one. */
  resolve(headers: Record<string, string | string[] | undefined>): StoreResult<Project> {
    const byName = single(headers[PROJECT_HEADER]);
    const byId = single(headers[PROJECT_ID_HEADER]);
    if (byName === undefined && byId === undefined) {
      return { ok: true, value: this.known[0] };
    }
    const named = byName !== undefined ? this.find(byName) : undefined;
    const identified = byId !== undefined ? this.known.find((p) => p.id === byId) : undefined;
    if (byName !== undefined && !named) {
      return fail(404, "project_not_found", `project ${JSON.stringify(byName)} not found`);
    }
    if (byId !== undefined && !identified) {
      // The id header takes ids only (API docs, 2026-08-07): a name there names no project.
      const isName = this.known.some((p) => p.name === byId);
      return fail(
        404,
        "project_not_found",
        isName
          ? `no project has the id ${JSON.stringify(byId)} (X-Kernel-Project-Id takes an id; ` +
              `send a project name in X-Kernel-Project)`
          : `project ${JSON.stringify(byId)} not found`,
      );
    }
    if (named && identified && named !== identified) {
      return fail(
        400,
        "bad_request",
        "X-Kernel-Project and X-Kernel-Project-Id name different projects",
      );
    }
    return { ok: true, value: (named ?? identified) as Project };
  }
}

/** `id=name`, as the CLI's `--project` takes it. */
export function parseProjectSpec(spec: string): Project {
  const at = spec.indexOf("=");
  const id = spec.slice(0, at).trim();
  const name = spec.slice(at + 1).trim();
  if (at < 0 || !id || !name)
    throw new Error(`--project takes ID=NAME, got ${JSON.stringify(spec)}`);
  return { id, name };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
