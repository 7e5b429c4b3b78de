/**
 * Hand-made previews in the documented shape of `pulumi preview --json` (Pulumi's preview
 * digest): for the renderer's unit tests, before and beside the fixtures the real CLI makes.
 * Secrets are "[secret]" and unknowns the engine's sentinel, as the CLI writes them.
 */
import { UNKNOWN } from "../../src/dynamic/engineKeys";

export const STACK = "dev";
export const PROJECT = "pulumi-kernel-example";
export const SECRET = "[secret]";
export { UNKNOWN };

const PROVIDER = 'exports.handler = () => require("pulumi-kernel/provider");';
const K = "pulumi-nodejs:dynamic/kernel:";

export type Json = Record<string, unknown>;

export function urn(type: string, name: string, stack = STACK, project = PROJECT): string {
  return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

export interface StepInit {
  old?: { id: string; inputs: Json; outputs: Json };
  new?: { id?: string; inputs: Json; outputs?: Json };
  detailedDiff?: Record<string, { kind: string; inputDiff?: boolean }> | null;
  diffReasons?: string[];
  replaceReasons?: string[];
}

export function step(op: string, type: string, name: string, init: StepInit = {}): Json {
  const state = (s: { id?: string; inputs: Json; outputs?: Json }) => ({
    urn: urn(type, name),
    custom: true,
    type,
    ...(s.id ? { id: s.id } : {}),
    inputs: type.startsWith(K) ? { __provider: PROVIDER, ...s.inputs } : s.inputs,
    outputs: s.outputs ?? {},
  });
  return {
    op,
    urn: urn(type, name),
    provider: "",
    ...(init.old ? { oldState: state(init.old) } : {}),
    ...(init.new ? { newState: state(init.new) } : {}),
    ...(init.diffReasons ? { diffReasons: init.diffReasons } : {}),
    ...(init.replaceReasons ? { replaceReasons: init.replaceReasons } : {}),
    detailedDiff: init.detailedDiff ?? null,
  };
}

export function preview(steps: Json[], options: { config?: Json; same?: number } = {}): Json {
  const summary: Record<string, number> = {};
  for (const s of steps) {
    const op = s.op as string;
    if (op !== "refresh") summary[op] = (summary[op] ?? 0) + 1;
  }
  if (options.same) summary.same = options.same;
  return {
    config: options.config ?? { "pulumi-kernel-example:netflixPassword": SECRET },
    steps: [step("same", "pulumi:pulumi:Stack", `${PROJECT}-${STACK}`), ...steps],
    duration: 1234567890,
    changeSummary: summary,
  };
}

export const CREDENTIAL = `${K}Credential`;
export const AUTH_CONNECTION = `${K}AuthConnection`;
export const PROXY = `${K}Proxy`;
export const PROFILE = `${K}Profile`;

export const CREDENTIAL_ID = "cred_9f2c";
export const CONNECTION_ID = "ma_51d0";
export const PROXY_ID = "proxy_7a1e";

export function credentialInputs(values: unknown = SECRET): Json {
  return { name: "netflix-creds", domain: "netflix.com", values };
}

export function credentialOutputs(keys = ["password", "username"]): Json {
  return {
    name: "netflix-creds",
    domain: "netflix.com",
    hasTotpSecret: false,
    valueKeys: keys,
    values: SECRET,
  };
}

export const DOMAINS = ["auth.netflix.com", "login.netflix.com"];
export const NEW_DOMAINS = ["auth.netflix.com", "login.netflix.com", "signup.netflix.com"];

export function connectionInputs(overrides: Json = {}): Json {
  return {
    profileName: "team-netflix",
    domain: "netflix.com",
    loginUrl: "https://www.netflix.com/login",
    credential: { name: "netflix-creds" },
    allowedDomains: DOMAINS,
    healthCheckInterval: 1800,
    recordSession: true,
    proxy: { id: PROXY_ID },
    ...overrides,
  };
}

export function connectionOutputs(overrides: Json = {}): Json {
  return {
    ...connectionInputs(),
    status: "AUTHENTICATED",
    canReauth: true,
    proxyId: PROXY_ID,
    flowStatus: "SUCCESS",
    serverOwnedInputs: ["healthCheckInterval", "recordSession"],
    ...overrides,
  };
}

/**
 * A PR that rotates the password and adds an allowed domain. `named`: the engine names the
 * changed fields (detailedDiff), as when the provider leaves the diff to it; otherwise the
 * preview names none, as for a dynamic provider that answers `changes: true`.
 */
export function rotationPreview(options: { named: boolean; refresh?: boolean }): Json {
  const credential = step("update", CREDENTIAL, "netflix", {
    old: { id: CREDENTIAL_ID, inputs: credentialInputs(), outputs: credentialOutputs() },
    new: { id: CREDENTIAL_ID, inputs: credentialInputs(), outputs: credentialOutputs() },
    ...(options.named
      ? {
          diffReasons: ["values"],
          detailedDiff: { "values.password": { kind: "update", inputDiff: true } },
        }
      : {}),
  });
  const live = options.refresh
    ? { healthCheckInterval: 7200, recordSession: false, allowedDomains: ["login.netflix.com"] }
    : {};
  const connection = step("update", AUTH_CONNECTION, "netflix", {
    old: {
      id: CONNECTION_ID,
      inputs: connectionInputs(live),
      outputs: connectionOutputs(live),
    },
    new: { id: CONNECTION_ID, inputs: connectionInputs({ allowedDomains: NEW_DOMAINS }) },
    ...(options.named
      ? {
          diffReasons: Object.keys(live).length
            ? ["allowedDomains", "healthCheckInterval", "recordSession"]
            : ["allowedDomains"],
          detailedDiff: { "allowedDomains[2]": { kind: "add", inputDiff: true } },
        }
      : {}),
  });
  const refreshes = options.refresh
    ? [
        step("refresh", CREDENTIAL, "netflix", {
          old: { id: CREDENTIAL_ID, inputs: credentialInputs(), outputs: credentialOutputs() },
          new: { id: CREDENTIAL_ID, inputs: credentialInputs(), outputs: credentialOutputs() },
        }),
        step("update", AUTH_CONNECTION, "netflix", {
          old: { id: CONNECTION_ID, inputs: connectionInputs(), outputs: connectionOutputs() },
          new: {
            id: CONNECTION_ID,
            inputs: connectionInputs(live),
            outputs: connectionOutputs(live),
          },
          detailedDiff: {
            healthCheckInterval: { kind: "update" },
            recordSession: { kind: "update" },
            "allowedDomains[1]": { kind: "delete" },
          },
        }),
      ]
    : [];
  return preview([...refreshes, credential, connection], { same: 2 });
}
