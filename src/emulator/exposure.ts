/**
 * The emulator's warning when it listens beyond loopback: its request log keeps every body in
 * clear (credential values, tokens, proxy passwords), and without `--api-key` anyone who can
 * reach the port may read it through the controls.
 */
import { isIP } from "node:net";

/** Whether `host` (a `--host` value) listens on loopback only. */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (name === "localhost" || name === "::1") return true;
  return isIP(name) === 4 && name.startsWith("127.");
}

/** The warning for `--host`, or undefined on loopback. */
export function exposureWarning(host: string, hasKey: boolean): string | undefined {
  if (isLoopbackHost(host)) return undefined;
  const everywhere = host === "0.0.0.0" || host === "::" || host === "[::]";
  return (
    `WARNING: listening on ${everywhere ? "every network interface" : host} (--host ${host}), ` +
    "not only on loopback: anyone who can reach this port can call the API" +
    (hasKey
      ? " with the key."
      : ", and with no --api-key also the controls, whose request log shows every secret sent " +
        "(credential values, tokens, proxy passwords) in clear. Set --api-key, or listen on " +
        "127.0.0.1.") +
    " The provider accepts plain http only for loopback, so point it at the URL printed above."
  );
}
