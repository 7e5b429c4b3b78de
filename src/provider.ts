/**
 * The `pulumi-kernel/provider` subpath, which every resource's `__provider` text loads at call
 * time (see ./dynamic/providerText). Its top-level functions are AuthConnection's provider, as
 * the text in existing stacks (`require("pulumi-kernel/provider")`) expects. Every other
 * resource's provider is a named export, reached by its text
 * (`require("pulumi-kernel/provider").credential`).
 *
 * One provider object per resource, made once per process: the dynamic-provider host caches
 * each by its text and configures it once, and all share one client (one pool, one rate gate).
 */
import { authConnectionSpec } from "./authConnection/provider";
import { makeProvider } from "./dynamic/provider";

const authConnection = makeProvider(authConnectionSpec);

export const configure = authConnection.configure;
export const check = authConnection.check;
export const diff = authConnection.diff;
export const create = authConnection.create;
export const read = authConnection.read;
export const update = authConnection.update;
const remove = authConnection.delete;
export { remove as delete };
