/** The README example, in the program's form and in the API's, shared by the tests. */

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

/** The one POST the example's create sends. */
export const EXAMPLE_POST_BODY = {
  profile_name: "team-netflix",
  domain: "netflix.com",
  login_url: "https://www.netflix.com/login",
  credential: { name: "netflix-creds" },
  allowed_domains: ["auth.netflix.com", "login.netflix.com"],
  health_check_interval: 1800,
  save_credentials: true,
  browser: { proxy: { name: "residential" } },
};
