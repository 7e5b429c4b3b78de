import { HELP, parseCli } from "./cli";

describe("CLI options", () => {
  it("--help lists every option with its default", () => {
    for (const option of [
      "--port N",
      "--host HOST",
      "--api-key KEY",
      "--project ID=NAME",
      "--proxy ID=NAME[@PROJECT]",
      "--plan PLAN",
      "--plan-minimum SECONDS",
      "--rate-limit N",
      "--rate-burst N",
      "--latency-ms MS",
      "--log",
    ]) {
      const line = HELP.split("\n").findIndex((l) => l.trimStart().startsWith(option));
      expect(line).toBeGreaterThanOrEqual(0);
      // The default in brackets, on the option's line or its continuation.
      const text = HELP.split("\n")
        .slice(line, line + 3)
        .join(" ");
      expect(text).toMatch(/\[[^\]]+\]/);
    }
    expect(HELP).toContain("[127.0.0.1]");
    expect(HELP).toContain("proxy_residential=residential");
  });

  it("defaults: free port on loopback, enterprise plan, no limit, the seeded proxy", () => {
    expect(parseCli([], {})).toEqual({
      port: 0,
      host: "127.0.0.1",
      apiKey: undefined,
      projects: [],
      proxies: [{ id: "proxy_residential", name: "residential" }],
      plan: "enterprise",
      rateLimit: undefined,
      rateBurst: undefined,
      latencyMs: 0,
      log: false,
      help: false,
    });
  });

  it("parses every option", () => {
    const config = parseCli(
      [
        "--port=8787",
        "--host=0.0.0.0",
        "--api-key=k",
        "--project=proj_b=team-b",
        "--proxy=px_1=res",
        "--proxy=px_2=dc@team-b",
        "--plan=1200",
        "--rate-limit=5",
        "--rate-burst=3",
        "--latency-ms=25",
        "--max-auth-connections=10",
        "--log",
      ],
      {},
    );
    expect(config).toMatchObject({
      port: 8787,
      host: "0.0.0.0",
      apiKey: "k",
      projects: [{ id: "proj_b", name: "team-b" }],
      proxies: [
        { id: "px_1", name: "res" },
        { id: "px_2", name: "dc", project: "team-b" },
      ],
      plan: 1200,
      rateLimit: 5,
      rateBurst: 3,
      latencyMs: 25,
      maxAuthConnections: 10,
      log: true,
    });
    expect(() => parseCli(["--max-auth-connections=-1"], {})).toThrow(/whole number >= 0/);
    expect(parseCli([], { KERNEL_API_KEY: "env-key" }).apiKey).toBe("env-key");
  });

  it.each([
    [["--plan", "abc"], /--plan takes free, hobbyist, startup, enterprise or a whole number/],
    [["--plan-minimum", "x"], /--plan-minimum takes/],
    [["--rate-limit", "0"], /rateLimit takes a positive number/],
    [["--rate-burst", "2"], /rateBurst needs a rateLimit/],
    [["--port", "http"], /--port takes a number/],
    [["--proxy", "justname"], /--proxy takes ID=NAME/],
    [["--project", "proj_b"], /--project takes ID=NAME/],
  ])("refuses %p with a clear message", (argv, message) => {
    expect(() => parseCli(argv, {})).toThrow(message);
  });
});
