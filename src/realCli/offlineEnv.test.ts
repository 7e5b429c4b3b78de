import { offlineEnv } from "./offlineEnv";

describe("offlineEnv", () => {
  const settings = { cliDir: "/cli", home: "/h", stateDir: "/s", passphrase: "" };

  it("points the CLI at a file backend and its own home, and turns off what needs a network", () => {
    const env = offlineEnv(settings, { PATH: "/usr/bin", KEEP: "1" });
    expect(env).toMatchObject({
      PATH: "/cli:/usr/bin",
      PULUMI_HOME: "/h",
      PULUMI_BACKEND_URL: "file:///s",
      PULUMI_CONFIG_PASSPHRASE: "",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
      KEEP: "1",
    });
  });

  it("drops a Pulumi service token and a passphrase file from the caller's environment", () => {
    const env = offlineEnv(settings, {
      PULUMI_ACCESS_TOKEN: "pul-secret",
      PULUMI_CONFIG_PASSPHRASE_FILE: "/elsewhere",
      PULUMI_BACKEND_URL: "https://api.pulumi.com",
    });
    expect(env.PULUMI_ACCESS_TOKEN).toBeUndefined();
    expect(env.PULUMI_CONFIG_PASSPHRASE_FILE).toBeUndefined();
    expect(env.PULUMI_BACKEND_URL).toBe("file:///s");
    expect(env.PATH).toBe("/cli");
  });
});
