import {
  DEFAULT_BASE_URL,
  KERNEL_CONFIG_KEYS,
  checkConfigKeys,
  configKeys,
  isLoopback,
  resolveSettings,
  validateBaseUrl,
} from "./config";
import { KernelConfigError } from "./errors";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe("resolveSettings", () => {
  it("prefers Pulumi config over the environment", () => {
    const settings = resolveSettings(
      config({
        "kernel:apiKey": "sk_from_config_0123456",
        "kernel:baseUrl": "https://eu.example.com/",
      }),
      {
        KERNEL_API_KEY: "sk_from_env_0123456789",
        KERNEL_BASE_URL: "https://env.example.com",
      },
    );
    expect(settings).toEqual({
      apiKey: "sk_from_config_0123456",
      baseUrl: "https://eu.example.com",
    });
  });

  it("falls back to the environment, then to the default base URL", () => {
    expect(resolveSettings(config({}), { KERNEL_API_KEY: "sk_env_key_0123456789" })).toEqual({
      apiKey: "sk_env_key_0123456789",
      baseUrl: DEFAULT_BASE_URL,
    });
    expect(resolveSettings(undefined, {})).toEqual({
      apiKey: undefined,
      baseUrl: DEFAULT_BASE_URL,
    });
  });

  it("reads an optional per-attempt timeout and refuses a bad one", () => {
    expect(
      resolveSettings(config({ "kernel:requestTimeoutMs": "2500" }), {}).requestTimeoutMs,
    ).toBe(2500);
    expect(resolveSettings(undefined, { KERNEL_REQUEST_TIMEOUT_MS: "700" }).requestTimeoutMs).toBe(
      700,
    );
    expect(() => resolveSettings(config({ "kernel:requestTimeoutMs": "soon" }), {})).toThrow(
      KernelConfigError,
    );
  });

  it("reads the project from config and the create-only default from KERNEL_PROJECT", () => {
    const settings = resolveSettings(config({ "kernel:project": " proj_cfg " }), {
      KERNEL_PROJECT: "proj_env",
    });
    expect(settings.project).toBe("proj_cfg");
    expect(settings.defaultProject).toBe("proj_env");
    expect(resolveSettings(undefined, {})).not.toHaveProperty("project");
    expect(resolveSettings(undefined, {})).not.toHaveProperty("defaultProject");
  });

  it("reads KERNEL_PROJECT_ID (the Terraform provider's variable) beside KERNEL_PROJECT", () => {
    const settings = resolveSettings(undefined, {
      KERNEL_PROJECT: "env-name",
      KERNEL_PROJECT_ID: " proj_tf ",
    });
    expect(settings.defaultProject).toBe("env-name");
    expect(settings.defaultProjectId).toBe("proj_tf");
    expect(resolveSettings(undefined, { KERNEL_PROJECT_ID: "" })).not.toHaveProperty(
      "defaultProjectId",
    );
  });

  it("reads the operation budget in seconds, config over env, and refuses a bad one", () => {
    expect(
      resolveSettings(config({ "kernel:operationTimeoutSeconds": "30" }), {
        KERNEL_OPERATION_TIMEOUT_SECONDS: "5",
      }).operationTimeoutMs,
    ).toBe(30_000);
    expect(
      resolveSettings(undefined, { KERNEL_OPERATION_TIMEOUT_SECONDS: "0.5" }).operationTimeoutMs,
    ).toBe(500);
    for (const bad of ["0", "-1", "soon", "Infinity", "1e12"]) {
      expect(() => resolveSettings(config({ "kernel:operationTimeoutSeconds": bad }), {})).toThrow(
        /kernel:operationTimeoutSeconds/,
      );
    }
  });

  it("survives a config object that throws (Configure never called)", () => {
    const broken = {
      get: () => {
        throw new TypeError("Cannot read properties of undefined");
      },
    };
    expect(resolveSettings(broken, { KERNEL_API_KEY: "sk_env_key_0123456789" }).apiKey).toBe(
      "sk_env_key_0123456789",
    );
  });
});

describe("validateBaseUrl", () => {
  it.each([
    "http://127.0.0.1:8787",
    "http://localhost:1",
    "http://[::1]:9",
    "https://api.onkernel.com",
  ])("accepts %s", (url) => {
    expect(() => validateBaseUrl(url)).not.toThrow();
  });

  it.each([
    "http://api.onkernel.com",
    "http://10.0.0.1",
    "ftp://x",
    "not a url",
    "https://user:pw@api.onkernel.com",
  ])("refuses %s", (url) => {
    expect(() => validateBaseUrl(url)).toThrow(KernelConfigError);
  });

  it("knows loopback hosts", () => {
    expect(isLoopback("127.9.9.9")).toBe(true);
    expect(isLoopback("localhost.example.com")).toBe(false);
  });

  // A name that merely ends in .localhost may resolve anywhere.
  it.each(["http://evil.localhost", "http://a.b.localhost:8787", "http://localhost.:1"])(
    "refuses plain http to %s",
    (url) => {
      expect(() => validateBaseUrl(url)).toThrow(/only travel over https/);
      expect(isLoopback(new URL(url).hostname)).toBe(false);
    },
  );

  it.each(["http://LOCALHOST:1", "http://127.255.0.1", "http://[::1]"])("accepts %s", (url) => {
    expect(() => validateBaseUrl(url)).not.toThrow();
  });
});

describe("the API key at configure", () => {
  // undici refuses a header with a line break before sending, on every request: a pasted key's
  // trailing newline would otherwise make each request fail as if it might have acted.
  it("trims surrounding whitespace and line breaks", () => {
    expect(resolveSettings(undefined, { KERNEL_API_KEY: "sk_live_abcdefghij1234\n" }).apiKey).toBe(
      "sk_live_abcdefghij1234",
    );
    expect(
      resolveSettings(config({ "kernel:apiKey": "  sk_live_abcdefghij1234\r\n" }), {}).apiKey,
    ).toBe("sk_live_abcdefghij1234");
  });

  it.each([
    ["a line break inside", "sk_live_abc\r\ndefghij1234"],
    ["a NUL inside", "sk_live_abc\u0000defghij1234"],
    ["a tab inside", "sk_live_abc\tdefghij1234"],
  ])("refuses a key with %s, saying so without showing the key", (_what, key) => {
    const err = (() => {
      try {
        resolveSettings(undefined, { KERNEL_API_KEY: key });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(KernelConfigError);
    expect(err?.message).toMatch(/KERNEL_API_KEY.*control character/);
    expect(err?.message).not.toContain("sk_live_abc");
    expect(err?.message).not.toContain("defghij");
  });

  // A key that is also an ordinary word (`auth`) cannot be redacted without
  // mangling messages (`GET /[redacted]/connections`), nor left unredacted.
  it.each(["auth", "dev-key", "sk_123456789abc"])("refuses the implausibly short key %j", (key) => {
    expect(() => resolveSettings(config({ "kernel:apiKey": key }), {})).toThrow(
      /kernel:apiKey is shorter than 16 characters/,
    );
  });

  it("refuses a key that is not one bearer token, without showing it", () => {
    for (const key of [
      "sk_live abcdefghij1234",
      "sk_live_abcdefghij1234é",
      "sk_live,abcdefghij1234",
    ]) {
      let message = "";
      try {
        resolveSettings(undefined, { KERNEL_API_KEY: key });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/KERNEL_API_KEY is not a single token/);
      expect(message).not.toContain("abcdefghij");
    }
  });

  it("accepts bearer-token keys of 16 characters or more", () => {
    for (const key of ["sk_emulator_test", "abcDEF0123-._~+/xyz==", TEST_KEY_LIKE]) {
      expect(resolveSettings(undefined, { KERNEL_API_KEY: key }).apiKey).toBe(key);
    }
  });
});

const TEST_KEY_LIKE = "sk_test_do_not_leak_4f1d9c";

describe("an unknown kernel:* setting", () => {
  /** A config as Pulumi's dynamic-provider host builds it: `get` over the whole raw map. */
  const hostConfig = (rawConfig: Record<string, string>) => ({
    rawConfig,
    get: (key: string) => rawConfig[key],
  });

  it("kernel:baseURL fails with the nearest known setting, and names no value", () => {
    const call = () =>
      resolveSettings(
        hostConfig({
          "kernel:apiKey": "sk_from_config_0123456",
          "kernel:baseURL": "http://127.0.0.1:8787",
        }),
        {},
      );
    expect(call).toThrow(KernelConfigError);
    expect(call).toThrow(
      /^Unknown Kernel setting kernel:baseURL \(did you mean kernel:baseUrl\?\): nothing was sent\./,
    );
    expect(call).not.toThrow(/sk_from_config|8787/);
  });

  it("names each unknown key, with a suggestion only where one is close", () => {
    expect(() =>
      checkConfigKeys(["kernel:projct", "kernel:region", "aws:region", "kernel:apiKey"]),
    ).toThrow(
      /^Unknown Kernel settings kernel:projct \(did you mean kernel:project\?\), kernel:region: /,
    );
  });

  it("accepts every setting the provider reads, and other packages' keys", () => {
    expect(() =>
      checkConfigKeys([...KERNEL_CONFIG_KEYS, "aws:region", "my-stack:netflixUser"]),
    ).not.toThrow();
    expect(
      resolveSettings(hostConfig({ "kernel:project": "staging", "my-stack:x": "y" }), {}).project,
    ).toBe("staging");
  });

  it("lists the keys of the host's config, and none of a config without a map", () => {
    expect(configKeys(hostConfig({ "kernel:a": "1", "b:c": "2" }))).toEqual(["kernel:a", "b:c"]);
    expect(configKeys(config({ "kernel:a": "1" }))).toEqual([]);
    expect(configKeys(undefined)).toEqual([]);
  });
});
