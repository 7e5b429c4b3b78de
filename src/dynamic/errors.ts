/**
 * Errors of the shared skeleton that programs may want to tell apart. No zod or undici types
 * are reachable from here, so the package root can export them.
 */
import { KernelError } from "../kernel/errors";

export { PartialFailureError } from "./partialFailure";

/**
 * A create met an object with the same unique key that is not this resource's (docs/behaviour.md): a 409
 * without `adopt`, or a POST whose outcome was unknown and whose lookup found an object that
 * differs from what the POST carried. The message names the id and how to adopt it.
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
