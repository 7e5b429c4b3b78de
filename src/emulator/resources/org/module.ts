/**
 * `GET /org/limits` and `GET /auth/context`: what a key and a project header reach, and what
 * the plan allows (Python SDK 0.131's `OrgLimits` and `AuthContext`). Read-only answers made
 * from the emulator's settings and stores; they hold no objects, so the controls do not list
 * them as resources.
 */
import { fail } from "../../answers";
import type { RouteModule } from "../../core";
import type { Project } from "../../projects";
import type { Settings } from "../../settings";

/** The emulated organisation's id; one org per emulator. */
export const EMULATED_ORG_ID = "org_emulator";
/** The id `/auth/context` gives the emulator's one API key. */
export const EMULATED_KEY_ID = "key_emulator";

/** What the answers are made of, read on each request. */
export interface OrgView {
  settings(): Settings;
  /** Managed auth connections in every project of the org. */
  authConnectionsUsed(): number;
}

/** `OrgLimits`: the plan's limits and the org-wide usage they are counted against. */
export function orgLimits(view: OrgView): Record<string, unknown> {
  const settings = view.settings();
  return {
    min_health_check_interval_seconds: settings.plan.minimum,
    max_auth_connections: settings.maxAuthConnections ?? null,
    auth_connections_used: view.authConnectionsUsed(),
    max_vaults: null,
    vaults_used: 0,
    max_concurrent_sessions: null,
    concurrent_sessions_used: null,
    concurrent_sessions_available: null,
    default_project_max_concurrent_sessions: null,
  };
}

/**
 * `AuthContext` for a request: the key's scope is the whole org; the effective scope is the
 * project the request's header named, or the default project without one.
 */
export function authContext(project: Project): Record<string, unknown> {
  return {
    authentication: { method: "api_key", source: "api_key", credential_id: EMULATED_KEY_ID },
    authorization: {
      credential_scope: { project_id: null },
      effective_scope: { project_id: project.id },
    },
    organization: { id: EMULATED_ORG_ID },
    principal: { id: EMULATED_KEY_ID, type: "api_key" },
  };
}

const readOnly = {
  objects: () => [],
  drift: () => fail(404, "not_found", "nothing to drift here"),
  remove: () => false,
};

export function orgLimitsModule(view: OrgView): RouteModule<OrgView> {
  return {
    name: "orgLimits",
    controlName: "org-limits",
    prefix: ["org", "limits"],
    scope: "org",
    routes: ["GET /org/limits"],
    createStore: () => view,
    handle: (req, store) =>
      req.method === "GET" && req.rest.length === 0
        ? { status: 200, body: orgLimits(store) }
        : undefined,
    ...readOnly,
  };
}

export const authContextModule: RouteModule<undefined> = {
  name: "authContext",
  controlName: "auth-context",
  prefix: ["auth", "context"],
  scope: "project",
  routes: ["GET /auth/context"],
  createStore: () => undefined,
  handle: (req) =>
    req.method === "GET" && req.rest.length === 0 && req.project
      ? { status: 200, body: authContext(req.project) }
      : undefined,
  ...readOnly,
};
