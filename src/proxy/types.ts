/**
 * The Proxy resource's shapes: the inputs after check (camelCase, normalised) and the state the
 * provider keeps (those inputs as they are live, plus what the API reports).
 */
export const PROXY_TYPES = ["datacenter", "isp", "residential", "mobile", "custom"] as const;
export type ProxyType = (typeof PROXY_TYPES)[number];

export const PROXY_PROTOCOLS = ["http", "https"] as const;
export type ProxyProtocol = (typeof PROXY_PROTOCOLS)[number];

export const RESIDENTIAL_OS = ["windows", "macos", "android"] as const;
export type ResidentialOs = (typeof RESIDENTIAL_OS)[number];

/** Every `config` key, whatever the type; which ones a type takes is in CONFIG_KEYS. */
export interface ProxyConfig {
  country?: string;
  asn?: string;
  city?: string;
  os?: ResidentialOs;
  state?: string;
  zip?: string;
  host?: string;
  port?: number;
  username?: string;
}

export type ProxyConfigKey = keyof ProxyConfig;

/** The `config` keys each type accepts (the API's per-type config objects, secrets left out). */
export const CONFIG_KEYS: Record<ProxyType, readonly ProxyConfigKey[]> = {
  datacenter: ["country"],
  isp: ["country"],
  residential: ["asn", "city", "country", "os", "state", "zip"],
  mobile: ["city", "country", "state"],
  custom: ["host", "port", "username"],
};

export const ALL_CONFIG_KEYS: readonly ProxyConfigKey[] = [
  ...new Set(Object.values(CONFIG_KEYS).flat()),
];

/** Inputs after check. `password` and `caBundle` exist only for type `custom`. */
export interface ProxyInputs {
  type: ProxyType;
  name?: string;
  protocol?: ProxyProtocol;
  config?: ProxyConfig;
  /** Secret. Sent as `config.password`; never returned by the API. */
  password?: string;
  /** Secret. Sent as `config.ca_bundle`; never returned by the API. */
  caBundle?: string;
  bypassHosts?: string[];
}

/** What the API reports and no program sets: never a difference. */
export interface ProxyRuntimeOutputs {
  /** Custom proxies: whether the API holds a password / a CA bundle. */
  hasPassword?: boolean;
  hasCaBundle?: boolean;
  /** `available` or `unavailable`, as the API reports it. */
  status?: string;
  ipAddress?: string;
  lastChecked?: string;
  /**
   * The server-owned inputs the program set (`name`, `protocol`, `config.<key>`), recorded so
   * that a refresh reports only those as live inputs: one the program leaves unset must not look
   * removed in the next preview. Absent in a state from `get`: then every field is reported.
   */
  serverOwnedInputs?: string[];
}

export type ProxyOutputs = ProxyInputs & ProxyRuntimeOutputs;

/** The one updatable field. */
export const UPDATABLE_FIELDS = ["name"] as const;
export type UpdatableField = (typeof UPDATABLE_FIELDS)[number];

/** Secret inputs, marked as secret outputs whatever the program passed. */
export const SECRET_OUTPUTS = ["password", "caBundle"] as const;
