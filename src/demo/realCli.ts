/**
 * `npm run demo -- --real-cli`: the demo's steps through the real `pulumi` (found as
 * `npm run pulumi:cli` finds it) against the emulator run as its own process. Each step prints
 * the commands, what `pulumi` printed (its `[urn=...]` lines left out), and the requests the
 * emulator received, secrets masked. Fails, as the demo does, when a secret reaches the
 * printout or anything is left after destroy.
 */
import { EXAMPLE_PROGRAM, EmulatorProcess, PulumiStack } from "../host/pulumiCli";
import {
  DEMO_KEY,
  DEMO_NEW_PASSWORD,
  DEMO_PASSWORD,
  DEMO_PIN,
  DEMO_USER,
  leakedSecrets,
  maskBody,
} from "./steps";

export interface RealCliDemoResult {
  lines: string[];
  /** Why the run must fail: a secret printed, an object left over. */
  problems: string[];
}

export async function runRealCliDemo(
  print: (line: string) => void = () => undefined,
): Promise<RealCliDemoResult> {
  const lines: string[] = [];
  const out = (line = "") => {
    lines.push(line);
    print(line);
  };
  const emulator = await EmulatorProcess.start(DEMO_KEY);
  const stack = new PulumiStack("demo", EXAMPLE_PROGRAM);
  try {
    out(`pulumi-kernel demo with the real Pulumi CLI; the emulator at ${emulator.url}`);
    await stack.init(
      { "kernel:baseUrl": emulator.url, netflixUser: DEMO_USER },
      { "kernel:apiKey": DEMO_KEY, netflixPassword: DEMO_PASSWORD },
    );
    const pulumi = async (...args: string[]) => {
      out(`$ pulumi ${args.join(" ")}`);
      const { code, stdout, stderr } = await stack.run(args);
      for (const line of `${stdout}${stderr}`.split("\n")) {
        if (line.trim() && !/^\s*\[urn=/.test(line)) out(`  ${line}`);
      }
      if (code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${code}`);
    };
    const requests = async () => {
      const sent = await emulator.requests();
      await emulator.clearRequests();
      if (sent.length === 0) out("  HTTP: no requests");
      for (const r of sent) {
        out(
          `  HTTP ${r.method} ${r.path}${r.body === undefined ? "" : ` ${JSON.stringify(maskBody(r.body))}`}`,
        );
      }
    };
    const step = async (title: string, run: () => Promise<void>) => {
      out(`\n== ${title}`);
      await run();
      await requests();
    };
    const config = async (key: string, value: string, secret = false) => {
      out(`$ pulumi config set${secret ? " --secret" : ""} ${key} ${secret ? "****" : value}`);
      await stack.config(key, value, secret);
    };

    await step("1. Create the stack", async () => {
      await pulumi("preview", "--diff");
      await pulumi("up", "--yes", "--skip-preview");
    });
    await step("2. Nothing changed", () => pulumi("up", "--yes"));
    await step("3. Rotate the password", async () => {
      await config("netflixPassword", DEMO_NEW_PASSWORD, true);
      await pulumi("preview", "--diff");
      await pulumi("up", "--yes", "--skip-preview");
    });
    await step("4. Add a value key, then remove it", async () => {
      await config("netflixPin", DEMO_PIN, true);
      await pulumi("preview", "--diff");
      await pulumi("up", "--yes", "--skip-preview");
      out("$ pulumi config rm netflixPin");
      await stack.configRm("netflixPin");
      await pulumi("preview", "--diff");
      await pulumi("up", "--yes", "--skip-preview");
    });
    await step("5. Someone edits the connection in the Kernel dashboard", async () => {
      const [connection] = await emulator.objects("connections");
      const drift = { health_check_interval: 7200, allowed_domains: ["login.netflix.com"] };
      out(`  dashboard: ${JSON.stringify(drift)}`);
      await emulator.control("PATCH", `connections/${connection.id}`, drift);
      await pulumi("refresh", "--yes", "--skip-preview");
      await pulumi("preview", "--diff");
      await pulumi("up", "--yes", "--skip-preview");
    });
    await step("6. Detach the proxy", async () => {
      await config("useResidentialProxy", "false");
      await pulumi("preview", "--diff");
      await pulumi("up", "--yes", "--skip-preview");
    });
    await step("7. Tear it down", async () => {
      await pulumi("destroy", "--yes", "--skip-preview");
      await pulumi("stack", "rm", "--yes");
    });
    const leftOver = (
      await Promise.all(["connections", "credentials", "profiles"].map((m) => emulator.objects(m)))
    ).flat().length;
    return {
      lines,
      problems: [
        ...leakedSecrets(lines.join("\n")).map((s) => `${s} appeared in the printout`),
        ...(leftOver ? [`${leftOver} objects left in the emulator after destroy`] : []),
      ],
    };
  } finally {
    await emulator.stop();
    stack.remove();
  }
}
