/**
 * The `pulumi-kernel/provider` subpath, which every resource's `__provider` text loads at call
 * time (see ./dynamic/providerText). Its top-level functions are AuthConnection's provider, as
 * the text in existing stacks (`require("pulumi-kernel/provider")`) expects. Every other
 * resource's provider is a named export, reached by its text
 * (`require("pulumi-kernel/provider").credential`).
 *
 * One provider object per resource, made once per process: the dynamic-provider host caches
 * each by its text and configures it once, and all share one client (one pool, one rate gate).
 *
 * Each export is typed with Pulumi's own `ResourceProvider`, so that this file's declarations
 * name Pulumi's types only and never the client's options (and so undici's types).
 */
import type * as pulumi from "@pulumi/pulumi";
import { authConnectionSpec } from "./authConnection/spec";
import { credential as credentialImpl } from "./credential/provider";
import { credentialProvider as credentialProviderImpl } from "./credentialProvider/provider";
import { makeProvider } from "./dynamic/provider";
import { profileProvider } from "./profile/provider";
import { proxyProvider } from "./proxy/provider";

type ResourceProvider = pulumi.dynamic.ResourceProvider;
type Methods = Required<ResourceProvider>;

const authConnection = makeProvider(authConnectionSpec);

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
