/**
 * The emulator's deployments (`/deployments`): read-only through the API (the real API makes
 * them from an upload or a Git source, which the emulator does not run), seeded through the
 * controls. Addressed by id only. One store holds one project's deployments. No HTTP here.
 */
import { z } from "zod";
import { type StoreResult, fail, notFound, ok } from "../../answers";
import {
  type StoredObject,
  type TableOptions,
  TableStore,
  assignDrift,
  invalidField,
  matchesQuery,
} from "../objectTable";

export const DEPLOYMENT_STATUSES = [
  "queued",
  "in_progress",
  "running",
  "failed",
  "stopped",
] as const;

export const DEFAULT_REGION = "aws.us-east-1a";

/** What a seed may set (DeploymentRetrieveResponse in the Python SDK 0.131); all optional. */
export const deploymentSeedSchema = z.strictObject({
  status: z.enum(DEPLOYMENT_STATUSES).optional(),
  status_reason: z.string().optional(),
  region: z.string().min(1).optional(),
  entrypoint_rel_path: z.string().optional(),
  env_vars: z.record(z.string(), z.string()).optional(),
  source_type: z.enum(["file", "github"]).optional(),
  source_url: z.string().optional(),
  source_ref: z.string().optional(),
  source_path: z.string().optional(),
  source_checksum: z.string().optional(),
});

export type DeploymentSeed = z.infer<typeof deploymentSeedSchema>;

export interface StoredDeployment extends StoredObject, Omit<DeploymentSeed, "status" | "region"> {
  status: (typeof DEPLOYMENT_STATUSES)[number];
  region: string;
}

/** The API's deployment record. */
export type DeploymentView = Omit<StoredDeployment, "env_vars"> & {
  env_vars: Record<string, string>;
};

/** `GET /deployments` filters. */
export interface DeploymentFilter {
  app_name?: string;
  app_version?: string;
  query?: string;
}

export interface DeploymentStoreOptions extends TableOptions {
  /**
   * The app names (and versions) whose app versions a deployment runs: the list filters by
   * app, which a deployment record does not carry.
   */
  appsOf?: (deploymentId: string) => { app_name: string; version: string }[];
}

export const DEPLOYMENT_ID_PREFIX = "dep";

export class DeploymentStore extends TableStore<StoredDeployment> {
  private readonly appsOf: (deploymentId: string) => { app_name: string; version: string }[];

  constructor(options: DeploymentStoreOptions = {}) {
    super(DEPLOYMENT_ID_PREFIX, options);
    this.appsOf = options.appsOf ?? (() => []);
  }

  /** A deployment made behind the API (a control): defaults `running` in DEFAULT_REGION. */
  seed(fields: unknown): StoreResult<DeploymentView> {
    const parsed = deploymentSeedSchema.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return invalidField(issue.path.join(".") || "seed", issue.message);
    }
    const now = this.table.now();
    const row: StoredDeployment = {
      ...parsed.data,
      id: this.table.newId(),
      status: parsed.data.status ?? "running",
      region: parsed.data.region ?? DEFAULT_REGION,
      created_at: now,
      updated_at: now,
    };
    return ok(view(this.table.insert(row)));
  }

  get(id: string): StoreResult<DeploymentView> {
    const row = this.table.byId(id);
    return row ? ok(view(row)) : notFound("deployment", id);
  }

  /**
   * `?app_name=` and `?app_version=` (exact; the version needs the name), `?query=` (the exact
   * id, or an app name containing it in any letter case).
   */
  matching(filter: DeploymentFilter = {}): StoreResult<StoredDeployment[]> {
    if (filter.app_version !== undefined && filter.app_name === undefined) {
      return fail(400, "bad_request", "app_version requires app_name");
    }
    const rows = this.table.all().filter((row) => {
      const apps = this.appsOf(row.id);
      const byApp =
        filter.app_name === undefined ||
        apps.some(
          (a) =>
            a.app_name === filter.app_name &&
            (filter.app_version === undefined || a.version === filter.app_version),
        );
      return (
        byApp &&
        matchesQuery(
          filter.query,
          row.id,
          apps.map((a) => a.app_name),
        )
      );
    });
    return ok(rows);
  }

  /** A change made outside the API: any stored field (`null` removes). */
  drift(id: string, changes: Record<string, unknown>): StoreResult<DeploymentView> {
    const row = this.table.byId(id);
    if (!row) return notFound("deployment", id);
    assignDrift(row, changes, this.table.now());
    return ok(view(row));
  }
}

/**
 * The API's answer for one deployment. Env var values are answered empty, as the API answers
 * every API-key caller (only dashboard sessions see them).
 */
export function view(row: StoredDeployment): DeploymentView {
  return { ...row, env_vars: redactedValues(row.env_vars) };
}

export function redactedValues(vars: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.keys(vars ?? {}).map((key) => [key, ""]));
}
