/**
 * Every operation crossed with every fault, through Pulumi's host against the emulator. Each
 * cell writes down what must happen; the test checks it, the emulator's end state (no
 * duplicate, no orphan) and what Pulumi would record.
 */
import type { FaultRule } from "../../src/emulator";
import { EXAMPLE_POST_BODY } from "../support/example";
import { HOST_KEY, type HostFixture, startHostFixture } from "../support/hostFixture";

type Operation = "create" | "read" | "update" | "delete";

const FAULTS: Record<string, Omit<FaultRule, "method" | "path">> = {
  "429 Retry-After": { kind: "status", status: 429, retryAfter: 1 },
  "500": { kind: "status", status: 500 },
  "502": { kind: "status", status: 502 },
  "503 Retry-After": { kind: "status", status: 503, retryAfter: 1 },
  "reset before acting": { kind: "reset-before" },
  "reset after acting": { kind: "reset-after" },
  "slower than the timeout": { kind: "delay", ms: 1500 },
  "malformed body": { kind: "malformed" },
  "404": { kind: "status", status: 404 },
  "409": { kind: "status", status: 409, body: { code: "conflict", message: "injected conflict" } },
};

interface Expected {
  /** "ok", or what the error says. */
  outcome: "ok" | RegExp;
  /** The statuses the emulator logs, in order ("reset" for a closed connection). */
  statuses: (number | "reset")[];
  /** Why, in a word, for the README's table. */
  why: string;
}

const ok = (statuses: Expected["statuses"], why: string): Expected => ({
  outcome: "ok",
  statuses,
  why,
});

const MATRIX: Record<Operation, Record<string, Expected>> = {
  create: {
    "429 Retry-After": ok([429, 200], "the server did not act: POST retried after Retry-After"),
    "500": ok(
      [500, 200, 200],
      "outcome unknown: looked up by (profile, domain), not found, POST retried",
    ),
    "502": ok([502, 200, 200], "outcome unknown: lookup, then POST retried"),
    "503 Retry-After": ok([503, 200], "503 with Retry-After means not acted: POST retried"),
    "reset before acting": ok(
      ["reset", 200, 200],
      "cannot tell if it acted: lookup finds nothing, POST retried",
    ),
    "reset after acting": ok(
      ["reset", 200, 200],
      "lookup finds the connection the POST made, every field matches and its proxy is what " +
        "the name resolves to now (GET /proxies): recorded, no duplicate",
    ),
    "slower than the timeout": ok(
      [200, 200, 200],
      "timed out after acting: lookup finds it, it matches the POST: recorded, no duplicate",
    ),
    "malformed body": ok(
      [200, 200, 200],
      "acted with an unreadable answer: lookup finds it, it matches the POST: recorded",
    ),
    "404": {
      outcome: /POST \/auth\/connections failed with 404/,
      statuses: [404],
      why: "not retried; nothing created",
    },
    "409": {
      outcome: /409 conflict: injected conflict/,
      statuses: [409, 200],
      why: "lookup finds no owner: the conflict is reported",
    },
  },
  read: {
    "429 Retry-After": ok([429, 200], "retried after Retry-After"),
    "500": ok([500, 200], "GET retried with backoff"),
    "502": ok([502, 200], "GET retried with backoff"),
    "503 Retry-After": ok([503, 200], "GET retried"),
    "reset before acting": ok(["reset", 200], "GET retried"),
    "reset after acting": ok(["reset", 200], "GET retried"),
    "slower than the timeout": ok([200, 200], "timed out, GET retried"),
    "malformed body": ok([200, 200], "GET retried"),
    "404": ok([404], "the API's not_found: the resource leaves the state"),
    "409": {
      outcome: /GET \/auth\/connections\/ma_\S+ failed with 409/,
      statuses: [409],
      why: "not retried; state kept",
    },
  },
  update: {
    "429 Retry-After": ok([429, 200], "PATCH retried (it sets absolute values)"),
    "500": ok([500, 200], "PATCH retried"),
    "502": ok([502, 200], "PATCH retried"),
    "503 Retry-After": ok([503, 200], "PATCH retried"),
    "reset before acting": ok(["reset", 200], "PATCH retried"),
    "reset after acting": ok(["reset", 200], "PATCH retried; same body, same result"),
    "slower than the timeout": ok([200, 200], "timed out, PATCH retried"),
    "malformed body": ok([200, 200], "PATCH retried"),
    "404": {
      outcome: /PATCH \/auth\/connections\/ma_\S+ failed with 404 not_found/,
      statuses: [404],
      why: "update fails; the next refresh drops it",
    },
    "409": {
      outcome: /PATCH \/auth\/connections\/ma_\S+ failed with 409/,
      statuses: [409],
      why: "not retried; state kept",
    },
  },
  delete: {
    "429 Retry-After": ok([429, 204], "DELETE retried"),
    "500": ok([500, 204], "DELETE retried"),
    "502": ok([502, 204], "DELETE retried"),
    "503 Retry-After": ok([503, 204], "DELETE retried"),
    "reset before acting": ok(["reset", 204], "DELETE retried"),
    "reset after acting": ok(["reset", 404], "retried; 404 counts as deleted"),
    "slower than the timeout": ok([204, 404], "timed out after acting; 404 counts as deleted"),
    "malformed body": ok([200, 404], "acted; 404 on the retry counts as deleted"),
    "404": ok(
      [404],
      "the API says it is gone: counts as deleted (an API that lies leaves its copy)",
    ),
    "409": {
      outcome: /DELETE \/auth\/connections\/ma_\S+ failed with 409/,
      statuses: [409],
      why: "not retried; the connection and its state are kept",
    },
  },
};

const METHOD: Record<Operation, string> = {
  create: "POST",
  read: "GET",
  update: "PATCH",
  delete: "DELETE",
};

let f: HostFixture;

beforeAll(async () => {
  f = await startHostFixture({ env: { KERNEL_REQUEST_TIMEOUT_MS: "500" } });
});

afterAll(async () => {
  expect(f.host.output).not.toContain(HOST_KEY);
  await f.stop();
});

function reset() {
  f.emulator.store.clear();
  f.emulator.clearFaults();
  f.emulator.clearRequests();
  f.engine.state.clear();
}

async function createdConnection() {
  await f.engine.up([{ name: "netflix", inputs: f.inputs }]);
  f.emulator.clearRequests();
  return f.engine.state.get("netflix")!;
}

const logged = () => f.emulator.requests().map((r) => r.status);

describe.each(Object.keys(MATRIX) as Operation[])("%s", (operation) => {
  it.each(Object.keys(FAULTS))("%s", async (faultName) => {
    reset();
    const expected = MATRIX[operation][faultName];
    const before = operation === "create" ? undefined : await createdConnection();
    const path = operation === "create" ? "/auth/connections" : `/auth/connections/${before!.id}`;
    f.emulator.injectFault({ ...FAULTS[faultName], method: METHOD[operation], path, times: 1 });

    const run = {
      create: () => f.engine.up([{ name: "netflix", inputs: f.inputs }]),
      read: () => f.engine.refresh(),
      update: () =>
        f.engine.up([{ name: "netflix", inputs: { ...f.inputs, healthCheckInterval: 900 } }]),
      delete: () => f.engine.destroy(),
    }[operation];
    const error = await run().then(
      () => undefined,
      (e: Error) => e,
    );

    if (expected.outcome === "ok") expect(error).toBeUndefined();
    else expect(error?.message).toMatch(expected.outcome);
    expect(logged()).toEqual(expected.statuses);

    const live = f.emulator.connections();
    const recorded = f.engine.state.get("netflix");
    // Never a duplicate; never an orphan that Pulumi does not know about.
    expect(live.length).toBeLessThanOrEqual(1);
    if (operation === "create") {
      expect(recorded?.id).toBe(live[0]?.id);
      if (recorded)
        expect(live[0]).toMatchObject({ health_check_interval: 1800, proxy_id: "px_residential" });
    }
    if (operation === "read") {
      if (faultName === "404") expect(recorded).toBeUndefined();
      else expect(recorded?.outputs.healthCheckInterval).toBe(1800);
    }
    if (operation === "update") {
      expect(recorded?.id).toBe(before!.id);
      const applied = expected.outcome === "ok";
      expect(live[0].health_check_interval).toBe(applied ? 900 : 1800);
      expect(recorded?.outputs.healthCheckInterval).toBe(applied ? 900 : 1800);
    }
    if (operation === "delete") {
      const deleted = expected.outcome === "ok";
      // The injected 404 did not act: the emulator still holds what the API called gone.
      expect(live).toHaveLength(deleted && faultName !== "404" ? 0 : 1);
      expect(recorded === undefined).toBe(deleted);
    }
    if (error) expect(error.message).not.toContain(HOST_KEY);
  });
});

/**
 * A5: a connection for (profileName, domain) exists before, with other settings, and the
 * program does not set `adopt`. A POST whose outcome is unknown must not take it over: the
 * lookup finds it, it does not match what the POST carried, and create fails exactly as a 409
 * without adopt does. No PATCH, and the other owner's settings stay as they were.
 */
const AMBIGUOUS: Record<string, Omit<FaultRule, "method" | "path">> = {
  "502": { kind: "status", status: 502 },
  "reset before acting": { kind: "reset-before" },
  "409 after the timeout": { kind: "delay", ms: 1500 },
  "503 with its retries exhausted": { kind: "status", status: 503, retryAfter: 0, times: 100 },
};

describe("create over a pre-existing connection (A5)", () => {
  it.each(Object.keys(AMBIGUOUS))(
    "%s fails as a 409 without adopt, and sends no PATCH",
    async (faultName) => {
      reset();
      const created = f.emulator.store.create({
        profile_name: "team-netflix",
        domain: "netflix.com",
        health_check_interval: 3600,
        login_url: "https://someone-else.example/login",
      });
      if (!created.ok) throw new Error("seed failed");
      const theirs = created.value.id;
      const before = JSON.stringify(f.emulator.connections());
      f.emulator.injectFault({
        times: 1,
        ...AMBIGUOUS[faultName],
        method: "POST",
        path: "/auth/connections",
      });

      const error = await f.engine.up([{ name: "netflix", inputs: f.inputs }]).then(
        () => undefined,
        (e: Error) => e,
      );

      expect(error?.message).toContain(`already exists: ${theirs}`);
      expect(error?.message).toContain("adopt: true");
      const methods = f.emulator.requests().map((r) => r.method);
      expect(methods).not.toContain("PATCH");
      expect(methods).not.toContain("DELETE");
      expect(JSON.stringify(f.emulator.connections())).toBe(before);
      expect(f.engine.state.has("netflix")).toBe(false);
    },
  );

  it("a proxy by name that resolves now to another proxy is not a match either", async () => {
    reset();
    // Everything as the program has it, except that its proxy is not the one named now.
    const created = f.emulator.store.create({
      ...EXAMPLE_POST_BODY,
      browser: { proxy: { id: "px_datacenter" } },
    });
    if (!created.ok) throw new Error("seed failed");
    f.emulator.injectFault({
      kind: "status",
      status: 502,
      method: "POST",
      path: "/auth/connections",
      times: 1,
    });
    const error = await f.engine.up([{ name: "netflix", inputs: f.inputs }]).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toContain(`already exists: ${created.value.id}`);
    expect(f.emulator.requests().map((r) => r.method)).not.toContain("PATCH");
  });
});

export { MATRIX, FAULTS };
