/**
 * The Project resource a program declares: a Kernel project, the org-wide container that
 * scopes every other object (auth connections, credentials, profiles, proxies, ...).
 */
import * as pulumi from "@pulumi/pulumi";
import { dynamicResourceType, isInstanceOf, registration } from "../dynamic/resource";

const PROJECT_TYPE = dynamicResourceType({
  name: "Project",
  providerExport: "project",
  outputs: ["name", "archived", "status", "limits", "createdAt", "updatedAt", "adopt"],
});

/** A project's caps; 0 is "no project-level cap" (the organisation's limit applies). */
export interface ProjectLimitsArgs {
  /**
   * At most this many browsers at once in the project: on-demand sessions and browser-pool
   * reservations together. Left to the server while unset.
   *
   * @example
   * ```ts
   * limits: { maxConcurrentSessions: 10 }
   * ```
   */
  maxConcurrentSessions?: pulumi.Input<number>;
  /**
   * At most this many app invocations at once in the project. Left to the server while unset.
   *
   * @example
   * ```ts
   * limits: { maxConcurrentInvocations: 5 }
   * ```
   */
  maxConcurrentInvocations?: pulumi.Input<number>;
}

/** The arguments of a {@link Project}. */
export interface ProjectArgs {
  /**
   * The project's name, unique in the organisation: 1 to 255 characters, without `/` or `%`.
   * Other resources name the project by it (`project: team.name`). Changing it renames the
   * project in place.
   *
   * @example
   * ```ts
   * name: "team-a"
   * ```
   */
  name: pulumi.Input<string>;
  /**
   * Whether the project is archived (the API's `status: archived`). Unset is `false`: removing
   * `archived: true` makes the project active again. Changed in place.
   *
   * @example
   * ```ts
   * archived: true
   * ```
   */
  archived?: pulumi.Input<boolean>;
  /**
   * The project's caps, set through `/org/projects/{id}/limits`. Only the caps given are
   * managed; a cap removed from the program later is removed from the project (sent as `0`).
   *
   * @example
   * ```ts
   * limits: { maxConcurrentSessions: 10, maxConcurrentInvocations: 0 }
   * ```
   */
  limits?: pulumi.Input<ProjectLimitsArgs>;
  /**
   * When a project of this name already exists in the organisation, take it over instead of
   * failing. Never adopt a project that another resource or stack manages. Never sent to the
   * API; changing it later is no change.
   *
   * @example
   * ```ts
   * adopt: true
   * ```
   */
  adopt?: pulumi.Input<boolean>;
}

/** The outputs a Project's state holds, for `Project.get`. */
export interface ProjectState {
  /**
   * The project's name.
   *
   * @example
   * ```ts
   * name: "team-a"
   * ```
   */
  name?: pulumi.Input<string>;
  /**
   * Whether it is archived.
   *
   * @example
   * ```ts
   * archived: false
   * ```
   */
  archived?: pulumi.Input<boolean>;
  /**
   * The caps the program manages, as recorded.
   *
   * @example
   * ```ts
   * limits: { maxConcurrentSessions: 10 }
   * ```
   */
  limits?: pulumi.Input<ProjectLimitsArgs>;
}

/**
 * A Kernel project: the container that scopes auth connections, credentials, profiles,
 * proxies and browser pools. It is org-wide itself (no project header). Other resources take
 * `project: team.name` (or `team.id`), so a project and its contents live in one stack: the
 * project is created first and deleted last. The API deletes only an empty project, and never
 * the organisation's last active one; such a delete fails, says why, and keeps the state.
 *
 * @example
 * ```ts
 * import * as kernel from "pulumi-kernel";
 *
 * const team = new kernel.Project("team", {
 *   name: "team-a",
 *   limits: { maxConcurrentSessions: 10 },
 * });
 * new kernel.Profile("netflix", { name: "team-netflix", project: team.name });
 * ```
 */
export class Project extends pulumi.CustomResource {
  /** Whether `obj` is a Project, even one made by another copy of this package. */
  static override isInstance(obj: unknown): obj is Project {
    return isInstanceOf(PROJECT_TYPE, obj);
  }

  /**
   * Reads an existing project by id (as a refresh does).
   *
   * @example
   * ```ts
   * const team = kernel.Project.get("team", "proj_abc123");
   * ```
   */
  static get(
    name: string,
    id: pulumi.Input<pulumi.ID>,
    state?: ProjectState,
    opts?: pulumi.CustomResourceOptions,
  ): Project {
    return new Project(name, (state ?? {}) as ProjectArgs, { ...opts, id });
  }

  /**
   * The project's name, unique in the organisation.
   *
   * @example
   * ```ts
   * new kernel.Profile("p", { name: "p", project: team.name });
   * ```
   */
  declare readonly name: pulumi.Output<string>;
  /**
   * Whether the project is archived.
   *
   * @example
   * ```ts
   * export const archived = team.archived;
   * ```
   */
  declare readonly archived: pulumi.Output<boolean>;
  /**
   * The status as the API reports it: `active` or `archived` (a newer status is kept as sent).
   *
   * @example
   * ```ts
   * export const status = team.status;
   * ```
   */
  declare readonly status: pulumi.Output<string>;
  /**
   * The caps the program manages, as live (0 when the project has no such cap).
   *
   * @example
   * ```ts
   * export const sessions = team.limits.apply((l) => l?.maxConcurrentSessions);
   * ```
   */
  declare readonly limits: pulumi.Output<
    { maxConcurrentSessions?: number; maxConcurrentInvocations?: number } | undefined
  >;
  /**
   * When the project was created.
   *
   * @example
   * ```ts
   * export const created = team.createdAt;
   * ```
   */
  declare readonly createdAt: pulumi.Output<string | undefined>;
  /**
   * When the project was last changed.
   *
   * @example
   * ```ts
   * export const updated = team.updatedAt;
   * ```
   */
  declare readonly updatedAt: pulumi.Output<string | undefined>;
  /**
   * Whether the project was taken over with `adopt: true`.
   *
   * @example
   * ```ts
   * export const adopted = team.adopt;
   * ```
   */
  declare readonly adopt: pulumi.Output<boolean | undefined>;

  /**
   * Declares a project: created by the next `pulumi up`, kept as declared after that.
   *
   * @param name The unique name of the resource in the stack.
   * @param args The project's settings.
   * @param opts Pulumi's resource options (`dependsOn`, `protect`, `parent`, ...).
   */
  constructor(name: string, args: ProjectArgs, opts?: pulumi.CustomResourceOptions) {
    super(...registration(PROJECT_TYPE, name, args, opts));
  }
}
