/**
 * Where the API key and base URL come from (docs/behaviour.md): Pulumi config first, then
 * the environment. Read at call time, never at import, so nothing is captured into state.
 */
import { KernelConfigError } from "./errors";
import { nearestName } from "./nearestName";

export const DEFAULT_BASE_URL = "https://api.onkernel.com";

export interface ConfigSource {
  get(key: string): string | undefined;
}

/** Every `kernel:*` setting the provider reads; any other `kernel:*` key is refused. */
export const KERNEL_CONFIG_KEYS: readonly string[] = [
  "kernel:apiKey",
  "kernel:baseUrl",
  "kernel:requestTimeoutMs",
  "kernel:operationTimeoutSeconds",
  "kernel:project",
];

/**
 * The stack's config keys, when the config can list them. Pulumi's dynamic-provider host hands
 * `configure` a Config over the whole config map it received (`rawConfig`); a source without
 * such a map lists nothing, and no key can be checked.
 */
export function configKeys(config: ConfigSource | undefined): readonly string[] {
  const raw = (config as { rawConfig?: unknown } | undefined)?.rawConfig;
  return raw !== null && typeof raw === "object" ? Object.keys(raw) : [];
}

/**
 * Refuses a `kernel:*` key the provider does not read (`kernel:baseURL`, say): ignoring it
 * would send the key to the default API. The message suggests the nearest known setting.
 */
export function checkConfigKeys(keys: readonly string[]): void {
  const unknown = keys.filter(
    (key) => key.startsWith("kernel:") && !KERNEL_CONFIG_KEYS.includes(key),
  );
  if (unknown.length === 0) return;
  const described = unknown.map((key) => {
    const near = nearestName(key, KERNEL_CONFIG_KEYS);
    return near ? `${key} (did you mean ${near}?)` : key;
  });
  throw new KernelConfigError(
    `Unknown Kernel setting${unknown.length > 1 ? "s" : ""} ${described.join(", ")}: nothing ` +
      `was sent. The settings are ${KERNEL_CONFIG_KEYS.join(", ")}; remove or rename the key ` +
      `with \`pulumi config rm\` and \`pulumi config set\`.`,
  );
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
  /** Env `KERNEL_PROJECT`: only a default for creating; it never causes a diff (docs/behaviour.md). */
  defaultProject?: string;
  /**
   * Env `KERNEL_PROJECT_ID` (the Terraform provider's variable): a project id, a default for
   * creating like `KERNEL_PROJECT`, which wins when both are set.
   */
  defaultProjectId?: string;
}

export function resolveSettings(
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv = process.env,
): KernelSettings {
  checkConfigKeys(configKeys(config));
  const raw: RawSettings = [
    safeGet(config, "kernel:apiKey"),
    safeGet(config, "kernel:baseUrl"),
    safeGet(config, "kernel:requestTimeoutMs"),
    safeGet(config, "kernel:operationTimeoutSeconds"),
    safeGet(config, "kernel:project"),
    env.KERNEL_API_KEY,
    env.KERNEL_BASE_URL,
    env.KERNEL_REQUEST_TIMEOUT_MS,
    env.KERNEL_OPERATION_TIMEOUT_SECONDS,
    env.KERNEL_PROJECT,
    env.KERNEL_PROJECT_ID,
  ];
  // Every provider call reads its settings, and they almost never change: the last texts read
  // and what they gave are kept (validating a URL and a key is most of a call's cost here).
  // A copy goes out, so no caller can change what the next one gets.
  if (lastSettings && raw.every((value, i) => value === lastSettings!.raw[i])) {
    return { ...lastSettings.settings };
  }
  const settings = settingsFrom(raw);
  lastSettings = { raw, settings };
  return { ...settings };
}

/** What resolveSettings reads: config apiKey, baseUrl, timeouts, project, then the env's. */
type RawSettings = [
  configKey: string | undefined,
  configBaseUrl: string | undefined,
  configTimeout: string | undefined,
  configOperationTimeout: string | undefined,
  configProject: string | undefined,
  envKey: string | undefined,
  envBaseUrl: string | undefined,
  envTimeout: string | undefined,
  envOperationTimeout: string | undefined,
  envProject: string | undefined,
  envProjectId: string | undefined,
];

let lastSettings: { raw: RawSettings; settings: KernelSettings } | undefined;

function settingsFrom([
  rawConfigKey,
  configBaseUrl,
  configTimeout,
  configOperationTimeout,
  configProject,
  envKey,
  envBaseUrl,
  envTimeout,
  envOperationTimeout,
  envProject,
  envProjectId,
]: RawSettings): KernelSettings {
  const configKey = nonEmpty(rawConfigKey?.trim());
  const apiKey =
    configKey !== undefined
      ? normalizeApiKey(configKey, "kernel:apiKey")
      : normalizeApiKey(envKey, "KERNEL_API_KEY");
  const baseUrl = nonEmpty(configBaseUrl) ?? nonEmpty(envBaseUrl) ?? DEFAULT_BASE_URL;
  const timeout = nonEmpty(configTimeout) ?? nonEmpty(envTimeout);
  const operationTimeout = nonEmpty(configOperationTimeout) ?? nonEmpty(envOperationTimeout);
  const project = nonEmpty(configProject?.trim());
  const defaultProject = nonEmpty(envProject?.trim());
  const defaultProjectId = nonEmpty(envProjectId?.trim());
  const settings: KernelSettings = { apiKey, baseUrl: validateBaseUrl(baseUrl) };
  if (timeout !== undefined) settings.requestTimeoutMs = positiveInteger(timeout);
  if (operationTimeout !== undefined) {
    settings.operationTimeoutMs = positiveSeconds(operationTimeout) * 1000;
  }
  if (project !== undefined) settings.project = project;
  if (defaultProject !== undefined) settings.defaultProject = defaultProject;
  if (defaultProjectId !== undefined) settings.defaultProjectId = defaultProjectId;
  return settings;
}

/** The shortest key accepted; see `normalizeApiKey`. */
export const MIN_API_KEY_LENGTH = 16;

/** RFC 6750's b64token: the characters a bearer token may have. */
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The key rule, applied at configure and by the client:
 * - surrounding whitespace and line breaks (a pasted key, a file read with its newline) are
 *   trimmed;
 * - a key with a control character inside (`\r\n`) is refused: undici would refuse the header
 *   on every request;
 * - a key must be one bearer token (letters, digits, `-._~+/`, then `=` padding): anything else
 *   cannot travel in the Authorization header as is;
 * - a key shorter than 16 characters is refused. Kernel's keys are much longer; a short key may
 *   be an ordinary word (`auth`), and redacting every occurrence of it would mangle messages
 *   while not redacting it would leak it.
 * Messages name where the key came from, never the key.
 */
export function normalizeApiKey(raw: string | undefined, source: string): string | undefined {
  const key = raw?.trim();
  if (key === undefined || key === "") return undefined;
  if (CONTROL.test(key)) {
    throw new KernelConfigError(
      `${source} contains a control character (a line break pasted into it?); set the key ` +
        `again without it (the key is not shown here).`,
    );
  }
  if (!BEARER_TOKEN.test(key)) {
    throw new KernelConfigError(
      `${source} is not a single token (letters, digits and - . _ ~ + / only, no spaces); ` +
        `check that the whole key, and only the key, was set (the key is not shown here).`,
    );
  }
  if (key.length < MIN_API_KEY_LENGTH) {
    throw new KernelConfigError(
      `${source} is shorter than ${MIN_API_KEY_LENGTH} characters, so it cannot be a Kernel ` +
        `API key; a key that short could not be kept out of messages reliably. Set the full ` +
        `key (for the emulator, any key of ${MIN_API_KEY_LENGTH}+ characters, e.g. ` +
        `sk_emulator_dev_key).`,
    );
  }
  return key;
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
        `(plain http is allowed only for 127.0.0.0/8, [::1] and exactly localhost, e.g. the emulator on 127.0.0.1)`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new KernelConfigError("kernel:baseUrl must not carry credentials, a query or a fragment");
  }
  return url.href.replace(/\/+$/, "");
}

/**
 * Plain http is allowed only where the key cannot leave the machine: a literal 127.0.0.0/8
 * address, [::1], or exactly `localhost` (`evil.localhost` is a name like any other and may
 * resolve anywhere).
 */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === "localhost" || host === "[::1]" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host)
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
