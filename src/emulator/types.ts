/**
 * What the emulator's server and its controls share: the Emulator object's shape, the options
 * that start one, and the error for a missing object. A module of its own, so that the server
 * (which builds the controls) and the controls (which drive the Emulator) do not import each
 * other.
 */
import type { RequestLogEntry } from "./core";
import type { FaultRule } from "./faults";
import type { Project } from "./projects";
import type { EmulatedProxy } from "./resources/proxies/store";
import type { RateLimitInput, Settings } from "./settings";

export interface StartOptions {
  /** A free port when absent. */
  port?: number;
  /** 127.0.0.1 by default. */
  host?: string;
  /** The one key accepted (API and controls); when absent any non-empty bearer token is. */
  apiKey?: string;
  /** Projects besides the default one (`proj_default` = `default`). */
  projects?: Project[];
  /** Proxies seeded into their `project` (id or name; the default project when absent). */
  proxies?: EmulatedProxy[];
  /** A plan by name (free, hobbyist, startup, enterprise) or its minimum interval in seconds. */
  plan?: string | number;
  /** Older form of `plan`: the minimum in seconds. */
  planMinimum?: number;
  /** The plan's `max_auth_connections` (org-wide); unlimited when absent or null. */
  maxAuthConnections?: number | null;
  /** Every API answer waits this long, like a real API across a network. */
  latencyMs?: number;
  /** Requests per second (or `{ratePerSecond, burst}`); none when absent or null. */
  rateLimit?: RateLimitInput | null;
  /** Requests allowed at once under `rateLimit`; 1 by default. */
  rateBurst?: number;
  /** Requests the log keeps, the oldest dropped first (default MAX_LOG_ENTRIES). */
  logLimit?: number;
  /** Receives one line per API request, secrets masked (the CLI's `--log`). */
  print?: (line: string) => void;
  now?: () => Date;
}

/** The options of `startEmulator`, under the name the package has exported since 0.1. */
export type EmulatorOptions = StartOptions;

export interface Emulator {
  readonly url: string;
  close(): Promise<void>;
  /** A module's store ("authConnections", "proxies", ...) in a project (id or name; default). */
  storeOf<S>(module: string, project?: string): S;
  projects(): Project[];
  addProject(project: Project): Project;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  /**
   * A change made behind the provider's back, as in the Kernel dashboard, to the object with
   * this id in any project (of `module` when given); returns the object as the API shows it.
   */
  drift(id: string, changes: Record<string, unknown>, module?: string): Record<string, unknown>;
  /**
   * Makes an object of a read-only resource ("apps", "deployments") in a project (id or name;
   * the default when absent), as the API would show it; throws on fields the store refuses.
   */
  seed(module: string, fields: Record<string, unknown>, project?: string): Record<string, unknown>;
  /** Deletes an object behind the provider's back (any project; of `module` when given). */
  deleteObject(id: string, module?: string): void;
  /** Every object of a module (name or control name), all projects, as the API shows them. */
  objects(module: string): Record<string, unknown>[];
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  settings(): Settings;
  /** Applies a settings control body; throws (changing nothing) on a bad value. */
  updateSettings(changes: unknown): Settings;
  setRateLimit(limit?: RateLimitInput | null, burst?: number): void;
  setLatency(ms: number): void;
  setPlan(plan: string | number): void;
  /**
   * Drops every object, the request log, the faults and the projects the API made; the seeded
   * projects (with their seeded names), the seeds and the settings stay.
   */
  reset(): void;
}

/** No such object for a control (drift, delete). */
export class NotFoundError extends Error {}

/** A seed the store refused: the API error it would answer, for the control to answer. */
export class SeedError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code: string; message: string; details?: unknown[] },
  ) {
    super(body.message);
  }
}
