import { parseBrowserPool } from "./api";
import { toCreateRequest } from "./expand";
import { toLiveInputs, toOutputs } from "./flatten";
import { planChanges } from "./patch";
import type { BrowserPoolInputs } from "./types";

const full: BrowserPoolInputs = {
  size: 3,
  name: "warm",
  region: "eu-west",
  profile: { name: "logged-in" },
  extensions: [{ id: "ext_1" }, { name: "adblock" }],
  proxyId: "proxy_1",
  startUrl: "https://example.com",
  chromePolicy: { HomepageLocation: "https://example.com" },
  network: {
    allowedHosts: ["example.com"],
    proxyRoutes: [{ hosts: ["*.eu.test"], proxyId: "proxy_2" }],
  },
  telemetry: { destination: { name: "collector" } },
  viewport: { width: 1280, height: 800 },
  headless: true,
  memory: "2GiB",
  timeoutSeconds: 900,
  forceDestroy: true,
};

/** What the API answers for `full`: the configuration as sent, server defaults, resolved ids. */
const answer = {
  id: "pool_1",
  name: "warm",
  created_at: "2026-12-04T10:00:00Z",
  region: "eu-west",
  acquired_count: 1,
  available_count: 2,
  extension_ids: ["ext_1", "ext_2"],
  profile_id: "prof_1",
  browser_pool_config: {
    size: 3,
    name: "warm",
    profile: { name: "logged-in" },
    extensions: [{ id: "ext_1" }, { name: "adblock" }],
    proxy_id: "proxy_1",
    start_url: "https://example.com",
    chrome_policy: { HomepageLocation: "https://example.com" },
    network: {
      allowed_hosts: ["example.com"],
      proxy_routes: [{ hosts: ["*.eu.test"], proxy: { id: "proxy_2" } }],
    },
    telemetry: {
      browser: { control: { enabled: true } },
      export: { otlp: { destination: "otlp_1", enabled: true } },
      storage: { enabled: true },
    },
    viewport: { width: 1280, height: 800, refresh_rate: 25 },
    headless: true,
    stealth: false,
    kiosk_mode: false,
    memory: "2GiB",
    timeout_seconds: 900,
    fill_rate_per_minute: 25,
    refresh_on_profile_update: true,
    gpu: false,
  },
  warm_browsers: [],
};

describe("BrowserPool expand", () => {
  it("POSTs what the program set, in API form, and nothing of the provider's own", () => {
    expect(toCreateRequest(full)).toEqual({
      size: 3,
      name: "warm",
      region: "eu-west",
      profile: { name: "logged-in" },
      extensions: [{ id: "ext_1" }, { name: "adblock" }],
      proxy_id: "proxy_1",
      start_url: "https://example.com",
      chrome_policy: { HomepageLocation: "https://example.com" },
      network: {
        allowed_hosts: ["example.com"],
        proxy_routes: [{ hosts: ["*.eu.test"], proxy: { id: "proxy_2" } }],
      },
      telemetry: { enabled: true, export: { otlp: { destination: { name: "collector" } } } },
      viewport: { width: 1280, height: 800 },
      headless: true,
      memory: "2GiB",
      timeout_seconds: 900,
    });
    expect(toCreateRequest({ size: 1 })).toEqual({ size: 1 });
  });
});

describe("BrowserPool flatten", () => {
  const live = parseBrowserPool(answer);

  it("reads the answer into outputs: the program's forms, the server's values, runtime counts", () => {
    const outputs = toOutputs(live, { desired: full });
    expect(outputs).toEqual({
      ...full,
      viewport: { width: 1280, height: 800, refreshRate: 25 },
      telemetry: { destination: { name: "collector" }, storage: true },
      stealth: false,
      kioskMode: false,
      fillRatePerMinute: 25,
      refreshOnProfileUpdate: true,
      createdAt: "2026-12-04T10:00:00Z",
      acquiredCount: 1,
      availableCount: 2,
      profileId: "prof_1",
      extensionIds: ["ext_1", "ext_2"],
      telemetryDestinationId: "otlp_1",
      resolvedTelemetryDestinationId: "otlp_1",
      serverOwnedInputs: ["region", "headless", "timeoutSeconds", "memory"],
    });
    expect(planChanges(outputs, { ...full }).changed).toEqual([]);
  });

  it("keeps a named destination named while its id is the one recorded, else shows the id", () => {
    const applied = toOutputs(live, { desired: full });
    expect(toOutputs(live, { olds: applied }).telemetry?.destination).toEqual({
      name: "collector",
    });
    const moved = parseBrowserPool({
      ...answer,
      browser_pool_config: {
        ...answer.browser_pool_config,
        telemetry: { export: { otlp: { destination: "otlp_9", enabled: true } } },
      },
    });
    const refreshed = toOutputs(moved, { olds: applied });
    expect(refreshed.telemetry).toEqual({ destination: { id: "otlp_9" } });
    expect(planChanges(refreshed, { ...full }).changed).toEqual(["telemetry"]);
  });

  it("reports as live inputs only the server-owned settings the program set", () => {
    const outputs = toOutputs(live, {
      desired: { size: 3, name: "warm", viewport: { width: 1280, height: 800 } },
    });
    expect(toLiveInputs(outputs)).toEqual({
      size: 3,
      name: "warm",
      profile: { name: "logged-in" },
      extensions: [{ id: "ext_1" }, { name: "adblock" }],
      proxyId: "proxy_1",
      startUrl: "https://example.com",
      chromePolicy: { HomepageLocation: "https://example.com" },
      network: {
        allowedHosts: ["example.com"],
        proxyRoutes: [{ hosts: ["*.eu.test"], proxyId: "proxy_2" }],
      },
      telemetry: { destination: { id: "otlp_1" } },
      viewport: { width: 1280, height: 800 },
    });
    expect(toLiveInputs(toOutputs(live, { desired: full }))).toMatchObject({
      region: "eu-west",
      headless: true,
      forceDestroy: true,
    });
  });

  it("tolerates what it does not know and what a minimal answer leaves out", () => {
    const minimal = parseBrowserPool({
      id: "pool_2",
      region: "sa-east",
      browser_pool_config: { size: 1, extensions: null, telemetry: null, profile: null },
      extension_ids: ["ext_3"],
      profile_id: "prof_3",
    });
    const outputs = toOutputs(minimal);
    expect(outputs).toEqual({
      size: 1,
      region: "sa-east",
      profile: { id: "prof_3" },
      extensions: [{ id: "ext_3" }],
      profileId: "prof_3",
      extensionIds: ["ext_3"],
    });
    expect(JSON.stringify(outputs)).not.toContain("null");
  });
});
