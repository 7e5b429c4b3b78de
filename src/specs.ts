/**
 * Every resource's spec, keyed by the export of `pulumi-kernel/provider` that holds its provider
 * (./provider). The one list of resources: the providers, the pull-request comment's types and
 * the registration test all read it. A key can never be renamed once a state holds it.
 */
import { authConnectionSpec } from "./authConnection/spec";
import { browserPoolSpec } from "./browserPool/spec";
import { credentialSpec } from "./credential/spec";
import { credentialProviderSpec } from "./credentialProvider/spec";
import type { AnyResourceSpec } from "./dynamic/spec";
import { extensionSpec } from "./extension/spec";
import { profileSpec } from "./profile/spec";
import { projectSpec } from "./project/spec";
import { proxySpec } from "./proxy/spec";
import { telemetryDestinationSpec } from "./telemetryDestination/spec";

export const SPECS = {
  authConnection: authConnectionSpec,
  browserPool: browserPoolSpec,
  credential: credentialSpec,
  credentialProvider: credentialProviderSpec,
  extension: extensionSpec,
  profile: profileSpec,
  project: projectSpec,
  proxy: proxySpec,
  telemetryDestination: telemetryDestinationSpec,
} as const satisfies Record<string, AnyResourceSpec>;

export type ProviderExport = keyof typeof SPECS;
