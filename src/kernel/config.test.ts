import { DEFAULT_BASE_URL, isLoopback, resolveSettings, validateBaseUrl } from "./config";
import { KernelConfigError } from "./errors";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe("resolveSettings", () => {
  it("prefers Pulumi config over the environment", () => {
    const settings = resolveSettings(
      config({ "kernel:apiKey": "from-config", "kernel:baseUrl": "https://eu.example.com/" }),
      {
        KERNEL_API_KEY: "from-env",
        KERNEL_BASE_URL: "https://env.example.com",
      },
    );
    expect(settings).toEqual({ apiKey: "from-config", baseUrl: "https://eu.example.com" });
  });

  it("falls back to the environment, then to the default base URL", () => {
    expect(resolveSettings(config({}), { KERNEL_API_KEY: "env-key" })).toEqual({
      apiKey: "env-key",
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
    expect(resolveSettings(broken, { KERNEL_API_KEY: "k" }).apiKey).toBe("k");
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
});
