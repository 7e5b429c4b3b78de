/**
 * undici's MockAgent as a scripted Kernel API: every request is recorded (method, path, body,
 * headers) and answered by a handler, so tests assert the exact requests sent.
 */
import { MockAgent } from "undici";

export const BASE_URL = "https://api.onkernel.com";
export const TEST_KEY = "sk_test_do_not_leak_4f1d9c";

export interface RecordedRequest {
  method: string;
  path: string;
  body?: unknown;
  headers: Record<string, string>;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function mockApi(handler: (req: RecordedRequest) => Reply) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const requests: RecordedRequest[] = [];
  agent
    .get(BASE_URL)
    .intercept({ path: () => true, method: () => true })
    .reply((opts) => {
      const headers = Object.fromEntries(
        Object.entries((opts.headers ?? {}) as Record<string, string>).map(([k, v]) => [
          k.toLowerCase(),
          String(v),
        ]),
      );
      const req: RecordedRequest = {
        method: opts.method,
        path: opts.path,
        body: typeof opts.body === "string" && opts.body ? JSON.parse(opts.body) : undefined,
        headers,
      };
      requests.push(req);
      const reply = handler(req);
      return {
        statusCode: reply.status,
        data:
          reply.body === undefined
            ? ""
            : typeof reply.body === "string"
              ? reply.body
              : JSON.stringify(reply.body),
        responseOptions: { headers: { "content-type": "application/json", ...reply.headers } },
      };
    })
    .persist();
  /** The requests as `METHOD path` lines with bodies, the way the README lists them. */
  const calls = () =>
    requests.map((r) => ({
      method: r.method,
      path: r.path,
      ...(r.body === undefined ? {} : { body: r.body }),
    }));
  return { agent, requests, calls };
}

export function managedAuth(overrides: Record<string, unknown> = {}) {
  return {
    id: "ma_abc123",
    profile_name: "team-netflix",
    domain: "netflix.com",
    status: "NEEDS_AUTH",
    save_credentials: true,
    health_check_interval: 1800,
    login_url: "https://www.netflix.com/login",
    credential: { name: "netflix-creds" },
    allowed_domains: ["auth.netflix.com", "login.netflix.com"],
    proxy_id: "px_res",
    can_reauth: true,
    can_reauth_reason: "has_credential",
    last_auth_check_at: "2026-11-26T00:00:00Z",
    flow_status: null,
    record_session: false,
    auto_reauth: true,
    ...overrides,
  };
}
