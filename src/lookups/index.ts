/** Lookups: Pulumi's `get` functions for Kernel objects (see docs/lookups.md). */
export { getApp, getAppOutput, type GetAppArgs, type GetAppResult } from "./getApp";
export {
  getBrowserPool,
  getBrowserPoolOutput,
  type GetBrowserPoolArgs,
  type GetBrowserPoolResult,
} from "./getBrowserPool";
export {
  getDeployment,
  getDeploymentOutput,
  type GetDeploymentArgs,
  type GetDeploymentResult,
} from "./getDeployment";
export {
  getExtension,
  getExtensionOutput,
  type GetExtensionArgs,
  type GetExtensionResult,
} from "./getExtension";
export {
  getProfile,
  getProfileOutput,
  type GetProfileArgs,
  type GetProfileResult,
} from "./getProfile";
export {
  getProject,
  getProjectOutput,
  type GetProjectArgs,
  type GetProjectResult,
} from "./getProject";
export {
  getProxy,
  getProxyOutput,
  type GetProxyArgs,
  type GetProxyConfigResult,
  type GetProxyResult,
} from "./getProxy";
export type { LookupInputs, ProjectArgs } from "./spec";
export { AmbiguousLookupError, LookupArgumentError, LookupNotFoundError } from "./errors";
