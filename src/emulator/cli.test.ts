import { HELP, keyWarning, parseCli } from "./cli";
import { MIN_API_KEY_LENGTH } from "../kernel/config";

describe("CLI options", () => {
  it("--help lists every option with its default", () => {
    for (const option of [
      "--port N",
      "--host HOST",
      "--api-key KEY",
      "--project ID=NAME",
      "--proxy ID=NAME[@PROJECT][:TYPE]",
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
    expect(HELP).toContain("proxy_residential=residential:residential");
  });

  it("defaults: free port on loopback, enterprise plan, no limit, the seeded proxy", () => {
    expect(parseCli([], {})).toEqual({
      port: 0,
      host: "127.0.0.1",
      apiKey: undefined,
      projects: [],
      proxies: [{ id: "proxy_residential", name: "residential", type: "residential" }],
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
        "--proxy=px_3=home:residential",
        "--proxy=px_4=mine@team-b:custom",
        "--proxy=px_5=a:b",
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
        { id: "px_3", name: "home", type: "residential" },
        { id: "px_4", name: "mine", project: "team-b", type: "custom" },
        // not a proxy type: part of the name
        { id: "px_5", name: "a:b" },
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

describe("the seeded proxies", () => {
  it("have the type their name says, by default", () => {
    for (const proxy of parseCli([], {}).proxies) {
      if (["datacenter", "isp", "residential", "mobile", "custom"].includes(proxy.name ?? "")) {
        expect([proxy.name, proxy.type]).toEqual([proxy.name, proxy.name]);
      }
    }
  });
});

describe("a key the provider would refuse", () => {
  const good = "sk_emulator_dev_key";

  it("is accepted silently when the provider would send it as it is", () => {
    expect(keyWarning(good, "--api-key")).toBeUndefined();
    expect(keyWarning(undefined, "--api-key")).toBeUndefined();
    expect(parseCli(["--api-key", good], {}).keyWarning).toBeUndefined();
  });

  it.each([
    ["a short key", "short-key", /--api-key is shorter than 16 characters/],
    ["a key with a space", "sk_emulator dev_key_1", /--api-key is not a single token/],
    ["a key with a line break", "sk_emulator\ndev_key_1", /--api-key contains a control character/],
  ])("warns about %s, in the provider's own words, without quoting it", (_what, key, message) => {
    const warning = parseCli(["--api-key", key], {}).keyWarning;
    expect(warning).toMatch(/^Warning: the provider refuses this key: /);
    expect(warning).toMatch(message);
    expect(warning).not.toContain(key);
  });

  it("names KERNEL_API_KEY when the key came from there", () => {
    expect(parseCli([], { KERNEL_API_KEY: "x".repeat(MIN_API_KEY_LENGTH - 1) }).keyWarning).toMatch(
      /KERNEL_API_KEY is shorter than 16/,
    );
  });

  it("warns about a blank key, which the provider would not send at all", () => {
    expect(keyWarning("  ", "--api-key")).toMatch(/--api-key is empty or blank/);
  });

  it("warns about surrounding spaces, which the provider trims before sending", () => {
    expect(keyWarning(` ${good}\n`, "--api-key")).toMatch(
      /--api-key has surrounding spaces or line breaks; the provider trims them/,
    );
  });
});
