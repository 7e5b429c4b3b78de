/** The CLI as a process (dist/, so `npm run build` first): startup text and refusals. */
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";

const CLI = path.join(__dirname, "..", "..", "dist", "emulator", "cli.js");

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, exited, out: () => stdout, err: () => stderr };
}

/** Resolves once stderr holds `text` (the startup lines come together). */
function waitFor(child: ChildProcess, read: () => string, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (read().includes(text)) resolve();
    };
    child.stderr?.on("data", check);
    child.once("exit", () => reject(new Error(`exited before printing ${text}: ${read()}`)));
    check();
  });
}

describe("pulumi-kernel-emulator", () => {
  it("--help prints the options and exits 0", async () => {
    const p = run(["--help"]);
    expect(await p.exited).toBe(0);
    expect(p.out()).toContain("--host HOST");
  });

  it("--plan abc is refused with a clear message and exit 2", async () => {
    const p = run(["--plan", "abc"]);
    expect(await p.exited).toBe(2);
    expect(p.err()).toMatch(/--plan takes free, hobbyist, startup, enterprise or a whole number/);
    expect(p.out()).toBe("");
  });

  it("says any token is accepted without a key, and names the proxies it seeds", async () => {
    const p = run(["--port", "0"]);
    try {
      await waitFor(p.child, p.err, "Point Pulumi at it");
      expect(p.out()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\n$/);
      expect(p.err()).toContain("any bearer token is accepted");
      expect(p.err()).toContain("Proxies seeded: proxy_residential=residential (residential)");
      // The seeded proxy named residential is a residential proxy, as the API reports it.
      const url = p.out().trim();
      const answer = await fetch(`${url}/proxies`, {
        headers: { authorization: "Bearer sk_any_token_will_do_here" },
      });
      const proxies = (await answer.json()) as { name: string; type: string }[];
      expect(proxies.map((proxy) => [proxy.name, proxy.type])).toEqual([
        ["residential", "residential"],
      ]);
    } finally {
      p.child.kill("SIGTERM");
      await p.exited;
    }
  });

  it("warns at startup about a key the provider would refuse, without printing it", async () => {
    const p = run(["--port", "0", "--api-key", "short_secret"]);
    try {
      await waitFor(p.child, p.err, "Point Pulumi at it");
      expect(p.err()).toMatch(
        /Warning: the provider refuses this key: --api-key is shorter than 16 characters/,
      );
      expect(p.err() + p.out()).not.toContain("short_secret");
    } finally {
      p.child.kill("SIGTERM");
      await p.exited;
    }
  });

  it("never prints the key it is given", async () => {
    const p = run(["--port", "0", "--api-key", "sk_cli_secret_value"]);
    try {
      await waitFor(p.child, p.err, "Point Pulumi at it");
      expect(p.err() + p.out()).not.toContain("sk_cli_secret_value");
      expect(p.err()).not.toContain("any bearer token");
      expect(p.err()).not.toContain("Warning");
    } finally {
      p.child.kill("SIGTERM");
      await p.exited;
    }
  });

  it("--host 0.0.0.0 prints a loopback URL the provider accepts, and warns that the log is open", async () => {
    const p = run(["--port", "0", "--host", "0.0.0.0"]);
    try {
      await waitFor(p.child, p.err, "Point Pulumi at it");
      expect(p.out()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\n$/);
      expect(p.err()).toMatch(
        /WARNING: listening on every network interface \(--host 0\.0\.0\.0\).*request log shows every secret sent/,
      );
    } finally {
      p.child.kill("SIGTERM");
      await p.exited;
    }
  });
});
