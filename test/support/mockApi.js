"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TEST_KEY = exports.BASE_URL = void 0;
exports.mockApi = mockApi;
exports.managedAuth = managedAuth;
/**
 * undici's MockAgent as a scripted Kernel API: every request is recorded (method, path, body,
 * headers) and answered by a handler, so tests assert the exact requests sent.
 */
const undici_1 = require("undici");
exports.BASE_URL = "https://api.onkernel.com";
exports.TEST_KEY = "sk_test_do_not_leak_4f1d9c";
function mockApi(handler) {
  const agent = new undici_1.MockAgent();
  agent.disableNetConnect();
  const requests = [];
  agent
    .get(exports.BASE_URL)
    .intercept({ path: () => true, method: () => true })
    .reply((opts) => {
      const headers = Object.fromEntries(
        Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
      );
      const req = {
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
function managedAuth(overrides = {}) {
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
//# sourceMappingURL=mockApi.js.map
