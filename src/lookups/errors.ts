/** What a lookup throws besides the client's own errors (./../kernel/errors). */
import { KernelError } from "../kernel/errors";

/** A lookup's arguments are not a valid question (neither id nor name, both, an empty one). */
export class LookupArgumentError extends KernelError {
  override name = "LookupArgumentError";
}

/** Nothing answers to what was asked (the API's 404 `not_found`, or no item of a list matched). */
export class LookupNotFoundError extends KernelError {
  override name = "LookupNotFoundError";
}

/** A name matches several objects (proxy names and app names are not unique). */
export class AmbiguousLookupError extends KernelError {
  override name = "AmbiguousLookupError";
  constructor(
    message: string,
    /** The ids (or, for an app, the versions) the name matched. */
    readonly matches: readonly string[],
  ) {
    super(message);
  }
}
