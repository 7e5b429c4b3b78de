/**
 * The environment that runs the real `pulumi` on a machine that reaches no Pulumi service: a
 * file backend, a passphrase for secrets, and nothing that checks for updates or downloads
 * plugins. The engine finds the language host and the dynamic-provider launcher beside the
 * `pulumi` binary it runs; its folder also goes first on PATH so that `pulumi` names it.
 * Commands still need `--non-interactive` (or a pipe for stdout) for plain output.
 */
import * as path from "node:path";

export interface OfflineSettings {
  /** The folder holding `pulumi` and its two plugins. */
  cliDir: string;
  /** PULUMI_HOME: the CLI's own settings and plugin cache. */
  home: string;
  /** The file backend's folder: stacks, their state and history. */
  stateDir: string;
  /** Encrypts the stack's secrets; any text, the empty one included. */
  passphrase: string;
}

export function offlineEnv(
  settings: OfflineSettings,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  // Credentials for a Pulumi service or another backend must not leak into a local run.
  for (const name of ["PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE_FILE"]) delete env[name];
  return {
    ...env,
    PATH: [settings.cliDir, base.PATH].filter(Boolean).join(path.delimiter),
    PULUMI_HOME: settings.home,
    PULUMI_BACKEND_URL: `file://${settings.stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: settings.passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // Only the plugins beside this `pulumi`, never others found on PATH.
    PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    // No colour codes in the output (the CLI honours NO_COLOR).
    NO_COLOR: "1",
  };
}
