/**
 * The emulator's apps (`GET /apps`): a list of app versions, each run by one deployment of the
 * same project. Read-only through the API (a deployment makes them), seeded through the
 * controls. `(app_name, version)` is unique in a project. One store holds one project's app
 * versions. No HTTP here.
 */
import { z } from "zod";
import { type StoreResult, notFound, ok } from "../../answers";
import {
  type StoredObject,
  type TableOptions,
  TableStore,
  assignDrift,
  conflict,
  invalidField,
  matchesQuery,
} from "../objectTable";
import { DEFAULT_REGION, redactedValues } from "../deployments/store";

/** An action an app version offers (AppAction in the Python SDK 0.131). */
const actionSchema = z.strictObject({
  name: z.string().min(1),
  input_schema: z.record(z.string(), z.unknown()).optional(),
  output_schema: z.record(z.string(), z.unknown()).optional(),
});

/** What a seed sets: the app, its version label, the deployment that runs it. */
export const appSeedSchema = z.strictObject({
  app_name: z.string().min(1),
  version: z.string().min(1),
  deployment: z.string().min(1),
  region: z.string().min(1).optional(),
  actions: z.array(actionSchema).optional(),
  /** The deployment's when absent. */
  env_vars: z.record(z.string(), z.string()).optional(),
});

export type AppSeed = z.infer<typeof appSeedSchema>;

export interface StoredApp extends StoredObject {
  app_name: string;
  version: string;
  deployment: string;
  region: string;
  actions: z.infer<typeof actionSchema>[];
  env_vars: Record<string, string>;
}

/** The API's AppListResponse. */
export interface AppView {
  id: string;
  app_name: string;
  version: string;
  deployment: string;
  region: string;
  actions: z.infer<typeof actionSchema>[];
  env_vars: Record<string, string>;
}

/** `GET /apps` filters. */
export interface AppFilter {
  app_name?: string;
  version?: string;
  query?: string;
}

export interface AppStoreOptions extends TableOptions {
  /** The env vars of a deployment of the same project; undefined when there is no such one. */
  deploymentEnv?: (deploymentId: string) => Record<string, string> | undefined;
}

export const APP_ID_PREFIX = "app";

export class AppStore extends TableStore<StoredApp> {
  private readonly deploymentEnv: (id: string) => Record<string, string> | undefined;

  constructor(options: AppStoreOptions = {}) {
    super(APP_ID_PREFIX, options);
    this.deploymentEnv = options.deploymentEnv ?? (() => undefined);
  }

  /** An app version made behind the API (a control); its deployment must exist. */
  seed(fields: unknown): StoreResult<AppView> {
    const parsed = appSeedSchema.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return invalidField(issue.path.join(".") || "seed", issue.message);
    }
    const seed = parsed.data;
    const deploymentEnv = this.deploymentEnv(seed.deployment);
    if (deploymentEnv === undefined) {
      return invalidField("deployment", `${seed.deployment} is no deployment of this project`);
    }
    const taken = this.table
      .all()
      .find((a) => a.app_name === seed.app_name && a.version === seed.version);
    if (taken) {
      return conflict(`app ${seed.app_name} already has version ${seed.version}`, taken.id);
    }
    const now = this.table.now();
    const row: StoredApp = {
      id: this.table.newId(),
      app_name: seed.app_name,
      version: seed.version,
      deployment: seed.deployment,
      region: seed.region ?? DEFAULT_REGION,
      actions: seed.actions ?? [],
      env_vars: seed.env_vars ?? { ...deploymentEnv },
      created_at: now,
      updated_at: now,
    };
    return ok(view(this.table.insert(row)));
  }

  get(id: string): StoreResult<AppView> {
    const row = this.table.byId(id);
    return row ? ok(view(row)) : notFound("app", id);
  }

  /** `?app_name=` and `?version=` (exact), `?query=` (app name substring in any case, or id). */
  matching(filter: AppFilter = {}): StoredApp[] {
    return this.table
      .all()
      .filter(
        (row) =>
          (filter.app_name === undefined || row.app_name === filter.app_name) &&
          (filter.version === undefined || row.version === filter.version) &&
          matchesQuery(filter.query, row.id, [row.app_name]),
      );
  }

  /** The app versions a deployment runs. */
  runBy(deploymentId: string): StoredApp[] {
    return this.table.all().filter((row) => row.deployment === deploymentId);
  }

  /** A change made outside the API: any stored field (`null` removes). */
  drift(id: string, changes: Record<string, unknown>): StoreResult<AppView> {
    const row = this.table.byId(id);
    if (!row) return notFound("app", id);
    assignDrift(row, changes, this.table.now());
    return ok(view(row));
  }
}

/** The API's answer for one app version: env var values empty, as API-key callers see them. */
export function view(row: StoredApp): AppView {
  return {
    id: row.id,
    app_name: row.app_name,
    version: row.version,
    deployment: row.deployment,
    region: row.region,
    actions: row.actions.map((a) => ({ ...a })),
    env_vars: redactedValues(row.env_vars),
  };
}
