import { parsePlan } from "../../settings";
import { ConnectionStore, toManagedAuth } from "./store";

const PROXIES = [
  { id: "px_1", name: "residential" },
  { id: "px_2", name: "shared" },
  { id: "px_3", name: "shared" },
];

function storeOn(plan = "enterprise") {
  let n = 0;
  return new ConnectionStore({
    proxies: PROXIES,
    plan: parsePlan(plan),
    newId: () => `ma_${++n}`,
    now: () => new Date("2026-11-27T00:00:00Z"),
  });
}

function created(store: ConnectionStore, body: Record<string, unknown> = {}) {
  const result = store.create({ profile_name: "p", domain: "d.com", ...body });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const show = (store: ConnectionStore, id: string) => {
  const got = store.get(id);
  if (!got.ok) throw new Error("gone");
  return toManagedAuth(got.value, (pid) => store.proxyName(pid));
};

describe("ConnectionStore defaults", () => {
  it("fills the API's defaults and always answers record_session", () => {
    const store = storeOn();
    const c = created(store);
    expect(toManagedAuth(c)).toMatchObject({
      health_check_interval: 3600,
      health_checks: true,
      auto_reauth: true,
      record_session: false,
      save_credentials: true,
      browser: { stealth: true },
    });
    expect(toManagedAuth(c)).not.toHaveProperty("proxy_id");
  });

  it.each([
    ["free", 21600],
    ["hobbyist", 3600],
    ["startup", 3600],
    ["enterprise", 3600],
    ["7200", 7200],
  ])("defaults health_check_interval to max(3600, the %s plan minimum)", (plan, expected) => {
    expect(created(storeOn(plan)).health_check_interval).toBe(expected);
  });

  it("refuses an interval below the plan minimum, naming the field and the plan", () => {
    const result = storeOn("free").create({
      profile_name: "p",
      domain: "d.com",
      health_check_interval: 3600,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(400);
    expect(result.error.message).toMatch(/health_check_interval 3600 .*free plan.*21600/);
  });
});

describe("proxies: browser.proxy and the deprecated proxy / proxy_id in step", () => {
  it("resolves a name to the one proxy of that name and shows it both ways", () => {
    const store = storeOn();
    const c = created(store, { browser: { proxy: { name: "residential" } } });
    expect(show(store, c.id)).toMatchObject({
      proxy_id: "px_1",
      browser: { proxy: { id: "px_1", name: "residential" }, stealth: true },
    });
  });

  it("takes the deprecated proxy field as the same selection", () => {
    const store = storeOn();
    const c = created(store, { proxy: { id: "px_2" } });
    expect(show(store, c.id)).toMatchObject({
      proxy_id: "px_2",
      browser: { proxy: { id: "px_2", name: "shared" } },
    });
  });

  it("refuses an ambiguous or unknown name and disagreeing proxy / browser.proxy", () => {
    const store = storeOn();
    const bodies = [
      { browser: { proxy: { name: "shared" } } },
      { browser: { proxy: { name: "nope" } } },
      { browser: { proxy: { id: "px_9" } } },
      { proxy: { id: "px_1" }, browser: { proxy: { id: "px_2" } } },
    ];
    for (const body of bodies) {
      const result = store.create({ profile_name: "p", domain: "d.com", ...body });
      expect(result).toMatchObject({ ok: false, status: 400 });
    }
    expect(store.all()).toEqual([]);
  });

  it("mode direct and default detach a selected proxy (no proxy_id)", () => {
    const store = storeOn();
    const c = created(store, { browser: { proxy: { id: "px_1" } } });
    for (const mode of ["direct", "default"] as const) {
      expect(store.update(c.id, { browser: { proxy: { mode } } }).ok).toBe(true);
      const shown = show(store, c.id);
      expect(shown.browser).toEqual({ proxy: { mode }, stealth: true });
      expect(shown).not.toHaveProperty("proxy_id");
    }
  });
});

describe("PATCH", () => {
  it("changes only the fields sent; browser properties left out stay", () => {
    const store = storeOn();
    const c = created(store, {
      browser: { proxy: { id: "px_1" }, stealth: false },
      record_session: true,
      health_checks: false,
      auto_reauth: false,
      save_credentials: false,
    });
    const before = show(store, c.id);
    expect(store.update(c.id, { browser: { stealth: true } }).ok).toBe(true);
    expect(show(store, c.id)).toEqual({
      ...before,
      browser: { proxy: { id: "px_1", name: "residential" }, stealth: true },
    });
    expect(store.update(c.id, { browser: { proxy: { name: "residential" } } }).ok).toBe(true);
    expect(show(store, c.id).browser).toEqual({
      proxy: { id: "px_1", name: "residential" },
      stealth: true,
    });
    expect(store.update(c.id, { record_session: false, auto_reauth: true }).ok).toBe(true);
    expect(show(store, c.id)).toMatchObject({
      record_session: false,
      auto_reauth: true,
      health_checks: false,
      save_credentials: false,
    });
  });

  it("changes nothing when one field is refused", () => {
    const store = storeOn("startup");
    const c = created(store);
    const before = show(store, c.id);
    const result = store.update(c.id, {
      record_session: true,
      health_check_interval: 600,
    });
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(show(store, c.id)).toEqual(before);
  });
});

describe("drift", () => {
  it("accepts the new fields: browser properties, proxy_id, record_session, runtime fields", () => {
    const store = storeOn();
    const c = created(store);
    store.drift(c.id, {
      browser: { stealth: false },
      proxy_id: "px_2",
      record_session: true,
      health_checks: false,
      status: "AUTHENTICATED",
      hosted_url: "https://example.test/h",
    });
    expect(show(store, c.id)).toMatchObject({
      browser: { proxy: { id: "px_2", name: "shared" }, stealth: false },
      proxy_id: "px_2",
      record_session: true,
      health_checks: false,
      status: "AUTHENTICATED",
      hosted_url: "https://example.test/h",
    });
    store.drift(c.id, { proxy_id: null });
    expect(show(store, c.id)).not.toHaveProperty("proxy_id");
    store.drift(c.id, { browser: { proxy: { mode: "direct" } } });
    expect(show(store, c.id).browser).toEqual({ proxy: { mode: "direct" }, stealth: false });
  });
});

describe("ConnectionStore browser region and telemetry", () => {
  const telemetry = { enabled: true, export: { otlp: { destination: { name: "collector" } } } };
  /** As answered: a destination implies export.otlp.enabled. */
  const answered = {
    enabled: true,
    export: { otlp: { enabled: true, destination: { name: "collector" } } },
  };

  it("keeps them as sent, unchanged when a PATCH leaves them out, telemetry null clears", () => {
    const store = storeOn();
    const c = created(store, { browser: { region: "eu-west", telemetry } });
    expect(show(store, c.id).browser).toEqual({
      stealth: true,
      region: "eu-west",
      telemetry: answered,
    });
    store.update(c.id, { browser: { stealth: false } });
    expect(show(store, c.id).browser).toEqual({
      stealth: false,
      region: "eu-west",
      telemetry: answered,
    });
    store.update(c.id, { browser: { region: "us-west", telemetry: null } });
    expect(show(store, c.id).browser).toEqual({ stealth: false, region: "us-west" });
  });

  it("answers neither when none was sent, and copies what it keeps", () => {
    const store = storeOn();
    const sent = structuredClone(telemetry);
    const c = created(store, { browser: { telemetry: sent } });
    sent.enabled = false;
    const answer = show(store, c.id);
    expect(answer.browser).toEqual({ stealth: true, telemetry: answered });
    expect(show(store, created(store, { profile_name: "q" }).id).browser).toEqual({
      stealth: true,
    });
  });
});
