/**
 * The Extension resource's shapes: the inputs after check and the state the provider keeps.
 * An extension cannot be changed in place (the API has no update), so no field is updatable.
 */

/** Inputs after check. */
export interface ExtensionInputs {
  /** A directory or a `.zip` file, as the program gives it. */
  source: string;
  /**
   * Computed by check, never set by the program: the SHA-256 (lowercase hex) of the archive
   * `source` uploads. The diff key: the same hash wherever the source lives is no change.
   */
  sourceSha256: string;
  /** Unique in the project when set. */
  name?: string;
}

/** What the API reports and no program sets: never a difference. */
export interface ExtensionRuntimeOutputs {
  /** The API's SHA-256 of the archive it stores (the bytes uploaded). */
  checksum?: string;
  sizeBytes?: number;
  createdAt?: string;
  lastUsedAt?: string;
}

export type ExtensionOutputs = ExtensionInputs & ExtensionRuntimeOutputs;

/** None: any change is a replacement. */
export type ExtensionUpdatableField = never;
