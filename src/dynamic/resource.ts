/**
 * What every resource class of the package shares (docs/behaviour.md): registration under the token
 * `pulumi-nodejs:dynamic/kernel:<Name>` (the token routes it to Pulumi's dynamic-provider host)
 * with the `__provider` text, the secret outputs, `get` by id and a type-specific `isInstance`.
 *
 * A class uses it like this:
 *
 * ```ts
 * const TYPE = dynamicResourceType({ name: "Credential", providerExport: "credential",
 *   outputs: ["name", "domain", ...], secretOutputs: ["values", "totpSecret"] });
 * export class Credential extends pulumi.CustomResource {
 *   static get(name: string, id: pulumi.Input<pulumi.ID>, state?: CredentialState,
 *     opts?: pulumi.CustomResourceOptions): Credential {
 *     return new Credential(name, state as CredentialArgs, { ...opts, id });
 *   }
 *   static override isInstance(obj: unknown): obj is Credential { return isInstanceOf(TYPE, obj); }
 *   constructor(name: string, args: CredentialArgs, opts?: pulumi.CustomResourceOptions) {
 *     super(...registration(TYPE, name, args, opts));
 *   }
 * }
 * ```
 *
 * This module imports only `@pulumi/pulumi`'s types at compile time and nothing of zod or
 * undici, so the declarations users see stay free of them (issue: types under Pulumi's
 * template settings).
 */
import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_KEY, typeToken } from "./engineKeys";
import { providerText } from "./providerText";

/** Everything the registration of one resource type needs. */
export interface DynamicResourceType {
  /** `AuthConnection`: the class name, used in the token. */
  readonly name: string;
  /** `pulumi-nodejs:dynamic/kernel:<name>`. */
  readonly token: string;
  /** The `__provider` text (see ./providerText). */
  readonly providerText: string;
  /** Every output the class declares: seeded so that the SDK registers and resolves them. */
  readonly outputs: readonly string[];
  /** Outputs that are always secret, even when the program passes plain values (docs/behaviour.md). */
  readonly secretOutputs: readonly string[];
}

export function dynamicResourceType(init: {
  name: string;
  /**
   * The export of `pulumi-kernel/provider` (src/provider.ts) that holds the provider; absent
   * only for AuthConnection, whose text predates named exports (./providerText).
   */
  providerExport?: string;
  outputs: readonly string[];
  secretOutputs?: readonly string[];
}): DynamicResourceType {
  return {
    name: init.name,
    token: typeToken(init.name),
    providerText: providerText(init.providerExport),
    outputs: [...init.outputs],
    secretOutputs: [...(init.secretOutputs ?? [])],
  };
}

/**
 * The arguments of `super(...)` (token, name, properties, options) for a `pulumi.CustomResource`: the token, the properties with
 * `__provider` (last, so no argument can stand in for it) and its secret inputs wrapped as
 * secrets, and the options with the secret outputs added. With `opts.id` set (a `get`), `argsOrState` is the optional known state, and
 * the SDK registers a read of that id: the engine sends a Read whose properties are this state
 * plus `__provider`, the same path as a refresh.
 */
export function registration(
  type: DynamicResourceType,
  name: string,
  argsOrState: object | undefined,
  opts: pulumi.CustomResourceOptions | undefined,
): [string, string, pulumi.Inputs, pulumi.CustomResourceOptions] {
  const props: Record<string, unknown> = {};
  for (const output of type.outputs) props[output] = undefined;
  Object.assign(props, argsOrState ?? {});
  // Secret inputs wrapped as secrets, as Pulumi's generated classes do: the engine then keeps
  // them encrypted in the state's inputs too, not only in the outputs that
  // `additionalSecretOutputs` marks, even when the program passes plain strings.
  for (const key of type.secretOutputs) {
    if (props[key] !== undefined) props[key] = secretInput(props[key]);
  }
  props[PROVIDER_KEY] = type.providerText;
  const secret = new Set([...(opts?.additionalSecretOutputs ?? []), ...type.secretOutputs]);
  const options: pulumi.CustomResourceOptions = { ...opts };
  if (secret.size > 0) options.additionalSecretOutputs = [...secret];
  return [type.token, name, props as pulumi.Inputs, options];
}

/**
 * True only for resources of this type, including ones from another copy of the package
 * (the check is by token, as Pulumi's generated classes do, not by `instanceof`).
 */
export function isInstanceOf(type: DynamicResourceType, obj: unknown): boolean {
  return (
    obj !== null &&
    typeof obj === "object" &&
    (obj as { __pulumiType?: unknown }).__pulumiType === type.token
  );
}

/**
 * A secret input: a plain map (a credential's `values`) is secret value by value, so the
 * preview names its keys (`~ values: { ~ password: [secret] => [secret] }`) while every value
 * stays secret; anything else (a string, an Output of a map) is one secret.
 */
function secretInput(value: unknown): unknown {
  if (
    value === null ||
    typeof value !== "object" ||
    Object.getPrototypeOf(value) !== Object.prototype
  ) {
    return pulumi.secret(value);
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, v === undefined ? v : pulumi.secret(v)]),
  );
}
