/**
 * The `pulumi-kernel/provider` subpath, which every resource's `__provider` text loads at call
 * time (./dynamic/providerText): one provider per resource, built from the table of specs
 * (./specs).
 *
 * A row's key is the export its resource's text names (`require("pulumi-kernel/provider").proxy`),
 * so a key can never be renamed once a state holds it. AuthConnection's text predates named
 * exports and loads the module itself: its methods are also the module's top-level functions,
 * as stacks written by earlier versions expect.
 *
 * One provider object per resource, made once per process: the dynamic-provider host caches
 * each by its text and configures it once, and all share one client (one pool, one rate gate).
 * Each export is typed with Pulumi's own `ResourceProvider`, so that this file's declarations
 * name Pulumi's types only and never the client's options (and so undici's types).
 */
import type * as pulumi from "@pulumi/pulumi";
import { makeProvider } from "./dynamic/provider";
import type { AnyResourceSpec } from "./dynamic/spec";
import { type ProviderExport, SPECS } from "./specs";

type ResourceProvider = pulumi.dynamic.ResourceProvider;
type Methods = Required<ResourceProvider>;

const providers = Object.fromEntries(
  Object.entries(SPECS).map(([name, spec]) => [name, makeProvider(spec as AnyResourceSpec)]),
) as Record<ProviderExport, ResourceProvider>;

export const browserPool: ResourceProvider = providers.browserPool;
export const credential: ResourceProvider = providers.credential;
export const credentialProvider: ResourceProvider = providers.credentialProvider;
export const extension: ResourceProvider = providers.extension;
export const profile: ResourceProvider = providers.profile;
export const project: ResourceProvider = providers.project;
export const proxy: ResourceProvider = providers.proxy;
export const telemetryDestination: ResourceProvider = providers.telemetryDestination;

const authConnection = providers.authConnection as Methods;
export const configure: Methods["configure"] = authConnection.configure;
export const check: Methods["check"] = authConnection.check;
export const diff: Methods["diff"] = authConnection.diff;
export const create: Methods["create"] = authConnection.create;
export const read: Methods["read"] = authConnection.read;
export const update: Methods["update"] = authConnection.update;
const remove: Methods["delete"] = authConnection.delete;
export { remove as delete };
