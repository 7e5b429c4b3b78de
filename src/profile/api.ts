/**
 * Wire types of `/profiles`, per `@onkernel/sdk@0.84.0`. Responses are parsed leniently: unknown
 * fields are tolerated, so newer API fields never break a refresh.
 */
import { z } from "zod";

/** `POST /profiles`. */
export interface ProfileCreateRequest {
  name: string;
}

/** `PATCH /profiles/{id}`: a rename. */
export interface ProfileUpdateRequest {
  name?: string;
}

export const profileResponseSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  last_used_at: z.string().nullish(),
});

export type ProfileResponse = z.infer<typeof profileResponseSchema>;

export function parseProfile(json: unknown): ProfileResponse {
  return profileResponseSchema.parse(json);
}
