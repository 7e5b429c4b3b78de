/**
 * A BrowserPool's life through Pulumi's dynamic-provider host against the emulator: create with
 * one POST, an up that sends nothing, one PATCH of only what changed (clears included), drift
 * corrected while server-owned settings stay quiet, the replacements (region, a removed name),
 * discard_all_idle riding with an update, a profile by name, adoption by name, and a delete
 * refused while browsers are leased until `forceDestroy`.
 */
import type { DestinationStore } from "../../src/emulator/resources/telemetryDestinations/store";
import { providerText } from "../../src/dynamic/providerText";
import type { BrowserPoolStore } from "../../src/emulator/resources/browserPools/store";
import type { ProfileStore } from "../../src/emulator/resources/profiles/store";
import { type HostFixture, requestLines, startHostFixture } from "../support/hostFixture";

const TYPE = "pulumi-nodejs:dynamic/kernel:BrowserPool";
const POOL = { name: "checkout", size: 2, __provider: providerText("browserPool") };

let f: HostFixture;

beforeAll(async () => {
  f = await startHostFixture({ example: false });
});

beforeEach(() => f.reset());

afterAll(() => f?.stop());

const up = (inputs: Record<string, unknown>) => f.engine.up([{ name: "pool", type: TYPE, inputs }]);

async function created(inputs: Record<string, unknown> = POOL) {
  const [step] = await up(inputs);
  expect(step.kind).toBe("create");
  f.emulator.clearRequests();
  return f.engine.state.get("pool")!;
}

it("creates with one POST of what the program set; outputs show the server's values", async () => {
  await up({ ...POOL, startUrl: "https://example.com", viewport: { width: 1280, height: 800 } });
  expect(requestLines(f.emulator)).toEqual([
    {
      method: "POST",
      path: "/browser_pools",
      body: {
        size: 2,
        name: "checkout",
        start_url: "https://example.com",
        viewport: { width: 1280, height: 800 },
      },
    },
  ]);
  const state = f.engine.state.get("pool")!;
  expect(state.id).toBe(f.emulator.objects("browserPools")[0].id);
  const { __provider: text, ...outputs } = state.outputs;
  expect(text).toBe(providerText("browserPool"));
  expect(outputs).toEqual({
    size: 2,
    name: "checkout",
    region: "us-east",
    startUrl: "https://example.com",
    viewport: { width: 1280, height: 800 },
    headless: false,
    stealth: false,
    kioskMode: false,
    timeoutSeconds: 600,
    fillRatePerMinute: 25,
    memory: "8GiB",
    refreshOnProfileUpdate: false,
    createdAt: expect.any(String),
    acquiredCount: 0,
    availableCount: 2,
    extensionIds: [],
    serverOwnedInputs: [],
  });
});

it("a second up sends nothing; a change is one PATCH of only what changed, clears included", async () => {
  const state = await created({ ...POOL, startUrl: "https://example.com" });
  expect((await up({ ...POOL, startUrl: "https://example.com" }))[0].kind).toBe("same");
  expect(f.emulator.requests()).toEqual([]);
  const [step] = await up({ ...POOL, size: 4, stealth: true });
  expect(step.kind).toBe("update");
  expect(requestLines(f.emulator)).toEqual([
    {
      method: "PATCH",
      path: `/browser_pools/${state.id}`,
      body: { size: 4, start_url: "", stealth: true },
    },
  ]);
  // Dropping a server-owned setting from the program is no change: the live value stays.
  f.emulator.clearRequests();
  expect((await up({ ...POOL, size: 4 }))[0].kind).toBe("same");
  expect(f.emulator.requests()).toEqual([]);
  expect(f.engine.state.get("pool")!.outputs.stealth).toBe(true);
});

it("drift shows on refresh and is corrected; a server-owned setting the program leaves out stays quiet", async () => {
  const state = await created();
  f.emulator.drift(state.id, { size: 9, headless: true, memory: "2GiB" }, "browserPools");
  const [refresh] = await f.engine.refresh();
  expect(refresh.changes).toEqual(["~ size: 2 => 9"]);
  expect((await f.engine.preview("pool", POOL, { type: TYPE })).changes).toEqual([
    "~ size: 9 => 2",
  ]);
  f.emulator.clearRequests();
  await up(POOL);
  expect(requestLines(f.emulator)).toEqual([
    { method: "PATCH", path: `/browser_pools/${state.id}`, body: { size: 2 } },
  ]);
  expect(f.engine.state.get("pool")!.outputs).toMatchObject({ headless: true, memory: "2GiB" });
});

it("a new region replaces, deleting first since the new pool takes the same name", async () => {
  const state = await created({ ...POOL, region: "us-east" });
  const [step] = await up({ ...POOL, region: "eu-west" });
  expect(step.diff).toMatchObject({ replaces: ["region"], deleteBeforeReplace: true });
  expect(requestLines(f.emulator)).toEqual([
    { method: "DELETE", path: `/browser_pools/${state.id}` },
    {
      method: "POST",
      path: "/browser_pools",
      body: { size: 2, name: "checkout", region: "eu-west" },
    },
  ]);
  expect(f.emulator.objects("browserPools")).toMatchObject([{ region: "eu-west" }]);
});

it("removing the name replaces (the API cannot clear it), creating first", async () => {
  const state = await created();
  const { name: _name, ...nameless } = POOL;
  const [step] = await up(nameless);
  expect(step.diff).toMatchObject({ replaces: ["name"], deleteBeforeReplace: false });
  expect(requestLines(f.emulator)).toEqual([
    { method: "POST", path: "/browser_pools", body: { size: 2 } },
    { method: "DELETE", path: `/browser_pools/${state.id}` },
  ]);
});

it("rebuildIdleBrowsersOnUpdate is no change alone, and sends discard_all_idle with one", async () => {
  const state = await created();
  expect((await up({ ...POOL, rebuildIdleBrowsersOnUpdate: true }))[0].kind).toBe("same");
  expect(f.emulator.requests()).toEqual([]);
  await up({ ...POOL, size: 3, rebuildIdleBrowsersOnUpdate: true });
  expect(requestLines(f.emulator)).toEqual([
    {
      method: "PATCH",
      path: `/browser_pools/${state.id}`,
      body: { size: 3, discard_all_idle: true },
    },
  ]);
});

it("takes a profile by the name a Profile resource gives, and reports its id", async () => {
  const profile = f.emulator.storeOf<ProfileStore>("profiles").create({ name: "shopper" });
  if (!profile.ok) throw new Error(profile.error.message);
  const state = await created({ ...POOL, profile: { name: "shopper" } });
  expect(state.outputs).toMatchObject({
    profile: { name: "shopper" },
    profileId: profile.value.id,
    refreshOnProfileUpdate: true,
  });
  await up(POOL);
  expect(requestLines(f.emulator)).toEqual([
    { method: "PATCH", path: `/browser_pools/${state.id}`, body: { profile: { id: "" } } },
  ]);
});

it("a telemetry destination named in the program is drift-checked by the id it resolved to", async () => {
  const destinations = f.emulator.storeOf<DestinationStore>("telemetryDestinations");
  const destination = (name: string) => {
    const made = destinations.create({ name, endpoint: `https://${name}.example.com` });
    if (!made.ok) throw new Error(made.error.message);
    return made.value.id;
  };
  const collectorId = destination("collector");
  const otherId = destination("other");
  const telemetry = { destination: { name: "collector" } };
  const state = await created({ ...POOL, telemetry });
  expect(state.outputs).toMatchObject({ telemetry, telemetryDestinationId: collectorId });
  // A refresh that finds the same id keeps the name: nothing to do.
  await f.engine.refresh();
  expect((await up({ ...POOL, telemetry }))[0].kind).toBe("same");
  // Exported elsewhere behind Pulumi's back: the preview shows the id, and the name is sent again.
  f.emulator.drift(
    state.id,
    {
      telemetry: {
        categories: { control: true },
        destination: otherId,
        storage: true,
      },
    },
    "browserPools",
  );
  const [refresh] = await f.engine.refresh();
  expect(refresh.changes.join("\n")).toMatch(/telemetry/);
  f.emulator.clearRequests();
  await up({ ...POOL, telemetry });
  expect(requestLines(f.emulator)).toEqual([
    {
      method: "PATCH",
      path: `/browser_pools/${state.id}`,
      body: {
        telemetry: { enabled: true, export: { otlp: { destination: { name: "collector" } } } },
      },
    },
  ]);
});

it("with adopt: true a pool of the same name is taken over and brought to the program", async () => {
  const made = f.emulator.storeOf<BrowserPoolStore>("browserPools").create({
    size: 1,
    name: "checkout",
    stealth: true,
  });
  if (!made.ok) throw new Error(made.error.message);
  f.emulator.clearRequests();
  const err = await up(POOL).catch((e) => e);
  expect(err.message).toContain(`already exists: ${made.value.id}`);
  f.emulator.clearRequests();
  await up({ ...POOL, adopt: true });
  expect(f.engine.state.get("pool")!.id).toBe(made.value.id);
  expect(requestLines(f.emulator).filter((r) => r.method !== "GET")).toEqual([
    { method: "POST", path: "/browser_pools", body: { size: 2, name: "checkout" } },
    { method: "PATCH", path: `/browser_pools/${made.value.id}`, body: { size: 2 } },
  ]);
});

it("a POST whose answer was lost is recovered by the pool's name: one pool, recorded", async () => {
  f.emulator.injectFault({ kind: "reset-after", method: "POST", path: "/browser_pools" });
  expect((await up(POOL))[0].kind).toBe("create");
  const pools = f.emulator.objects("browserPools");
  expect(pools).toHaveLength(1);
  expect(f.engine.state.get("pool")!.id).toBe(pools[0].id);
  expect(requestLines(f.emulator).map((r) => `${r.method} ${r.path}`)).toEqual([
    "POST /browser_pools",
    "GET /browser_pools",
  ]);
});

it("a lost POST of a pool without a name is not sent again: it fails and says what to check", async () => {
  const { name: _name, ...nameless } = POOL;
  f.emulator.injectFault({ kind: "reset-after", method: "POST", path: "/browser_pools" });
  const err = await up(nameless).catch((e) => e);
  expect(err.message).toMatch(/without a name cannot be looked up/);
  expect(f.emulator.requests().filter((r) => r.method === "POST")).toHaveLength(1);
  expect(f.engine.state.size).toBe(0);
});

it("a delete while browsers are leased fails, says how many and what to do, and keeps the state", async () => {
  const state = await created();
  f.emulator.drift(state.id, { acquired_count: 2 }, "browserPools");
  const err = await f.engine.destroy().catch((e) => e);
  expect(err.message).toMatch(/409/);
  expect(err.message).toMatch(/has 2 browsers leased/);
  expect(err.message).toMatch(/forceDestroy: true/);
  expect(f.engine.state.get("pool")?.id).toBe(state.id);
  expect(f.emulator.objects("browserPools")).toHaveLength(1);
  expect(requestLines(f.emulator)).toEqual([
    { method: "DELETE", path: `/browser_pools/${state.id}` },
    { method: "GET", path: `/browser_pools/${state.id}` },
  ]);
});

it("forceDestroy is recorded by an update that sends nothing, and a refresh keeps it", async () => {
  await created();
  const [step] = await up({ ...POOL, forceDestroy: true });
  expect(step.kind).toBe("update");
  expect(f.emulator.requests()).toEqual([]);
  expect(f.engine.state.get("pool")!.outputs.forceDestroy).toBe(true);
  await f.engine.refresh();
  expect(f.engine.state.get("pool")!.outputs.forceDestroy).toBe(true);
  // Dropping it again is a change too, so that delete stops forcing.
  expect((await up(POOL))[0].kind).toBe("update");
  expect(f.engine.state.get("pool")!.outputs.forceDestroy).toBeUndefined();
});

it("with forceDestroy a delete sends force in its body and the leased pool goes", async () => {
  const state = await created({ ...POOL, forceDestroy: true });
  f.emulator.drift(state.id, { acquired_count: 2 }, "browserPools");
  await f.engine.destroy();
  expect(requestLines(f.emulator)).toEqual([
    { method: "DELETE", path: `/browser_pools/${state.id}`, body: { force: true } },
  ]);
  expect(f.emulator.objects("browserPools")).toEqual([]);
});
