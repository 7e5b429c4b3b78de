import { UNKNOWN } from "../dynamic/engineKeys";
import { INPUT_NAMES, checkInputs } from "./schema";

const failuresOf = (news: Record<string, unknown>) => checkInputs(news).failures;
const propertyOf = (news: Record<string, unknown>) => failuresOf(news).map((f) => f.property);

describe("BrowserPool check", () => {
  it("normalises: host sets, routes by first host, empty values as none, false flags as unset", () => {
    const { inputs, failures } = checkInputs({
      size: 2,
      name: "warm",
      proxyId: "",
      startUrl: "",
      extensions: [],
      chromePolicy: {},
      network: {
        allowedHosts: ["B.example.com", "a.example.com", "a.example.com"],
        proxyRoutes: [
          { hosts: ["z.test"], proxyId: "proxy_2" },
          { hosts: ["Y.test", "b.test"], proxyId: "proxy_1" },
        ],
      },
      forceDestroy: false,
      rebuildIdleBrowsersOnUpdate: false,
      __provider: "exports.handler = ...",
    });
    expect(failures).toEqual([]);
    expect(inputs).toEqual({
      size: 2,
      name: "warm",
      network: {
        allowedHosts: ["a.example.com", "b.example.com"],
        proxyRoutes: [
          { hosts: ["b.test", "y.test"], proxyId: "proxy_1" },
          { hosts: ["z.test"], proxyId: "proxy_2" },
        ],
      },
    });
  });

  it("keeps an explicit empty privateHosts (it disables the private ranges) and drops network: {}", () => {
    expect(checkInputs({ size: 1, network: { privateHosts: [] } }).inputs).toEqual({
      size: 1,
      network: { privateHosts: [] },
    });
    expect(checkInputs({ size: 1, network: {} }).inputs).toEqual({ size: 1 });
  });

  it("fills in no server-owned setting", () => {
    expect(checkInputs({ size: 1 }).inputs).toEqual({ size: 1 });
  });

  it("names each problem by its input path, and what was received", () => {
    expect(failuresOf({ name: "x" })).toEqual([
      { property: "size", reason: expect.stringMatching(/^is required/) },
    ]);
    expect(failuresOf({ size: 0 })[0].reason).toMatch(/at least 1; received the number 0/);
    expect(propertyOf({ size: 1, region: "mars" })).toEqual(["region"]);
    expect(propertyOf({ size: 1, profile: { id: "a", name: "b" } })).toEqual(["profile"]);
    expect(propertyOf({ size: 1, extensions: [{ id: "e" }, {}] })).toEqual(["extensions[1]"]);
    expect(propertyOf({ size: 1, timeoutSeconds: 5 })).toEqual(["timeoutSeconds"]);
    expect(propertyOf({ size: 1, network: { allowedHosts: [] } })).toEqual([
      "network.allowedHosts",
    ]);
    expect(propertyOf({ size: 1, viewport: { width: 1280 } })).toEqual(["viewport.height"]);
    expect(propertyOf({ size: 1, name: ".." })).toEqual(["name"]);
    expect(propertyOf({ size: 1, name: " spaced " })).toEqual(["name"]);
  });

  it("suggests the nearest input name, at the top and inside objects", () => {
    expect(failuresOf({ size: 1, proxyID: "p" })).toEqual([
      { property: "proxyID", reason: expect.stringContaining("did you mean proxyId?") },
    ]);
    expect(failuresOf({ size: 1, viewport: { width: 1, height: 1, refreshrate: 60 } })).toEqual([
      {
        property: "viewport.refreshrate",
        reason: expect.stringContaining("did you mean refreshRate?"),
      },
    ]);
    expect(INPUT_NAMES).not.toContain("project");
    expect(INPUT_NAMES).not.toContain("adopt");
  });

  it("refuses settings that contradict each other", () => {
    expect(failuresOf({ size: 1, headless: true, memory: "8GiB" })).toEqual([
      { property: "memory", reason: expect.stringContaining("1GiB, 2GiB, 4GiB for a headless") },
    ]);
    expect(propertyOf({ size: 1, headless: false, memory: "8GiB" })).toEqual([]);
    expect(propertyOf({ size: 1, refreshOnProfileUpdate: true })).toEqual([
      "refreshOnProfileUpdate",
    ]);
    expect(propertyOf({ size: 1, telemetry: { storage: false } })).toEqual(["telemetry.storage"]);
    expect(
      propertyOf({ size: 1, telemetry: { storage: false, destination: { name: "otel" } } }),
    ).toEqual([]);
    expect(
      propertyOf({
        size: 1,
        network: {
          proxyRoutes: [
            { hosts: ["a.test"], proxyId: "p1" },
            { hosts: ["A.test"], proxyId: "p2" },
          ],
        },
      }),
    ).toEqual(["network.proxyRoutes[1].hosts"]);
  });

  it("lets the unknown sentinel through at any depth", () => {
    const news = {
      size: UNKNOWN,
      name: UNKNOWN,
      profile: { id: UNKNOWN },
      extensions: [UNKNOWN, { name: UNKNOWN }],
      network: { allowedHosts: [UNKNOWN, "b.test"], proxyRoutes: [UNKNOWN] },
      telemetry: { destination: UNKNOWN },
      viewport: { width: UNKNOWN, height: 800 },
    };
    const { inputs, failures } = checkInputs(news);
    expect(failures).toEqual([]);
    expect(inputs).toEqual(news);
  });
});
