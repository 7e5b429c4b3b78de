/**
 * Wire types of `/browser_pools`, per the Python SDK `kernel` 0.131.0. Answers are parsed
 * leniently: unknown fields (and values this version does not know, a new region or memory
 * size) are tolerated, so newer API fields never break a refresh.
 */
import { z } from "zod";

export interface WireRef {
  id?: string;
  name?: string;
}

export interface WireNetwork {
  allowed_hosts?: string[];
  private_hosts?: string[];
  proxy_routes?: { hosts: string[]; proxy: WireRef }[];
}

/** `telemetry` as the provider sends it: capture on with its export and storage, or off. */
export interface WireTelemetry {
  enabled: boolean;
  export?: { otlp: { destination?: WireRef; enabled?: boolean } };
  storage?: { enabled: boolean };
}

export interface WireViewport {
  width: number;
  height: number;
  refresh_rate?: number;
}

/** What a PATCH may carry; only the fields sent change. */
export interface BrowserPoolUpdateRequest {
  size?: number;
  name?: string;
  profile?: WireRef;
  extensions?: WireRef[];
  proxy_id?: string;
  start_url?: string;
  chrome_policy?: Record<string, unknown>;
  network?: WireNetwork;
  telemetry?: WireTelemetry;
  viewport?: WireViewport;
  headless?: boolean;
  stealth?: boolean;
  kiosk_mode?: boolean;
  timeout_seconds?: number;
  fill_rate_per_minute?: number;
  memory?: string;
  refresh_on_profile_update?: boolean;
  /** An action: rebuild the idle browsers now. Never kept by the API. */
  discard_all_idle?: boolean;
}

/** The update fields plus `region`, which only a create sets; `size` is required. */
export interface BrowserPoolCreateRequest extends Omit<
  BrowserPoolUpdateRequest,
  "discard_all_idle"
> {
  size: number;
  region?: string;
}

const ref = z.looseObject({ id: z.string().nullish(), name: z.string().nullish() });

const configSchema = z.looseObject({
  size: z.number(),
  name: z.string().nullish(),
  chrome_policy: z.record(z.string(), z.unknown()).nullish(),
  extensions: z.array(ref).nullish(),
  fill_rate_per_minute: z.number().nullish(),
  headless: z.boolean().nullish(),
  kiosk_mode: z.boolean().nullish(),
  memory: z.string().nullish(),
  network: z
    .looseObject({
      allowed_hosts: z.array(z.string()).nullish(),
      private_hosts: z.array(z.string()).nullish(),
      proxy_routes: z.array(z.looseObject({ hosts: z.array(z.string()), proxy: ref })).nullish(),
    })
    .nullish(),
  profile: ref.nullish(),
  proxy_id: z.string().nullish(),
  refresh_on_profile_update: z.boolean().nullish(),
  start_url: z.string().nullish(),
  stealth: z.boolean().nullish(),
  telemetry: z
    .looseObject({
      export: z
        .looseObject({
          otlp: z
            .looseObject({ destination: z.string().nullish(), enabled: z.boolean().nullish() })
            .nullish(),
        })
        .nullish(),
      storage: z.looseObject({ enabled: z.boolean().nullish() }).nullish(),
    })
    .nullish(),
  timeout_seconds: z.number().nullish(),
  viewport: z
    .looseObject({ width: z.number(), height: z.number(), refresh_rate: z.number().nullish() })
    .nullish(),
});

export const browserPoolResponseSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  created_at: z.string().nullish(),
  region: z.string().nullish(),
  acquired_count: z.number().nullish(),
  available_count: z.number().nullish(),
  browser_pool_config: configSchema,
  extension_ids: z.array(z.string()).nullish(),
  profile_id: z.string().nullish(),
});

export type BrowserPoolResponse = z.infer<typeof browserPoolResponseSchema>;
export type BrowserPoolConfigResponse = BrowserPoolResponse["browser_pool_config"];

export function parseBrowserPool(json: unknown): BrowserPoolResponse {
  return browserPoolResponseSchema.parse(json);
}
