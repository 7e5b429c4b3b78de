/**
 * Where the API key and base URL come from (BEHAVIOR.md section 8): Pulumi config first, then
 * the environment. Read at call time, never at import, so nothing is captured into state.
 */
import { KernelConfigError } from "./errors";

export const DEFAULT_BASE_URL = "https://api.onkernel.com";

export interface ConfigSource {
  get(key: string): string | undefined;
}

export interface KernelSettings {
  apiKey?: string;
  baseUrl: string;
  /** Per-attempt timeout; the retry policy's default when absent. */
  requestTimeoutMs?: number;
  /** Total budget of one provider operation; the client's default (120 s) when absent. */
  operationTimeoutMs?: number;
  /** Config `kernel:project`: the desired project of resources without a `project` input. */
  project?: string;
  /** Env `KERNEL_PROJECT`: only a default for creating; it never causes a diff (A7). */
  defaultProject?: string;
}

export function resolveSettings(
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv = process.env,
): KernelSettings {
  const apiKey = nonEmpty(safeGet(config, "kernel:apiKey")) ?? nonEmpty(env.KERNEL_API_KEY);
  const baseUrl =
    nonEmpty(safeGet(config, "kernel:baseUrl")) ??
    nonEmpty(env.KERNEL_BASE_URL) ??
    DEFAULT_BASE_URL;
  const timeout =
    nonEmpty(safeGet(config, "kernel:requestTimeoutMs")) ?? nonEmpty(env.KERNEL_REQUEST_TIMEOUT_MS);
  const operationTimeout =
    nonEmpty(safeGet(config, "kernel:operationTimeoutSeconds")) ??
    nonEmpty(env.KERNEL_OPERATION_TIMEOUT_SECONDS);
  const project = nonEmpty(safeGet(config, "kernel:project")?.trim());
  const defaultProject = nonEmpty(env.KERNEL_PROJECT?.trim());
  const settings: KernelSettings = { apiKey, baseUrl: validateBaseUrl(baseUrl) };
  if (timeout !== undefined) settings.requestTimeoutMs = positiveInteger(timeout);
  if (operationTimeout !== undefined) {
    settings.operationTimeoutMs = positiveSeconds(operationTimeout) * 1000;
  }
  if (project !== undefined) settings.project = project;
  if (defaultProject !== undefined) settings.defaultProject = defaultProject;
  return settings;
}

/** Longest wait a Node timer can express (about 24.8 days); longer settings are refused. */
const MAX_MS = 2 ** 31 - 1;

function positiveInteger(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0 || n > MAX_MS) {
    throw new KernelConfigError(
      `kernel:requestTimeoutMs must be a positive whole number of milliseconds, got ${JSON.stringify(raw)}`,
    );
  }
  return n;
}

function positiveSeconds(raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n * 1000 > MAX_MS) {
    throw new KernelConfigError(
      `kernel:operationTimeoutSeconds must be a positive number of seconds, got ${JSON.stringify(raw)}`,
    );
  }
  return n;
}

/**
 * Refuses to send the key in clear text: `http:` only to a loopback host (the emulator).
 * Returns the URL without a trailing slash.
 */
export function validateBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new KernelConfigError(
      `kernel:baseUrl ${JSON.stringify(raw)} is not a URL; expected e.g. ${DEFAULT_BASE_URL}`,
    );
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
    throw new KernelConfigError(
      `kernel:baseUrl ${url.origin} is refused: the API key may only travel over https ` +
        `(plain http is allowed for loopback hosts such as the emulator on 127.0.0.1)`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new KernelConfigError("kernel:baseUrl must not carry credentials, a query or a fragment");
  }
  return url.href.replace(/\/+$/, "");
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host === "::1" ||
    /^127(\.\d{1,3}){3}$/.test(host)
  );
}

function safeGet(config: ConfigSource | undefined, key: string): string | undefined {
  try {
    return config?.get(key);
  } catch {
    // The host's Config reads a raw map that is missing when Configure was never called.
    return undefined;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
