/**
 * Thrown when a remote step succeeded and a later one failed (docs/behaviour.md). The dynamic-provider host
 * turns `id`, `properties` and `reasons` into ErrorResourceInitFailed, so Pulumi records the
 * object instead of orphaning it, and the next `pulumi up` finishes the job. `properties` must
 * include `__provider`, or the next call for the object could not load its provider.
 */
export class PartialFailureError extends Error {
  override name = "PartialFailureError";
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    readonly reasons: string[],
  ) {
    super(message);
  }
}
