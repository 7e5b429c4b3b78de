/** What the lookups' unit tests share: a scripted API and the deps that point a lookup at it. */
import type { LookupDeps } from "../../src/lookups/core";
import { TEST_KEY, mockApi, type RecordedRequest, type Reply } from "./mockApi";

/** A config source over a plain map of `kernel:*` keys, listing them as the host's does. */
export function configOf(values: Record<string, string>) {
  return { rawConfig: values, get: (key: string) => values[key] };
}

/**
 * A scripted API and the deps of a lookup against it: the test key in the stack's config
 * (none in the env), no waits, no log.
 */
export function lookupApi(
  handler: (req: RecordedRequest) => Reply,
  config: Record<string, string> = {},
  env: NodeJS.ProcessEnv = {},
) {
  const api = mockApi(handler);
  const deps: LookupDeps = {
    config: configOf({ "kernel:apiKey": TEST_KEY, ...config }),
    env,
    client: { dispatcher: api.agent, sleep: async () => undefined, log: () => undefined },
  };
  /** `METHOD path` of each request sent. */
  const sent = () => api.requests.map((r) => `${r.method} ${r.path}`);
  return { ...api, deps, sent };
}

/** A page of a list as the API answers it: the items, and no further page. */
export function lastPage(items: unknown[]): Reply {
  return { status: 200, body: items, headers: { "x-has-more": "false", "x-next-offset": "0" } };
}

export const notFoundReply: Reply = {
  status: 404,
  body: { code: "not_found", message: "not found" },
};
