import { formatPath } from "../dynamic/checks";
import { containsUnknown } from "../dynamic/engineKeys";
import { isHostName, isHttpUrl, parsedUrl } from "./schema";
import { checkResourceInputs } from "../dynamic/owned";
import { authConnectionSpec } from "./spec";
import { EXAMPLE_ARGS as valid } from "../../test/support/example";
import { UNKNOWN } from "./types";

/** check as the provider runs it: the core owns `project` and `adopt`. */
const checkInputs = (news: Record<string, unknown>) =>
  checkResourceInputs(authConnectionSpec, news);

function failuresOf(input: Record<string, unknown>) {
  return checkInputs(input).failures;
}

describe("check: validation", () => {
  it("accepts the README example", () => {
    expect(failuresOf(valid)).toEqual([]);
  });

  it("requires profileName and domain, naming each", () => {
    const props = failuresOf({}).map((f) => f.property);
    expect(props).toEqual(expect.arrayContaining(["profileName", "domain"]));
    expect(failuresOf({}).find((f) => f.property === "domain")?.reason).toMatch(/required/);
  });

  it.each([
    ["https://netflix.com", "domain"],
    ["netflix.com/login", "domain"],
    ["netflix.com:443", "domain"],
    ["*.netflix.com", "domain"],
    ["", "domain"],
  ])("refuses domain %j with a reason that says what is valid", (domain) => {
    const [failure] = failuresOf({ ...valid, domain });
    expect(failure.property).toBe("domain");
    expect(failure.reason).toMatch(/bare host name/);
  });

  it.each(["*.okta.com", "*.login.example.co.uk", "sso.okta.com"])(
    "accepts the allowedDomains pattern %j",
    (pattern) => {
      expect(failuresOf({ ...valid, allowedDomains: [pattern] })).toEqual([]);
    },
  );

  it.each(["*", "*.com", "**.okta.com", "okta.*", "*okta.com", "a.*.okta.com"])(
    "refuses the allowedDomains pattern %j",
    (pattern) => {
      expect(failuresOf({ ...valid, allowedDomains: ["ok.com", pattern] })).toEqual([
        { property: "allowedDomains[1]", reason: expect.stringMatching(/[*][.]okta[.]com/) },
      ]);
    },
  );

  it("refuses a loginUrl with a user name or password, without echoing it", () => {
    for (const loginUrl of [
      "https://me:hunter2-pw@www.netflix.com/login",
      "https://me@www.netflix.com/login",
    ]) {
      const found = failuresOf({ ...valid, loginUrl });
      expect(found).toEqual([
        {
          property: "loginUrl",
          reason:
            "must not hold a user name or password: outputs keep the URL in plain text; put " +
            "them in a Credential; received a string",
        },
      ]);
    }
  });

  it("names the offending element of allowedDomains", () => {
    const failures = failuresOf({ ...valid, allowedDomains: ["ok.com", "x.com", "https://bad"] });
    expect(failures).toEqual([
      { property: "allowedDomains[2]", reason: expect.stringMatching(/host name/) },
    ]);
  });

  it.each(["netflix.com/login", "ftp://netflix.com", "/login", "not a url"])(
    "refuses loginUrl %j",
    (loginUrl) => {
      expect(failuresOf({ ...valid, loginUrl })).toEqual([
        { property: "loginUrl", reason: expect.stringMatching(/absolute http\(s\) URL/) },
      ]);
    },
  );

  it.each([299, 86401, 1800.5, "1800"])("refuses healthCheckInterval %j", (healthCheckInterval) => {
    expect(failuresOf({ ...valid, healthCheckInterval })).toEqual([
      { property: "healthCheckInterval", reason: expect.stringMatching(/300 to 86400/) },
    ]);
  });

  it.each([
    [{ name: "a", provider: "p" }, "credential"],
    [{ provider: "p" }, "credential"],
    [{ provider: "p", path: "v/i", auto: true }, "credential"],
    [{}, "credential"],
  ])("refuses credential %j as not exactly one shape", (credential, property) => {
    const failures = failuresOf({ ...valid, credential });
    expect(failures).toEqual([{ property, reason: expect.stringMatching(/exactly one of/) }]);
  });

  it("names credential.path and credential.auto when their values are wrong", () => {
    expect(failuresOf({ ...valid, credential: { provider: "1p", path: "" } })).toEqual([
      { property: "credential.path", reason: expect.stringMatching(/non-empty/) },
    ]);
    expect(failuresOf({ ...valid, credential: { provider: "1p", auto: false } })).toEqual([
      { property: "credential.auto", reason: expect.stringMatching(/must be true/) },
    ]);
  });

  it("names unknown fields and lists the valid ones", () => {
    expect(failuresOf({ ...valid, credential: { name: "a", password: "x" } })).toEqual([
      {
        property: "credential.password",
        reason: expect.stringMatching(/name, provider, path, auto/),
      },
    ]);
    expect(failuresOf({ ...valid, colour: "x" })).toEqual([
      { property: "colour", reason: expect.stringMatching(/valid inputs are .*loginUrl/) },
    ]);
  });

  it("suggests the nearest valid name for an unknown top-level key", () => {
    expect(failuresOf({ ...valid, loginURL: "x" })).toEqual([
      { property: "loginURL", reason: "is not a known input; did you mean loginUrl?" },
    ]);
    expect(failuresOf({ ...valid, healthCheckIntervall: 600 })).toEqual([
      {
        property: "healthCheckIntervall",
        reason: "is not a known input; did you mean healthCheckInterval?",
      },
    ]);
    expect(failuresOf({ ...valid, credential: { nmae: "a" } })[0]).toEqual({
      property: "credential.nmae",
      reason: "is not a known field of credential; did you mean name?",
    });
  });

  it("says it received a string where a number was meant (the config.get trap)", () => {
    expect(failuresOf({ ...valid, healthCheckInterval: "1800" })).toEqual([
      {
        property: "healthCheckInterval",
        reason: 'must be a whole number of seconds from 300 to 86400; received a string "1800"',
      },
    ]);
    expect(failuresOf({ ...valid, healthCheckInterval: 100 })[0].reason).toMatch(
      /received the number 100$/,
    );
    expect(failuresOf({ ...valid, stealth: "yes" })[0]).toEqual({
      property: "stealth",
      reason: 'must be true or false; received a string "yes"',
    });
  });

  it("takes the four regions the API's request names, and refuses any other", () => {
    for (const region of ["us-east", "us-west", "eu-west", "ap-southeast"]) {
      expect(failuresOf({ ...valid, region })).toEqual([]);
    }
    expect(failuresOf({ ...valid, region: "EU-West" })).toEqual([
      {
        property: "region",
        reason: expect.stringMatching(/us-east, us-west, eu-west, ap-southeast.*"EU-West"/),
      },
    ]);
  });

  it.each([
    [{ id: "a", name: "b" }],
    [{}],
    [{ id: "" }],
    [{ mode: "off" }],
    [{ id: "a", mode: "direct" }],
  ])("refuses proxy %j", (proxy) => {
    const failures = failuresOf({ ...valid, proxy });
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0].property).toMatch(/^proxy/);
  });

  it("reports every problem at once", () => {
    const failures = failuresOf({ profileName: "", domain: "x/y", healthCheckInterval: 5 });
    expect(failures.map((f) => f.property).sort()).toEqual([
      "domain",
      "healthCheckInterval",
      "profileName",
    ]);
  });

  it("ignores the engine's __provider key", () => {
    expect(failuresOf({ ...valid, __provider: "exports.handler = ..." })).toEqual([]);
    expect(checkInputs({ ...valid, __provider: "x" }).inputs).not.toHaveProperty("__provider");
  });
});

describe("check: normalisation", () => {
  it("makes equal intent give equal inputs", () => {
    const a = checkInputs({
      profileName: "p",
      domain: "NetFlix.COM",
      allowedDomains: ["B.com", "a.com", "b.com"],
    }).inputs;
    const b = checkInputs({
      profileName: "p",
      domain: "netflix.com",
      allowedDomains: ["a.com", "b.com"],
      proxy: { mode: "default" },
      adopt: false,
    }).inputs;
    expect(a).toEqual(b);
    // Server-owned fields are not filled in (docs/behaviour.md): the server's default is the server's.
    expect(a).toEqual({
      profileName: "p",
      domain: "netflix.com",
      allowedDomains: ["a.com", "b.com"],
    });
  });

  it("converts international names to their ASCII form", () => {
    const { inputs, failures } = checkInputs({
      ...valid,
      domain: "München.de",
      allowedDomains: ["*.bücher.example", "login.münchen.de"],
    });
    expect(failures).toEqual([]);
    expect(inputs.domain).toBe("xn--mnchen-3ya.de");
    expect(inputs.allowedDomains).toEqual(["*.xn--bcher-kva.example", "login.xn--mnchen-3ya.de"]);
  });

  it("treats an empty allowedDomains as none", () => {
    expect(checkInputs({ ...valid, allowedDomains: [] }).inputs).not.toHaveProperty(
      "allowedDomains",
    );
  });

  it("canonicalises loginUrl", () => {
    expect(
      checkInputs({ ...valid, loginUrl: "HTTPS://WWW.Netflix.com/login" }).inputs.loginUrl,
    ).toBe("https://www.netflix.com/login");
  });

  it("holds no undefined value (the host's Struct encoding would fail)", () => {
    const { inputs } = checkInputs({ profileName: "p", domain: "d.com", loginUrl: undefined });
    expect(Object.values(inputs)).not.toContain(undefined);
  });
});

describe("check: unknown values during preview", () => {
  it.each([
    ["profileName", { ...valid, profileName: UNKNOWN }],
    ["domain", { ...valid, domain: UNKNOWN }],
    ["credential", { ...valid, credential: UNKNOWN }],
    ["credential.name", { ...valid, credential: { name: UNKNOWN } }],
    ["credential.provider", { ...valid, credential: { provider: UNKNOWN, path: "v/i" } }],
    ["allowedDomains", { ...valid, allowedDomains: UNKNOWN }],
    ["allowedDomains[1]", { ...valid, allowedDomains: ["a.com", UNKNOWN] }],
    ["healthCheckInterval", { ...valid, healthCheckInterval: UNKNOWN }],
    ["saveCredentials", { ...valid, saveCredentials: UNKNOWN }],
    ["stealth", { ...valid, stealth: UNKNOWN }],
    ["project", { ...valid, project: UNKNOWN }],
    ["proxy.mode", { ...valid, proxy: { mode: UNKNOWN } }],
    ["proxy", { ...valid, proxy: UNKNOWN }],
    ["proxy.id", { ...valid, proxy: { id: UNKNOWN } }],
    ["adopt", { ...valid, adopt: UNKNOWN }],
  ])("passes an unknown %s through untouched", (_where, input) => {
    const result = checkInputs(input);
    expect(result.failures).toEqual([]);
    expect(containsUnknown(result.inputs)).toBe(true);
    for (const [key, value] of Object.entries(input)) {
      if (containsUnknown(value)) expect(result.inputs[key]).toEqual(value);
    }
  });

  it("still validates the known values beside an unknown one", () => {
    expect(failuresOf({ ...valid, domain: UNKNOWN, healthCheckInterval: 1 })).toEqual([
      { property: "healthCheckInterval", reason: expect.any(String) },
    ]);
  });
});

describe("helpers", () => {
  it("formats paths as Pulumi shows them", () => {
    expect(formatPath(["allowedDomains", 2])).toBe("allowedDomains[2]");
    expect(formatPath(["credential", "path"])).toBe("credential.path");
  });

  it("knows host names", () => {
    expect(isHostName("login.netflix.com")).toBe(true);
    expect(isHostName("-bad.com")).toBe(false);
    expect(isHostName("a".repeat(64) + ".com")).toBe(false);
  });
});

describe("parsedUrl (kept answers)", () => {
  it("answers as a fresh URL parse does, the first time and after", () => {
    const texts = [
      "https://www.Netflix.com/login",
      "http://127.0.0.1:8080/a/../b?q=1#f",
      "ftp://files.example.com/",
      "mailto:me@example.com",
      "not a url",
      "",
    ];
    for (let round = 0; round < 2; round++) {
      for (const text of texts) {
        let expected: { href: string; http: boolean; userinfo: boolean } | undefined;
        try {
          const url = new URL(text);
          const http = (url.protocol === "https:" || url.protocol === "http:") && !!url.hostname;
          expected = { href: url.href, http, userinfo: url.username !== "" || url.password !== "" };
        } catch {
          expected = undefined;
        }
        expect(parsedUrl(text)).toEqual(expected);
        expect(isHttpUrl(text)).toBe(expected?.http ?? false);
      }
    }
  });
});
