/**
 * `pulumi-kernel/provider`: what every `__provider` text in state loads. AuthConnection's
 * provider methods stay at the top level (texts already in state require the module itself);
 * every other resource's provider is a named export, which its text picks:
 * `require("pulumi-kernel/provider").credential`.
 *
 * Each export is typed with Pulumi's own `ResourceProvider` so that this file's declarations
 * name Pulumi's types only: re-exporting the implementations would put the client's options
 * (and so undici's types) in front of every user's compiler.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as authConnection from "./authConnection/provider";
import { credential as credentialImpl } from "./credential/provider";
import { credentialProvider as credentialProviderImpl } from "./credentialProvider/provider";
import { profileProvider } from "./profile/provider";
import { proxyProvider } from "./proxy/provider";

type ResourceProvider = pulumi.dynamic.ResourceProvider;
type Methods = Required<ResourceProvider>;

export const configure: Methods["configure"] = authConnection.configure;
export const check: Methods["check"] = authConnection.check;
export const diff: Methods["diff"] = authConnection.diff;
export const create: Methods["create"] = authConnection.create;
export const read: Methods["read"] = authConnection.read;
export const update: Methods["update"] = authConnection.update;
const remove: Methods["delete"] = authConnection.delete;
export { remove as delete };

export const credential: ResourceProvider = credentialImpl;
export const credentialProvider: ResourceProvider = credentialProviderImpl;
export const proxy: ResourceProvider = proxyProvider;
export const profile: ResourceProvider = profileProvider;

/** The class behind the methods, for code that built its own; typed opaquely for the same reason. */
export const AuthConnectionProvider: new (...args: never[]) => ResourceProvider =
  authConnection.AuthConnectionProvider;
