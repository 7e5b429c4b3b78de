/**
 * The `__provider` text every AuthConnection stores in state and sends in every call the engine
 * makes to Pulumi's dynamic-provider host. The host loads it as a CommonJS module and calls
 * `handler()` once per process (`requireFromString(text).handler()`, cached by text); the
 * handler loads the implementation by package name, resolved from the program's directory.
 *
 * Written by hand rather than produced by `pulumi.dynamic.Resource`'s closure serializer, which
 * wraps each of the seven methods in about 200 bytes of `with (...)` scaffolding (2072 bytes in
 * all) and loads the TypeScript compiler into the program to do so. The text travels in the
 * olds, news and results of every RPC, and its size showed in the throughput benchmark.
 *
 * It holds no path, no secret and no code of this package, is the same wherever the package is
 * installed, and an upgrade of the package reaches existing stacks.
 */
export const PROVIDER_TEXT = 'exports.handler = () => require("pulumi-kernel/provider");';
