/** The README example, in the program's form and in the API's, shared by the tests. */
import { providerText } from "../../src/dynamic/providerText";

/** The example's arguments as a program writes them (un-normalised, as check receives them). */
export const EXAMPLE_ARGS = {
  profileName: "team-netflix",
  domain: "netflix.com",
  loginUrl: "https://www.netflix.com/login",
  credential: { name: "netflix-creds" },
  allowedDomains: ["login.netflix.com", "auth.netflix.com"],
  healthCheckInterval: 1800,
  saveCredentials: true,
  proxy: { name: "residential" },
};

/**
 * What examples/netflix.ts registers for its AuthConnection, as the engine receives it: its
 * arguments and the `__provider` text. The host suites start from it without running the
 * program (which loads the Pulumi SDK); exampleProgram.test.ts runs the program and holds it to
 * this.
 */
export const EXAMPLE_INPUTS: Record<string, unknown> = {
  __provider: providerText(),
  ...EXAMPLE_ARGS,
};

/** The one POST the example's create sends. */
/** The connection fields both example programs send, in the API's form. */
const NETFLIX_CONNECTION = {
  profile_name: "team-netflix",
  domain: "netflix.com",
  login_url: "https://www.netflix.com/login",
  credential: { name: "netflix-creds" },
  allowed_domains: ["auth.netflix.com", "login.netflix.com"],
  health_check_interval: 1800,
};

export const EXAMPLE_POST_BODY = {
  ...NETFLIX_CONNECTION,
  save_credentials: true,
  browser: { proxy: { name: "residential" } },
};

/** The connection POST of examples/managedAuth.ts (the demo's stack), given its proxy's id. */
export const managedAuthConnectionPost = (proxyId: string) => ({
  ...NETFLIX_CONNECTION,
  record_session: true,
  browser: { proxy: { id: proxyId } },
});
