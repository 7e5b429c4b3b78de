/**
 * Project's shapes: the checked inputs, the outputs the provider keeps, the updatable fields.
 * A project is org-wide: it has no `project` input of its own and sends no project header.
 */

/**
 * A project's caps. 0 is "no project-level cap" (the org's limit applies), as the API's
 * `0 removes a cap` says; a cap the program leaves out is the server's.
 */
export interface ProjectLimits {
  maxConcurrentSessions?: number;
  maxConcurrentInvocations?: number;
}

/** Inputs after check (without `project` and `adopt`, which the core owns). */
export interface ProjectInputs {
  /** 1-255 code points, no `/` or `%`; unique in the org. */
  name: string;
  /** `status: archived`; unset is the same as `false` (active). */
  archived?: boolean;
  /** The caps the program manages. */
  limits?: ProjectLimits;
}

/** The state: the live project, and the live value of each cap the program manages. */
export interface ProjectOutputs {
  name: string;
  archived: boolean;
  /** Live: `active` or `archived` (open: a new status is kept, not refused). */
  status: string;
  /** Only the caps the program set at the last apply, as live (0 when none is set). */
  limits?: ProjectLimits;
  createdAt?: string;
  updatedAt?: string;
}

/** The updatable fields: every input (a project is never replaced). */
export const PROJECT_UPDATABLE_FIELDS = ["name", "archived", "limits"] as const;
export type ProjectUpdatableField = (typeof PROJECT_UPDATABLE_FIELDS)[number];

/** Cap input name to API field name. */
export const LIMIT_FIELDS = {
  maxConcurrentSessions: "max_concurrent_sessions",
  maxConcurrentInvocations: "max_concurrent_invocations",
} as const;
export type LimitName = keyof typeof LIMIT_FIELDS;
export const LIMIT_NAMES = Object.keys(LIMIT_FIELDS) as LimitName[];
