/**
 * `pulumi-kernel/provider`: what the `__provider` text in state loads. Temporary: the
 * AuthConnection provider's methods at top level, as old states expect; the integrator adds
 * one named provider object per other resource.
 *
 * Each export is typed with Pulumi's own `ResourceProvider` so that this file's declarations
 * name Pulumi's types only: re-exporting the implementation would put its client options (and
 * so undici's types) in front of every user's compiler.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as authConnection from "./authConnection/provider";

type Methods = Required<pulumi.dynamic.ResourceProvider>;

export const configure: Methods["configure"] = authConnection.configure;
export const check: Methods["check"] = authConnection.check;
export const diff: Methods["diff"] = authConnection.diff;
export const create: Methods["create"] = authConnection.create;
export const read: Methods["read"] = authConnection.read;
export const update: Methods["update"] = authConnection.update;
const remove: Methods["delete"] = authConnection.delete;
export { remove as delete };

/** The class behind the methods, for code that built its own; typed opaquely for the same reason. */
export const AuthConnectionProvider: new (...args: never[]) => pulumi.dynamic.ResourceProvider =
  authConnection.AuthConnectionProvider;
