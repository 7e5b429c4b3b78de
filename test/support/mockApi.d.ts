/**
 * undici's MockAgent as a scripted Kernel API: every request is recorded (method, path, body,
 * headers) and answered by a handler, so tests assert the exact requests sent.
 */
import { MockAgent } from "undici";
export declare const BASE_URL = "https://api.onkernel.com";
export declare const TEST_KEY = "sk_test_do_not_leak_4f1d9c";
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
export declare function mockApi(handler: (req: RecordedRequest) => Reply): {
  agent: MockAgent<MockAgent.Options>;
  requests: RecordedRequest[];
  calls: () => {
    body?: {} | null | undefined;
    method: string;
    path: string;
  }[];
};
export declare function managedAuth(overrides?: Record<string, unknown>): {
  id: string;
  profile_name: string;
  domain: string;
  status: string;
  save_credentials: boolean;
  health_check_interval: number;
  login_url: string;
  credential: {
    name: string;
  };
  allowed_domains: string[];
  proxy_id: string;
  can_reauth: boolean;
  can_reauth_reason: string;
  last_auth_check_at: string;
  flow_status: null;
  record_session: boolean;
  auto_reauth: boolean;
};
