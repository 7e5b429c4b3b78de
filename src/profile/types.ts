/**
 * The Profile resource's shapes: inputs after check and the state the provider keeps.
 */
import { TOKEN_PREFIX } from "../dynamic/engineKeys";

/** The type token (see TOKEN_PREFIX). */
export const PROFILE_TOKEN = `${TOKEN_PREFIX}Profile`;

/** The export of `pulumi-kernel/provider` that holds this resource's provider. */
export const PROFILE_PROVIDER_EXPORT = "profile";

/** Inputs after check. */
export interface ProfileInputs {
  name: string;
  project?: string;
  /** The provider's own: take over a profile of the same name instead of failing. Never sent. */
  adopt?: boolean;
}

/** What the API reports and no program sets: never a difference. */
export interface ProfileRuntimeOutputs {
  createdAt?: string;
  lastUsedAt?: string;
}

export type ProfileState = ProfileInputs & ProfileRuntimeOutputs;

export const PROFILE_UPDATABLE_FIELDS = ["name"] as const;
export type ProfileUpdatableField = (typeof PROFILE_UPDATABLE_FIELDS)[number];
