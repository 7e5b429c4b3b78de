/**
 * Errors of the shared skeleton that programs may want to tell apart. No zod or undici types
 * are reachable from here, so the package root can export them.
 */
import { KernelError } from "../kernel/errors";

export { PartialFailureError } from "./partialFailure";

/**
 * A create met an object with the same unique key that is not provably this resource's
 * (docs/behaviour.md): a 409 without `adopt`, a POST whose outcome was unknown and whose lookup
 * found an object nothing the API returns proves the POST made, or an object another resource
 * of the deployment manages. The message names the id and what to do.
 */
export class AlreadyExistsError extends KernelError {
  override name = "AlreadyExistsError";
  constructor(
    message: string,
    readonly existingId: string,
  ) {
    super(message);
  }
}
