/**
 * Keys and values the Pulumi engine puts into a dynamic resource's properties, which no
 * resource's own logic should ever see as inputs.
 */

/** Where the dynamic-provider host finds the text that loads the provider (docs/behaviour.md). */
export const PROVIDER_KEY = "__provider";

/**
 * The start of every resource type of this package: `pulumi-nodejs:dynamic/` routes a resource
 * to Pulumi's dynamic-provider host; `kernel:` is the package's module. Kept here, free of any
 * Pulumi import, so that the providers (which name their types) load without the SDK.
 */
export const TOKEN_PREFIX = "pulumi-nodejs:dynamic/kernel:";

/** The value Pulumi sends in place of anything not yet known during a preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The project pin check adds to a project-scoped resource's inputs (./project). */
export const PROJECT_PIN_KEY = "__project";

/** The properties without `__provider` and the project pin; `undefined` gives `{}`. */
export function withoutEngineKeys(
  values: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const { [PROVIDER_KEY]: _provider, [PROJECT_PIN_KEY]: _pin, ...rest } = values ?? {};
  return rest;
}

/** True when the unknown sentinel occurs anywhere in `value`. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") {
    return Object.values(value).some(containsUnknown);
  }
  return false;
}

/**
 * A copy without `undefined` at any depth: the host encodes results as a protobuf Struct, in
 * which one `undefined` fails the whole call (docs/behaviour.md).
 */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.filter((v) => v !== undefined).map(withoutUndefined) as T;
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (v !== undefined) out[key] = withoutUndefined(v);
    }
    return out as T;
  }
  return value;
}

/** The type token of a resource class of this package (`AuthConnection` → its token). */
export function typeToken(typeName: string): string {
  return `${TOKEN_PREFIX}${typeName}`;
}
