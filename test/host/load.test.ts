/**
 * Load: 200 resources through one host in parallel against a rate-limited emulator. The 429
 * storm is absorbed (one pool, one shared pause, Retry-After honoured): all converge, none
 * duplicated, nothing failed.
 */
import { type HostFixture, startHostFixture } from "../support/hostFixture";

const N = 200;
let f: HostFixture;

beforeAll(async () => {
  // Low enough that 200 parallel creates meet 429s even on a slow, shared machine.
  f = await startHostFixture({ emulator: { rateLimit: { ratePerSecond: 25, burst: 5 } } });
});

afterAll(async () => {
  await f.stop();
});

it(`${N} resources converge in parallel under a rate limit, with no duplicate`, async () => {
  const names = Array.from({ length: N }, (_, i) => `conn-${i}`);
  const steps = await Promise.all(
    names.map((name, i) => f.engine.apply(name, { ...f.inputs, profileName: `team-${i}` })),
  );
  expect(steps.every((s) => s.kind === "create")).toBe(true);

  const live = f.emulator.objects("authConnections");
  expect(live).toHaveLength(N);
  expect(new Set(live.map((c) => `${c.profile_name}|${c.domain}`)).size).toBe(N);
  expect(new Set([...f.engine.state.values()].map((s) => s.id))).toEqual(
    new Set(live.map((c) => c.id)),
  );

  const statuses = f.emulator.requests().map((r) => r.status);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  expect(statuses.filter((s) => s !== 429 && s !== 200)).toEqual([]);
  expect(statuses.filter((s) => s === 200)).toHaveLength(N);

  // A second up, in parallel: nothing to do, nothing sent.
  f.emulator.clearRequests();
  const again = await Promise.all(
    names.map((name, i) => f.engine.apply(name, { ...f.inputs, profileName: `team-${i}` })),
  );
  expect(again.every((s) => s.kind === "same")).toBe(true);
  expect(f.emulator.requests()).toEqual([]);

  await f.engine.destroy();
  expect(f.emulator.objects("authConnections")).toEqual([]);
}, 120_000);
