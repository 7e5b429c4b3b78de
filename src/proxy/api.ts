/**
 * Wire types of `/proxies`, per `@onkernel/sdk@0.84.0` (and `ca_bundle` / `has_ca_bundle`, which
 * the newer API documents). Requests are TypeScript types; responses are parsed leniently with
 * zod: unknown fields are tolerated and absent optional ones are fine, so that newer API fields
 * never break a refresh.
 */
import { z } from "zod";
import type { ProxyProtocol, ProxyType, ResidentialOs } from "./types";

/** The API's per-type config in one shape; the secrets travel only in a POST. */
export interface ProxyConfigRequest {
  country?: string;
  asn?: string;
  city?: string;
  os?: ResidentialOs;
  state?: string;
  zip?: string;
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  ca_bundle?: string;
}

/** `POST /proxies`. */
export interface ProxyCreateRequest {
  type: ProxyType;
  name?: string;
  protocol?: ProxyProtocol;
  config?: ProxyConfigRequest;
  bypass_hosts?: string[];
}

/** `PATCH /proxies/{id}`: the name is the only field the API takes. */
export interface ProxyUpdateRequest {
  name?: string;
}

const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

export const proxyConfigResponseSchema = z.looseObject({
  country: optional(z.string()),
  asn: optional(z.string()),
  city: optional(z.string()),
  os: optional(z.string()),
  state: optional(z.string()),
  zip: optional(z.string()),
  host: optional(z.string()),
  port: optional(z.number()),
  username: optional(z.string()),
  has_password: optional(z.boolean()),
  has_ca_bundle: optional(z.boolean()),
});

/** A proxy as GET, POST and PATCH return it. `type` stays a string: a new type must not fail a read. */
export const proxyResponseSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  name: optional(z.string()),
  protocol: optional(z.string()),
  config: optional(proxyConfigResponseSchema),
  bypass_hosts: optional(z.array(z.string())),
  ip_address: optional(z.string()),
  last_checked: optional(z.string()),
  status: optional(z.string()),
});

export type ProxyResponse = z.infer<typeof proxyResponseSchema>;

export function parseProxy(json: unknown): ProxyResponse {
  return proxyResponseSchema.parse(json);
}
