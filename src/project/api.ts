/**
 * Project's wire types, per kernel 0.131 (`/org/projects` and `/org/projects/{id}/limits`).
 * Requests are TS types; answers are zod schemas that tolerate unknown fields.
 */
import { z } from "zod";

/** `POST /org/projects`. */
export interface ProjectCreateRequest {
  name: string;
}

/** `PATCH /org/projects/{id_or_name}`: a rename and the archive flag, in place. */
export interface ProjectUpdateRequest {
  name?: string;
  status?: "active" | "archived";
}

/** `PATCH /org/projects/{id_or_name}/limits`: only the caps present change; 0 removes one. */
export interface ProjectLimitsRequest {
  max_concurrent_sessions?: number;
  max_concurrent_invocations?: number;
}

export const projectSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  // Open: a status this version does not know is kept, not refused.
  status: z.string(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});

/** A project as the API answers it. */
export type ProjectResponse = z.infer<typeof projectSchema>;

/** Turns a 2xx body into a project; throws (a malformed answer) when it is not one. */
export function parseProject(json: unknown): ProjectResponse {
  return projectSchema.parse(json);
}

export const projectLimitsSchema = z.looseObject({
  max_concurrent_sessions: z.number().int().nullish(),
  max_concurrent_invocations: z.number().int().nullish(),
});

/** A project's caps as the API answers them: null (or absent) is no project-level cap. */
export type ProjectLimitsResponse = z.infer<typeof projectLimitsSchema>;

export function parseProjectLimits(json: unknown): ProjectLimitsResponse {
  return projectLimitsSchema.parse(json);
}
