/**
 * The Profile resource's shapes: inputs after check and the state the provider keeps.
 */
/** Inputs after check. */
export interface ProfileInputs {
  name: string;
}

/** What the API reports and no program sets: never a difference. */
export interface ProfileRuntimeOutputs {
  createdAt?: string;
  lastUsedAt?: string;
}

export type ProfileOutputs = ProfileInputs & ProfileRuntimeOutputs;

export const UPDATABLE_FIELDS = ["name"] as const;
export type UpdatableField = (typeof UPDATABLE_FIELDS)[number];
