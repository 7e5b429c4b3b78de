/**
 * Wire types of `/auth/connections`, per `@onkernel/sdk@0.84.0` and today's API (`browser`,
 * from the newest Python client). Request bodies are TS types; responses are zod schemas that
 * keep unknown fields (`looseObject`), so newer API fields never break a refresh. Nothing the
 * package root's declarations reach imports this module (zod stays out of users' types).
 */
import { z } from "zod";
import type { BrowserRegion } from "./types";

export const COLLECTION = "/auth/connections";

/** Exactly one of `{name}`, `{provider, path}`, `{provider, auto: true}`. */
export interface CredentialReference {
  name?: string;
  provider?: string;
  path?: string;
  auto?: boolean;
}

/** Exactly one of `{id}`, `{name}`, `{mode}`: `direct` is no proxy, `default` detaches one. */
export interface BrowserProxy {
  id?: string;
  name?: string;
  mode?: "direct" | "default";
}

/**
 * `browser.telemetry` as the provider sends it: capture on with an OTLP destination, or the
 * export stopped (`export.otlp.enabled: false`, which takes no destination).
 */
export interface BrowserTelemetry {
  enabled?: boolean;
  export: { otlp: { destination?: { id?: string; name?: string }; enabled?: boolean } };
}

/** Properties left out of a PATCH are unchanged. */
export interface BrowserSettings {
  proxy?: BrowserProxy;
  stealth?: boolean;
  telemetry?: BrowserTelemetry;
  /** Omitted on update: the region is kept. */
  region?: BrowserRegion;
}

/** What a PATCH may carry; only the fields sent change. */
export interface ManagedAuthUpdateRequest {
  login_url?: string;
  credential?: CredentialReference;
  allowed_domains?: string[];
  health_check_interval?: number;
  health_checks?: boolean;
  auto_reauth?: boolean;
  record_session?: boolean;
  save_credentials?: boolean;
  browser?: BrowserSettings;
}

/** The update fields plus the (profile_name, domain) key, which only a create sets. */
export interface ManagedAuthCreateRequest extends ManagedAuthUpdateRequest {
  profile_name: string;
  domain: string;
}

const credentialReferenceSchema = z.looseObject({
  name: z.string().nullish(),
  provider: z.string().nullish(),
  path: z.string().nullish(),
  auto: z.boolean().nullish(),
});

const browserProxySchema = z.looseObject({
  id: z.string().nullish(),
  name: z.string().nullish(),
  // Any string: a mode this version does not know is kept, not a parse failure.
  mode: z.string().nullish(),
});

/** The fields the provider reads; everything else passes through untouched. */
export const managedAuthSchema = z.looseObject({
  id: z.string(),
  profile_name: z.string(),
  domain: z.string(),
  status: z.string().nullish(),
  login_url: z.string().nullish(),
  credential: credentialReferenceSchema.nullish(),
  allowed_domains: z.array(z.string()).nullish(),
  health_check_interval: z.number().nullish(),
  health_checks: z.boolean().nullish(),
  auto_reauth: z.boolean().nullish(),
  record_session: z.boolean().nullish(),
  save_credentials: z.boolean().nullish(),
  /** Deprecated in favour of `browser.proxy`; read only when `browser.proxy` is absent. */
  proxy_id: z.string().nullish(),
  browser: z
    .looseObject({
      proxy: browserProxySchema.nullish(),
      stealth: z.boolean().nullish(),
      telemetry: z
        .looseObject({
          export: z
            .looseObject({
              otlp: z
                .looseObject({
                  enabled: z.boolean().nullish(),
                  destination: z
                    .looseObject({ id: z.string().nullish(), name: z.string().nullish() })
                    .nullish(),
                })
                .nullish(),
            })
            .nullish(),
        })
        .nullish(),
      // Open: a region this version does not know is kept and shown.
      region: z.string().nullish(),
    })
    .nullish(),
  can_reauth: z.boolean().nullish(),
  can_reauth_reason: z.string().nullish(),
  post_login_url: z.string().nullish(),
  last_auth_check_at: z.string().nullish(),
  flow_status: z.string().nullish(),
  health_check_unavailable_reason: z.string().nullish(),
});

export type ManagedAuth = z.infer<typeof managedAuthSchema>;

export function parseManagedAuth(json: unknown): ManagedAuth {
  const parsed = managedAuthSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
    );
  }
  return parsed.data;
}

/** An item of `GET /proxies`, as far as a proxy-by-name check needs it. */
export const proxyItemSchema = z.looseObject({
  id: z.string().nullish(),
  name: z.string().nullish(),
});

export type ProxyItem = z.infer<typeof proxyItemSchema>;

export function parseProxyItem(json: unknown): ProxyItem {
  const parsed = proxyItemSchema.safeParse(json);
  if (!parsed.success) throw new Error("a proxy in the list is not an object");
  return parsed.data;
}

export const HEALTH_CHECK_INTERVAL_MIN = 300;
export const HEALTH_CHECK_INTERVAL_MAX = 86400;
