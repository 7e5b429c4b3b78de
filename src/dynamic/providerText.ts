/**
 * The `__provider` text each resource stores in state and sends in every call the engine makes
 * to Pulumi's dynamic-provider host. The host loads it as a CommonJS module and calls
 * `handler()` once per distinct text and process (`requireFromString(text).handler()`); the
 * handler loads the implementation by package name, resolved from the program's directory.
 *
 * Written by hand rather than produced by `pulumi.dynamic.Resource`'s closure serializer (about
 * 2 KB per resource, and it loads the TypeScript compiler into the program). It holds no path,
 * no secret and no code of this package, is the same wherever the package is installed, and an
 * upgrade of the package reaches existing stacks.
 */

/**
 * AuthConnection's text is the one stacks already hold, so it stays as it was: the subpath
 * module itself is its provider. Every other resource names its export of that module.
 */
export function providerText(exportName?: string): string {
  if (exportName === undefined) {
    return 'exports.handler = () => require("pulumi-kernel/provider");';
  }
  if (!/^[A-Za-z_$][\w$]*$/.test(exportName)) {
    throw new Error(`${JSON.stringify(exportName)} is not an export name`);
  }
  return `exports.handler = () => require("pulumi-kernel/provider").${exportName};`;
}
