/** The Pulumi program of the project at the repository root (see Pulumi.yaml). */
import { managedAuthStack } from "./managedAuth";

const { netflix, residential, creds } = managedAuthStack();

export const connectionId = netflix.id;
export const status = netflix.status;
export const canReauth = netflix.canReauth;
export const proxyId = residential.id;
export const credentialValueKeys = creds.valueKeys;
