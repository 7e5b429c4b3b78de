/**
 * The emulator's projects API (`/org/projects`, org-wide): names unique in the org, rename and
 * archive in place, a soft delete refused while the project holds an object or is the org's last
 * active one, and per-project caps (`/limits`). Which projects exist is the `Projects` list the
 * project headers resolve against (projects.ts), so a project made here is usable in
 * `X-Kernel-Project` at once, and a deleted one is `project_not_found` there. What the list does
 * not hold (status, timestamps, caps) is kept here. No HTTP here.
 */
import { randomBytes } from "node:crypto";
import { fail, notFound, ok, type StoreResult } from "../../answers";
import type { Project, Projects } from "../../projects";
import { conflict, matchesQuery } from "../objectTable";

export type ProjectStatus = "active" | "archived";

/** `POST /org/projects` (ProjectCreateParams in kernel 0.131); the schema checks the name. */
export interface ProjectCreateBody {
  name: string;
}

/** `PATCH /org/projects/{id_or_name}` (ProjectUpdateParams). */
export interface ProjectUpdateBody {
  name?: string;
  status?: ProjectStatus;
}

/** The API's Project. */
export interface ProjectView {
  id: string;
  name: string;
  status: ProjectStatus;
  created_at: string;
  updated_at: string;
}

/** `PATCH /org/projects/{id_or_name}/limits` (LimitUpdateParams): 0 removes a cap. */
export interface ProjectLimitsBody {
  max_concurrent_sessions?: number | null;
  max_concurrent_invocations?: number | null;
  max_pooled_sessions?: number | null;
}

/** The API's ProjectLimits: null is no project-level cap. */
export interface ProjectLimitsView {
  max_concurrent_sessions: number | null;
  max_concurrent_invocations: number | null;
  max_pooled_sessions: null;
}

/** What the store keeps about a project beside its id and name. */
export interface ProjectMeta {
  status: ProjectStatus;
  created_at: string;
  updated_at: string;
  limits: { max_concurrent_sessions?: number; max_concurrent_invocations?: number };
}

export const PROJECT_ID_PREFIX = "proj";

export interface ProjectStoreOptions {
  projects: Projects;
  /** How many objects (of every project-scoped resource) a project holds. */
  objectsIn(project: Project): number;
  now?: () => Date;
  newId?: () => string;
}

export class ProjectStore {
  private readonly meta = new Map<string, ProjectMeta>();
  private readonly projects: Projects;
  private readonly clock: () => Date;
  private readonly makeId: () => string;

  constructor(private readonly options: ProjectStoreOptions) {
    this.projects = options.projects;
    this.clock = options.now ?? (() => new Date());
    this.makeId =
      options.newId ??
      (() => `${PROJECT_ID_PREFIX}_${randomBytes(9).toString("base64url").toLowerCase()}`);
  }

  create(body: ProjectCreateBody): StoreResult<ProjectView> {
    const taken = this.byName(body.name);
    if (taken) return conflict(`a project named ${body.name} already exists`, taken.id);
    let id: string;
    do id = this.makeId();
    while (this.projects.find(id));
    const project = this.projects.insert({ id, name: body.name });
    return ok(this.view(project));
  }

  get(idOrName: string): StoreResult<ProjectView> {
    const project = this.projects.find(idOrName);
    return project ? ok(this.view(project)) : notFound("project", idOrName);
  }

  update(idOrName: string, body: ProjectUpdateBody): StoreResult<ProjectView> {
    const project = this.projects.find(idOrName);
    if (!project) return notFound("project", idOrName);
    if (body.name !== undefined && body.name !== project.name) {
      const other = this.byName(body.name);
      if (other) return conflict(`a project named ${body.name} already exists`, other.id);
      this.projects.rename(project.id, body.name);
    }
    const meta = this.metaOf(project);
    if (body.status !== undefined) meta.status = body.status;
    meta.updated_at = this.now();
    return ok(this.view(project));
  }

  /**
   * A soft delete. Refused while the project holds any object (409 `project_not_empty`), when
   * it is the org's last active project (409 `last_active_project`), and for the default
   * project, which requests without a project header reach (409 `default_project`; what the API
   * answers there is not documented).
   */
  remove(idOrName: string): StoreResult<void> {
    const project = this.projects.find(idOrName);
    if (!project) return notFound("project", idOrName);
    if (project.id === this.projects.all()[0].id) {
      return fail(409, "default_project", `project ${project.name} is the org's default project`);
    }
    const held = this.options.objectsIn(project);
    if (held > 0) {
      return fail(
        409,
        "project_not_empty",
        `project ${project.name} still holds ${held} object(s); delete them first`,
      );
    }
    const active = this.projects.all().filter((p) => this.metaOf(p).status === "active");
    if (active.length === 1 && active[0].id === project.id) {
      return fail(
        409,
        "last_active_project",
        `project ${project.name} is the org's last active project`,
      );
    }
    this.forget(project.id);
    return ok(undefined);
  }

  /** `?name=` (exact) and `?query=` (name substring in any letter case, or exact id). */
  matching(filter: { name?: string; query?: string } = {}): Project[] {
    return this.projects
      .all()
      .filter(
        (p) =>
          (filter.name === undefined || p.name === filter.name) &&
          matchesQuery(filter.query, p.id, [p.name]),
      );
  }

  limits(idOrName: string): StoreResult<ProjectLimitsView> {
    const project = this.projects.find(idOrName);
    return project ? ok(limitsView(this.metaOf(project))) : notFound("project", idOrName);
  }

  /**
   * Only the caps present change: a positive number sets one, 0 removes it, null leaves it as
   * it is (the SDK types the fields nullable without saying more). The deprecated
   * `max_pooled_sessions` is refused when set.
   */
  updateLimits(idOrName: string, body: ProjectLimitsBody): StoreResult<ProjectLimitsView> {
    const project = this.projects.find(idOrName);
    if (!project) return notFound("project", idOrName);
    if (body.max_pooled_sessions !== undefined && body.max_pooled_sessions !== null) {
      return fail(
        400,
        "bad_request",
        "max_pooled_sessions is deprecated: pooled browsers count toward max_concurrent_sessions",
        [{ code: "invalid_input", message: "max_pooled_sessions" }],
      );
    }
    const meta = this.metaOf(project);
    for (const key of ["max_concurrent_sessions", "max_concurrent_invocations"] as const) {
      const value = body[key];
      if (value === undefined || value === null) continue;
      if (value === 0) delete meta.limits[key];
      else meta.limits[key] = value;
    }
    meta.updated_at = this.now();
    return ok(limitsView(meta));
  }

  /**
   * A change behind the API's back: `name` (no uniqueness check), `status`, `created_at`,
   * `updated_at`, and the caps by their wire names (`null` removes one). Other keys are ignored:
   * a project has no other fields.
   */
  drift(id: string, changes: Record<string, unknown>): StoreResult<ProjectView> {
    const project = this.projects.all().find((p) => p.id === id);
    if (!project) return notFound("project", id);
    const meta = this.metaOf(project);
    for (const [key, value] of Object.entries(changes)) {
      if (key === "name" && typeof value === "string") this.projects.rename(id, value);
      else if (key === "status" && (value === "active" || value === "archived")) {
        meta.status = value;
      } else if (key === "created_at" && typeof value === "string") meta.created_at = value;
      else if (key === "max_concurrent_sessions" || key === "max_concurrent_invocations") {
        if (value === null) delete meta.limits[key];
        else if (typeof value === "number") meta.limits[key] = value;
      }
    }
    meta.updated_at = typeof changes.updated_at === "string" ? changes.updated_at : this.now();
    return this.get(id);
  }

  /** A deletion (behind the API's back, or the API's own once allowed). */
  forget(id: string): boolean {
    if (id === this.projects.all()[0].id) return false;
    this.meta.delete(id);
    return this.projects.remove(id);
  }

  all(): ProjectView[] {
    return this.projects.all().map((p) => this.view(p));
  }

  /** A project as the API answers it. */
  view(project: Project): ProjectView {
    const meta = this.metaOf(project);
    return {
      id: project.id,
      name: project.name,
      status: meta.status,
      created_at: meta.created_at,
      updated_at: meta.updated_at,
    };
  }

  /** A seeded project gets its record when first seen; one the API made, when made. */
  private metaOf(project: Project): ProjectMeta {
    let meta = this.meta.get(project.id);
    if (!meta) {
      const now = this.now();
      meta = { status: "active", created_at: now, updated_at: now, limits: {} };
      this.meta.set(project.id, meta);
    }
    return meta;
  }

  private byName(name: string): Project | undefined {
    return this.projects.all().find((p) => p.name === name);
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

export function limitsView(meta: ProjectMeta): ProjectLimitsView {
  return {
    max_concurrent_sessions: meta.limits.max_concurrent_sessions ?? null,
    max_concurrent_invocations: meta.limits.max_concurrent_invocations ?? null,
    max_pooled_sessions: null,
  };
}
