import { UNKNOWN } from "../dynamic/engineKeys";
import { toUpdateRequest } from "./expand";
import { planChanges } from "./patch";
import type { BrowserPoolInputs, BrowserPoolOutputs } from "./types";

/** A pool as the state holds it after a create with `{size: 2, name: "warm"}`. */
const live: BrowserPoolOutputs = {
  size: 2,
  name: "warm",
  region: "us-east",
  headless: false,
  stealth: false,
  kioskMode: false,
  timeoutSeconds: 600,
  fillRatePerMinute: 25,
  memory: "8GiB",
  refreshOnProfileUpdate: false,
  acquiredCount: 1,
  availableCount: 1,
  serverOwnedInputs: [],
};

const body = (olds: BrowserPoolOutputs, desired: BrowserPoolInputs) =>
  toUpdateRequest(planChanges(olds, { ...desired }).changed, olds, desired);

describe("BrowserPool planner", () => {
  it("is quiet when the program leaves server-owned settings out, whatever the server has", () => {
    expect(planChanges(live, { size: 2, name: "warm" })).toEqual({
      replaces: [],
      deleteBeforeReplace: false,
      changed: [],
    });
  });

  it("sends only what changed, in one PATCH", () => {
    expect(body(live, { size: 3, name: "warm", stealth: true })).toEqual({
      size: 3,
      stealth: true,
    });
    expect(body(live, { size: 2, name: "warm", headless: false, timeoutSeconds: 600 })).toEqual({});
  });

  it("clears what the API can clear with its own values", () => {
    const full: BrowserPoolOutputs = {
      ...live,
      proxyId: "proxy_1",
      startUrl: "https://example.com",
      chromePolicy: { HomepageLocation: "https://example.com" },
      extensions: [{ name: "adblock" }],
      network: { privateHosts: [] },
      profile: { id: "prof_1" },
      telemetry: { destination: { id: "otlp_1" }, storage: true },
    };
    expect(body(full, { size: 2, name: "warm" })).toEqual({
      proxy_id: "",
      start_url: "",
      chrome_policy: {},
      extensions: [],
      network: {},
      profile: { id: "" },
      telemetry: { enabled: false },
    });
  });

  it("replaces on a new region, a removed name or a removed viewport; an unset region is the server's", () => {
    expect(planChanges(live, { size: 2, name: "warm", region: "eu-west" })).toMatchObject({
      replaces: ["region"],
      deleteBeforeReplace: true,
    });
    expect(planChanges(live, { size: 2, name: "warm", region: UNKNOWN }).replaces).toEqual([
      "region",
    ]);
    expect(planChanges(live, { size: 2 })).toMatchObject({
      replaces: ["name"],
      deleteBeforeReplace: false,
    });
    const sized = { ...live, viewport: { width: 1280, height: 800, refreshRate: 60 } };
    expect(planChanges(sized, { size: 2, name: "warm" }).replaces).toEqual(["viewport"]);
    // A new name for the new pool: no collision, so it is created first.
    expect(planChanges(live, { size: 2, name: "new", region: "eu-west" })).toMatchObject({
      deleteBeforeReplace: false,
      changed: ["name"],
    });
  });

  it("compares the viewport's refresh rate and telemetry storage only where the program sets them", () => {
    const olds = {
      ...live,
      viewport: { width: 1280, height: 800, refreshRate: 60 },
      telemetry: { storage: true },
    };
    const same = { size: 2, name: "warm", viewport: { width: 1280, height: 800 }, telemetry: {} };
    expect(planChanges(olds, same).changed).toEqual([]);
    expect(
      body(olds, { ...same, viewport: { width: 1280, height: 800, refreshRate: 30 } }),
    ).toEqual({ viewport: { width: 1280, height: 800, refresh_rate: 30 } });
    expect(
      body(olds, { ...same, telemetry: { storage: false, destination: { name: "o" } } }),
    ).toEqual({
      telemetry: {
        enabled: true,
        export: { otlp: { destination: { name: "o" } } },
        storage: { enabled: false },
      },
    });
  });

  it("re-sends a destination named in the program when its live id moved away", () => {
    const olds = { ...live, telemetry: { destination: { id: "otlp_other" } } };
    expect(
      body(olds, { size: 2, name: "warm", telemetry: { destination: { name: "collector" } } }),
    ).toEqual({
      telemetry: { enabled: true, export: { otlp: { destination: { name: "collector" } } } },
    });
  });

  it("sends discard_all_idle with a change, and never makes a change of it alone", () => {
    const desired = { size: 2, name: "warm", rebuildIdleBrowsersOnUpdate: true };
    expect(planChanges(live, desired).changed).toEqual([]);
    expect(body(live, { ...desired, size: 5 })).toEqual({ size: 5, discard_all_idle: true });
    expect(planChanges(live, { ...desired, size: 5 }).changed).toEqual([
      "size",
      "rebuildIdleBrowsersOnUpdate",
    ]);
    // Recorded as set, it stays out of the plan while nothing else changes.
    const recorded = { ...live, rebuildIdleBrowsersOnUpdate: true };
    expect(planChanges(recorded, desired).changed).toEqual([]);
    expect(body(recorded, { ...desired, size: 5 })).toEqual({ size: 5, discard_all_idle: true });
  });

  it("makes forceDestroy a change that sends nothing, so that delete sees it", () => {
    const plan = planChanges(live, { size: 2, name: "warm", forceDestroy: true });
    expect(plan.changed).toEqual(["forceDestroy"]);
    expect(body(live, { size: 2, name: "warm", forceDestroy: true })).toEqual({});
    expect(
      planChanges({ ...live, forceDestroy: true }, { size: 2, name: "warm", forceDestroy: true })
        .changed,
    ).toEqual([]);
  });

  it("counts an unknown value as a change, never as equal", () => {
    expect(planChanges(live, { size: UNKNOWN, name: "warm" }).changed).toEqual(["size"]);
    expect(
      planChanges(live, { size: 2, name: "warm", profile: { name: UNKNOWN } }).changed,
    ).toEqual(["profile"]);
    expect(planChanges(live, { size: 2, name: UNKNOWN, region: "eu-west" })).toMatchObject({
      deleteBeforeReplace: true,
    });
  });

  it("sends a set profile refresh with every profile change, since a new profile turns it on", () => {
    const desired = {
      size: 2,
      name: "warm",
      profile: { name: "a" },
      refreshOnProfileUpdate: false,
    };
    expect(body(live, desired)).toEqual({
      profile: { name: "a" },
      refresh_on_profile_update: false,
    });
    const attached = { ...live, profile: { name: "a" } };
    expect(body(attached, desired)).toEqual({});
    expect(
      body(attached, { ...desired, refreshOnProfileUpdate: undefined, profile: { name: "b" } }),
    ).toEqual({
      profile: { name: "b" },
    });
  });

  it("keeps the extensions' order: another order is a change", () => {
    const olds = { ...live, extensions: [{ id: "a" }, { id: "b" }] };
    expect(body(olds, { size: 2, name: "warm", extensions: [{ id: "b" }, { id: "a" }] })).toEqual({
      extensions: [{ id: "b" }, { id: "a" }],
    });
  });
});
