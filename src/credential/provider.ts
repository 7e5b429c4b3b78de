/**
 * Credential's provider: the shared skeleton run with Credential's spec. The `__provider` text
 * reaches it as the `credential` export of `pulumi-kernel/provider`.
 */
import { makeProvider } from "../dynamic/provider";
import { credentialSpec } from "./spec";

export const credential = makeProvider(credentialSpec);
