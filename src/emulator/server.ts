/**
 * `startEmulator`: the Kernel API emulator assembled from the HTTP core (core.ts), the controls
 * (controls.ts) and one route module per resource (resources/*). Add a resource to `modules`.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { controlHandler, CONTROL_ROUTES } from "./controls";
import {
  CONTROL_PREFIX,
  createCoreServer,
  makeLimiter,
  type RequestLogEntry,
  type RouteModule,
  StoreRegistry,
} from "./core";
import { FaultPlan } from "./faults";
import { apps } from "./resources/apps/module";
import { DEFAULT_PROJECT, type Project, Projects } from "./projects";
import { authConnections } from "./resources/authConnections/module";
import type { ConnectionStore } from "./resources/authConnections/store";
import { browserPools } from "./resources/browserPools/module";
import { credentialProviders } from "./resources/credentialProviders/module";
import { credentials } from "./resources/credentials/module";
import { deployments } from "./resources/deployments/module";
import { extensions } from "./resources/extensions/module";
import { authContextModule, orgLimitsModule } from "./resources/org/module";
import { profiles } from "./resources/profiles/module";
import { projectsModule } from "./resources/projects/module";
import { proxiesModule } from "./resources/proxies/module";
import { telemetryDestinationsModule } from "./resources/telemetryDestinations/module";
import type { DestinationSelection } from "./resources/telemetryDestinations/store";
import {
  applySettings,
  DEFAULT_PLAN,
  parseLatency,
  parseMaxAuthConnections,
  parsePlan,
  parsePlanMinimum,
  parseRateLimit,
  type Settings,
} from "./settings";
import { openApiDocument } from "./openapi";
import {
  type Emulator,
  type EmulatorOptions,
  NotFoundError,
  SeedError,
  type StartOptions,
} from "./types";

export { CONTROL_PREFIX };
export type { RequestLogEntry };
export type { Emulator, EmulatorOptions, StartOptions };

export async function startEmulator(options: StartOptions = {}): Promise<Emulator> {
  // Compile the request validators now (once per process, about half a second), not inside
  // the first request, where a client's short timeout would read it as a slow server.
  openApiDocument();
  const now = options.now ?? (() => new Date());
  const projects = new Projects(DEFAULT_PROJECT, options.projects ?? []);
  const seeds = options.proxies ?? [];
  for (const p of seeds) {
    if (p.project !== undefined && !projects.find(p.project)) {
      throw new Error(`proxy ${p.id} is seeded into unknown project ${p.project}`);
    }
  }
  let settings: Settings = {
    plan:
      options.plan !== undefined
        ? parsePlan(options.plan)
        : options.planMinimum !== undefined
          ? parsePlanMinimum(options.planMinimum)
          : parsePlan(DEFAULT_PLAN),
    rateLimit: parseRateLimit(options.rateLimit, options.rateBurst),
    latencyMs: parseLatency(options.latencyMs ?? 0),
  };
  const maxAuthConnections = parseMaxAuthConnections(options.maxAuthConnections);
  if (maxAuthConnections !== undefined) settings.maxAuthConnections = maxAuthConnections;
  let limiter = makeLimiter(settings.rateLimit);
  const setSettings = (next: Settings) => {
    if (next.rateLimit !== settings.rateLimit) limiter = makeLimiter(next.rateLimit);
    settings = next;
    return settings;
  };

  const modules: RouteModule[] = [
    authConnections,
    proxiesModule((project) =>
      seeds.filter((p) => projects.find(p.project ?? DEFAULT_PROJECT.id)?.id === project?.id),
    ),
    credentials,
    credentialProviders,
    profiles,
    apps,
    deployments,
    extensions,
    projectsModule({ projects, objectsIn: (project) => objectsIn(project) }),
    telemetryDestinationsModule(() => destinationSelections()),
    browserPools,
  ];
  /** How many objects a project holds, over every project-scoped resource (a delete's check). */
  const objectsIn = (project: Project): number =>
    modules
      .filter((module) => module.scope === "project")
      .reduce((n, module) => n + module.objects(registry.store(module, project)).length, 0);
  /** The OTLP destination each auth connection selects, in every project. */
  const destinationSelections = (): DestinationSelection[] =>
    registry.storesOf(authConnections, projects.all()).flatMap(({ store }) =>
      (store as ConnectionStore).all().flatMap((c) => {
        const destination = c.browser.telemetry?.destination;
        return destination ? [{ connection: c.id, destination }] : [];
      }),
    );
  /** Counts a module's objects in every project (made on first use, so counting is cheap). */
  const countInOrg = (name: string): number => {
    const module = registry.module(name);
    if (!module) return 0;
    return registry
      .storesOf(module, projects.all())
      .reduce((n, s) => n + module.objects(s.store).length, 0);
  };
  // Answers about the org and the key, not resources: the controls do not list them.
  const infoModules: RouteModule[] = [
    authContextModule,
    orgLimitsModule({
      settings: () => settings,
      authConnectionsUsed: () => countInOrg(authConnections.name),
    }),
  ];
  const registry = new StoreRegistry([...modules, ...infoModules], (project) => ({
    project,
    settings: () => settings,
    now,
    newId: (prefix) => `${prefix}_${randomBytes(9).toString("base64url").toLowerCase()}`,
    countInOrg,
  }));
  const faults = new FaultPlan();
  const log: RequestLogEntry[] = [];

  const moduleNamed = (name: string) => {
    const module = registry.module(name);
    if (!module) throw new NotFoundError(`no resource ${name}`);
    return module;
  };
  const everyStore = (name?: string) =>
    (name ? [moduleNamed(name)] : modules).flatMap((module) =>
      registry.storesOf(module, projects.all()).map((s) => ({ module, ...s })),
    );

  const api: Omit<Emulator, "url" | "close"> = {
    storeOf<S>(module: string, project?: string) {
      const p = project === undefined ? projects.all()[0] : projects.find(project);
      if (!p) throw new NotFoundError(`no project ${project}`);
      return registry.store(moduleNamed(module), p) as S;
    },
    projects: () => projects.all(),
    addProject: (project) => projects.add(project),
    requests: () => log.map((e) => ({ ...e })),
    clearRequests: () => void log.splice(0),
    drift(id, changes, module) {
      for (const s of everyStore(module)) {
        const result = s.module.drift(s.store, id, changes);
        if (result.ok) return result.value;
      }
      throw new NotFoundError(`no object ${id}${module ? ` in ${module}` : ""}`);
    },
    seed(name, fields, project) {
      const module = moduleNamed(name);
      if (!module.seed) throw new NotFoundError(`${name} are made through the API, not seeded`);
      const p = project === undefined ? projects.all()[0] : projects.find(project);
      if (!p) throw new NotFoundError(`no project ${project}`);
      const result = module.seed(registry.store(module, p), fields);
      if (!result.ok) throw new SeedError(result.status, result.error);
      return result.value;
    },
    deleteObject(id, module) {
      if (!everyStore(module).some((s) => s.module.remove(s.store, id))) {
        throw new NotFoundError(`no object ${id}${module ? ` in ${module}` : ""}`);
      }
    },
    objects: (module) => everyStore(module).flatMap((s) => s.module.objects(s.store)),
    injectFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    settings: () => ({ ...settings }),
    updateSettings: (changes) => setSettings(applySettings(settings, changes)),
    setRateLimit: (limit, burst) =>
      void setSettings({ ...settings, rateLimit: parseRateLimit(limit, burst) }),
    setLatency: (ms) => void setSettings({ ...settings, latencyMs: parseLatency(ms) }),
    setPlan: (plan) => void setSettings({ ...settings, plan: parsePlan(plan) }),
    reset() {
      registry.clear();
      projects.reset();
      faults.clear();
      log.splice(0);
    },
  };

  const resourceNames = () => modules.map((m) => m.controlName);
  const server = createCoreServer({
    apiKey: options.apiKey,
    projects,
    registry,
    faults,
    settings: () => settings,
    limiter: () => limiter,
    log,
    logLimit: options.logLimit,
    control: controlHandler(api, resourceNames),
    index: () => ({
      name: "Kernel API emulator (pulumi-kernel)",
      auth:
        options.apiKey === undefined
          ? "Authorization: Bearer <any token>"
          : "Authorization: Bearer <the emulator's API key>",
      projectHeader: "X-Kernel-Project: <project id or exact name> (default project when absent)",
      projects: projects.all(),
      routes: [...modules, ...infoModules].flatMap((m) => m.routes),
      controls: CONTROL_ROUTES,
    }),
    print: options.print,
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = reachableHost(address);
  return Object.defineProperties(api, {
    url: { value: `http://${host}:${address.port}`, enumerable: true },
    close: {
      value: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
      enumerable: true,
    },
  }) as Emulator;
}

/**
 * The host of the emulator's URL: the address it listens on, except that an unspecified one
 * (`0.0.0.0`, `::`, every interface) is named by loopback, which reaches it and which the
 * provider's base URL accepts over plain http.
 */
export function reachableHost(address: Pick<AddressInfo, "address" | "family">): string {
  if (address.address === "0.0.0.0") return "127.0.0.1";
  if (address.address === "::") return "[::1]";
  return address.family === "IPv6" ? `[${address.address}]` : address.address;
}
