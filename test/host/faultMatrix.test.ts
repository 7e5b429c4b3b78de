/**
 * Every operation crossed with every fault, through Pulumi's host against the emulator. Each
 * cell writes down what must happen; the test checks it, the emulator's end state (no
 * duplicate, no orphan) and what Pulumi would record.
 */
import { typeToken } from "../../src/dynamic/engineKeys";
import { providerText } from "../../src/dynamic/providerText";
import { SECRET_OUTPUTS } from "../../src/credential/types";
import { SECRET_OUTPUTS as CP_SECRET_OUTPUTS } from "../../src/credentialProvider/types";
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
  // One byte every 200 ms: no gap reaches the 500 ms request timeout, the whole body takes
  // minutes. Only a deadline over headers and body cuts it off.
  "dripping body": { kind: "drip", ms: 200 },
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

/**
 * A create whose POST acted with its answer lost: the connection it made is found, but nothing
 * the API returns proves it is this POST's (a connection has no `created_at`), so the create
 * fails as a 409 does, naming it, and the next `up` adopts it with `adopt: true`.
 */
const unprovable = (statuses: Expected["statuses"], why: string): Expected => ({
  outcome:
    /outcome unknown .*nothing the API returns proves this POST made.*already exists: ma_.*set `adopt: true`/,
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
    "reset after acting": unprovable(
      ["reset", 200],
      "lookup finds the connection the POST made, but a connection has no created_at, so " +
        "nothing proves it is this POST's: fails as a 409 naming it, with the adopt advice",
    ),
    "slower than the timeout": unprovable(
      [200, 200],
      "timed out after acting: lookup finds it, nothing proves it ours: fails as a 409 naming it",
    ),
    "malformed body": unprovable(
      [200, 200],
      "acted with an unreadable answer: lookup finds it, nothing proves it ours: fails as a 409",
    ),
    "dripping body": unprovable(
      [200, 200],
      "acted, answer cut off at the request deadline: lookup finds it, unprovable: fails as a 409",
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
    "dripping body": ok([200, 200], "cut off at the request deadline, GET retried"),
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
    "dripping body": ok([200, 200], "acted, cut off at the request deadline, PATCH retried"),
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
    "dripping body": ok([200, 404], "acted, cut off; not_found on the retry counts as deleted"),
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

/**
 * A first request of each kind before the cells (the fixture has compiled the request schemas),
 * so that no cell's first lookup pays a first-use cost under a 500 ms request timeout.
 */
async function warmUp(fixture: HostFixture): Promise<void> {
  const res = await fetch(`${fixture.emulator.url}/auth/connections`, {
    headers: { authorization: `Bearer ${HOST_KEY}` },
  });
  if (!res.ok) throw new Error(`emulator warm-up answered ${res.status}`);
  fixture.emulator.clearRequests();
}

beforeAll(async () => {
  f = await startHostFixture({ env: { KERNEL_REQUEST_TIMEOUT_MS: "500" } });
  await warmUp(f);
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

/** The operation through the engine; the error it ended with, if any. */
function runOperation(fixture: HostFixture, operation: Operation): Promise<Error | undefined> {
  const run = {
    create: () => fixture.engine.up([{ name: "netflix", inputs: fixture.inputs }]),
    read: () => fixture.engine.refresh(),
    update: () =>
      fixture.engine.up([
        { name: "netflix", inputs: { ...fixture.inputs, healthCheckInterval: 900 } },
      ]),
    delete: () => fixture.engine.destroy(),
  }[operation];
  return run().then(
    () => undefined,
    (e: Error) => e,
  );
}

describe.each(Object.keys(MATRIX) as Operation[])("%s", (operation) => {
  it.each(Object.keys(FAULTS))("%s", async (faultName) => {
    reset();
    const expected = MATRIX[operation][faultName];
    const before = operation === "create" ? undefined : await createdConnection();
    const path = operation === "create" ? "/auth/connections" : `/auth/connections/${before!.id}`;
    f.emulator.injectFault({ ...FAULTS[faultName], method: METHOD[operation], path, times: 1 });

    const error = await runOperation(f, operation);

    if (expected.outcome === "ok") expect(error).toBeUndefined();
    else expect(error?.message).toMatch(expected.outcome);
    expect(logged()).toEqual(expected.statuses);

    const live = f.emulator.connections();
    const recorded = f.engine.state.get("netflix");
    // Never a duplicate; never an orphan that Pulumi does not know about.
    expect(live.length).toBeLessThanOrEqual(1);
    if (operation === "create") {
      // Recorded, or named in the error with how to adopt it.
      if (recorded || !live.length) expect(recorded?.id).toBe(live[0]?.id);
      else expect(error?.message).toContain(`already exists: ${live[0].id}`);
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

describe("create over a pre-existing connection (docs/behaviour.md)", () => {
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

  it("an identical connection found after a lost POST is not taken: nothing proves it this POST's", async () => {
    reset();
    // Everything as the program's POST would make it, its proxy the one "residential" names:
    // someone else's, or ours from a POST whose answer was lost. A connection has no
    // created_at, so nothing tells them apart, and our destroy must not be able to delete it.
    const created = f.emulator.store.create({
      ...EXAMPLE_POST_BODY,
      browser: { proxy: { id: "px_residential" } },
    });
    if (!created.ok) throw new Error("seed failed");
    const before = JSON.stringify(f.emulator.connections());
    f.emulator.injectFault({
      kind: "status",
      status: 502,
      method: "POST",
      path: "/auth/connections",
    });

    const error = await f.engine.up([{ name: "netflix", inputs: f.inputs }]).then(
      () => undefined,
      (e: Error) => e,
    );

    expect(error?.message).toMatch(
      /^The create's POST ended with its outcome unknown \(POST \/auth\/connections failed with 502 injected: injected 502\)/,
    );
    expect(error?.message).toContain(`already exists: ${created.value.id}`);
    expect(error?.message).toContain("set `adopt: true`");
    expect(f.engine.state.has("netflix")).toBe(false);
    expect(JSON.stringify(f.emulator.connections())).toBe(before);
  });

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

/**
 * Issue 10 §8: two resources with the same (profileName, domain), the second with `adopt: true`
 * as the 409 advice says. The host serves both in one process, so the second adoption is
 * refused, naming the id: two owners would flip the settings on every `up`, and deleting one
 * would delete the other's connection.
 */
describe("two resources, one connection", () => {
  it("a second resource adopting a connection created in this deployment fails, naming it", async () => {
    reset();
    const error = await f.engine
      .up([
        { name: "netflix", inputs: f.inputs },
        { name: "netflix-again", inputs: { ...f.inputs, adopt: true } },
      ])
      .then(
        () => undefined,
        (e: Error) => e,
      );
    const id = f.engine.state.get("netflix")?.id;
    expect(id).toMatch(/^ma_/);
    expect(error?.message).toContain(
      `already exists: ${id}, and another resource of this deployment already manages it`,
    );
    expect(error?.message).toMatch(/Two resources must not own one AuthConnection/);
    expect(f.engine.state.has("netflix-again")).toBe(false);
    expect(f.emulator.requests().map((r) => r.method)).not.toContain("PATCH");
  });

  it("so does one adopting a connection another resource of the stack already holds", async () => {
    reset();
    const id = (await createdConnection()).id;
    const error = await f.engine
      .up([
        { name: "netflix", inputs: f.inputs },
        { name: "netflix-again", inputs: { ...f.inputs, adopt: true } },
      ])
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(error?.message).toContain(`already exists: ${id}, and another resource`);
    expect(f.engine.state.has("netflix-again")).toBe(false);
    expect(f.emulator.requests().map((r) => r.method)).not.toContain("PATCH");
  });
});

/**
 * Secrets in errors: a server that echoes what it was sent must not get a credential's values
 * or a provider's token into an error, a partial failure or the provider's log lines. The
 * skeleton redacts every secret input value of the operation, as it does the API key.
 */
describe("a server that echoes secrets into its errors", () => {
  const PASSWORD = "pw-Echoed-3f9a2c";
  const NEW_PASSWORD = "pw-Echoed-NEW-8d1e";
  const TOKEN = "ops_ECHOED_TOKEN_77b1";
  const NEW_TOKEN = "ops_ECHOED_TOKEN_NEW_c42d";
  const credential = (password: string) => ({
    name: "credential",
    type: typeToken("Credential"),
    secretOutputs: SECRET_OUTPUTS,
    inputs: {
      name: "netflix-creds",
      domain: "netflix.com",
      values: { username: "me@example.com", password },
      __provider: providerText("credential"),
    },
  });
  const onePassword = (token: string) => ({
    name: "onepassword",
    type: typeToken("CredentialProvider"),
    secretOutputs: CP_SECRET_OUTPUTS,
    inputs: {
      name: "my-1p",
      providerType: "onepassword",
      token,
      __provider: providerText("credentialProvider"),
    },
  });
  const echo = (method: string, path: string, status: number, secret: string): FaultRule => ({
    kind: "status",
    method,
    path,
    status,
    body: {
      code: "echo",
      message: `rejected ${secret}`,
      details: [{ code: "field", message: `value ${JSON.stringify(secret)}` }],
    },
  });
  const failed = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error("expected a failure");
      },
      (e: Error) => e,
    );

  it("Credential values: not in the create's or the update's error, nor in the log", async () => {
    reset();
    f.emulator.injectFault(echo("POST", "/credentials", 400, PASSWORD));
    const createError = await failed(f.engine.up([credential(PASSWORD)]));
    expect(createError.message).toMatch(
      /POST \/credentials failed with 400 echo: rejected \[redacted\]/,
    );

    await f.engine.up([credential(PASSWORD)]);
    const id = f.engine.state.get("credential")!.id;
    // A 502 is retried (a log line on the host's stderr), then a 409 ends the update.
    f.emulator.injectFault(echo("PATCH", `/credentials/${id}`, 502, NEW_PASSWORD));
    f.emulator.injectFault(echo("PATCH", `/credentials/${id}`, 409, NEW_PASSWORD));
    const updateError = await failed(f.engine.up([credential(NEW_PASSWORD)]));
    expect(updateError.message).toMatch(/PATCH \/credentials\/\S+ failed with 409 echo/);
    expect(f.host.output).toMatch(
      /PATCH \/credentials\/\S+ failed with 502 echo: rejected \[redacted\]/,
    );

    for (const text of [createError.message, updateError.message, f.host.output]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(NEW_PASSWORD);
    }
  });

  it("CredentialProvider token: not in the create's or the rotation's error, nor in the log", async () => {
    reset();
    f.emulator.injectFault(echo("POST", "/org/credential_providers", 400, TOKEN));
    const createError = await failed(f.engine.up([onePassword(TOKEN)]));
    expect(createError.message).toContain("rejected [redacted]");

    await f.engine.up([onePassword(TOKEN)]);
    const id = f.engine.state.get("onepassword")!.id;
    f.emulator.injectFault(echo("PATCH", `/org/credential_providers/${id}`, 502, NEW_TOKEN));
    f.emulator.injectFault(echo("PATCH", `/org/credential_providers/${id}`, 409, NEW_TOKEN));
    const rotateError = await failed(f.engine.up([onePassword(NEW_TOKEN)]));
    expect(rotateError.message).toMatch(/failed with 409 echo: rejected \[redacted\]/);

    for (const text of [createError.message, rotateError.message, f.host.output]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(NEW_TOKEN);
    }
    // The secret stays where it belongs: the state's secret output.
    expect(JSON.stringify(f.engine.state.get("onepassword")!.outputs)).toContain(TOKEN);
  });
});

/**
 * A6: a Retry-After longer than what is left of the operation's budget (120 s by default) is
 * not waited for: the operation fails at once, saying how long the API asked to wait. A 503
 * (not a 429, whose pause would hold every later request of this host) on every operation;
 * on a POST a 503 with Retry-After means "not acted", so there is no lookup either.
 */
describe("a Retry-After longer than the budget", () => {
  it.each(Object.keys(METHOD) as Operation[])("%s fails at once and names the wait", async (op) => {
    reset();
    const before = op === "create" ? undefined : await createdConnection();
    const path = op === "create" ? "/auth/connections" : `/auth/connections/${before!.id}`;
    f.emulator.injectFault({
      kind: "status",
      status: 503,
      retryAfter: 300,
      method: METHOD[op],
      path,
      times: 100,
    });

    const error = await runOperation(f, op);

    expect(error?.message).toMatch(
      new RegExp(
        `${METHOD[op]} /auth/connections\\S* failed with 503.*The API asked to wait 300 s ` +
          `\\(Retry-After\\), longer than the .* left of the operation's budget of 120 s`,
      ),
    );
    // Asked once, not once per attempt, and nothing else sent.
    expect(logged()).toEqual([503]);
    const recorded = f.engine.state.get("netflix");
    if (op === "create") expect(recorded).toBeUndefined();
    else expect(recorded?.outputs.healthCheckInterval).toBe(1800);
    expect(f.emulator.connections()).toHaveLength(op === "create" ? 0 : 1);
  });
});

/**
 * A body that drips on every attempt, under a short budget: GET, PATCH and DELETE are retried,
 * each attempt cut off at the request deadline, until the budget runs out; the state is kept.
 * A POST that drips has acted: the lookup (docs/behaviour.md) finds its connection, which nothing
 * proves is this POST's (no created_at), so the create fails as a 409 naming it; when the lookup
 * drips too, the create fails naming the POST, the lookup, and the object that may exist.
 */
describe("a body that drips on every attempt (short budget)", () => {
  let g: HostFixture;

  beforeAll(async () => {
    g = await startHostFixture({
      env: { KERNEL_REQUEST_TIMEOUT_MS: "300", KERNEL_OPERATION_TIMEOUT_SECONDS: "2" },
    });
    await warmUp(g);
  });

  afterAll(async () => {
    expect(g.host.output).not.toContain(HOST_KEY);
    await g.stop();
  });

  const drip = (method?: string, path?: string): FaultRule => ({
    kind: "drip",
    ms: 200,
    times: 1000,
    ...(method ? { method } : {}),
    ...(path ? { path } : {}),
  });

  it.each(["read", "update", "delete"] as const)(
    "%s is retried, then fails within the budget and keeps the state",
    async (op) => {
      await g.reset();
      await g.engine.up([{ name: "netflix", inputs: g.inputs }]);
      const id = g.engine.state.get("netflix")!.id;
      g.emulator.clearRequests();
      g.emulator.injectFault(drip(METHOD[op], `/auth/connections/${id}`));

      const error = await runOperation(g, op);

      expect(error?.message).toMatch(
        new RegExp(
          `^${METHOD[op]} /auth/connections/${id} failed: no complete answer within 300 ms ` +
            `\\(kernel:requestTimeoutMs\\).*the operation's budget of 2 s ran out`,
        ),
      );
      const attempts = g.emulator.requests().filter((r) => r.method === METHOD[op]);
      expect(attempts.length).toBeGreaterThan(1);
      expect(g.engine.state.get("netflix")?.id).toBe(id);
    },
  );

  it("create: the POST acted; the lookup finds its connection, unprovably ours: fails as a 409 naming it", async () => {
    await g.reset();
    g.emulator.injectFault(drip("POST", "/auth/connections"));

    const error = await runOperation(g, "create");

    const live = g.emulator.connections();
    expect(live).toHaveLength(1);
    expect(error?.message).toContain(`already exists: ${live[0].id}`);
    expect(g.engine.state.has("netflix")).toBe(false);
    expect(g.emulator.requests().map((r) => r.method)).toEqual(["POST", "GET"]);
  });

  it("create: when the lookup drips too, it fails within the budget naming the POST", async () => {
    await g.reset();
    g.emulator.injectFault(drip());

    const error = await runOperation(g, "create");

    expect(error?.message).toMatch(
      /^The create's POST ended with its outcome unknown \(POST \/auth\/connections failed: no complete answer within 300 ms .*and the lookup .* failed too: .*GET \/auth\/connections failed: .*budget of 2 s ran out.*may now exist in Kernel/,
    );
    expect(g.engine.state.has("netflix")).toBe(false);
  });
});

export { MATRIX, FAULTS };
