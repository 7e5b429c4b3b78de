/**
 * A test key that must appear nowhere: not in state (inputs, outputs), not in `__provider`, not
 * in the host's output (stdout and stderr, retry lines and stack traces included), not in any
 * error, even when the server echoes it back.
 */
import { HostCallError } from "../../src/host/providerHost";
import { HOST_KEY, type HostFixture, startHostFixture } from "../support/hostFixture";

let f: HostFixture;

beforeAll(async () => {
  f = await startHostFixture({ env: { KERNEL_REQUEST_TIMEOUT_MS: "300" } });
});

afterAll(async () => {
  await f.stop();
});

it("the key appears in no state, __provider, host output or error", async () => {
  const seen: string[] = [];
  const errors: unknown[] = [];
  const attempt = async (run: () => Promise<unknown>) => {
    try {
      seen.push(JSON.stringify(await run()));
    } catch (err) {
      errors.push(err);
    }
  };

  await attempt(() => f.engine.up([{ name: "netflix", inputs: f.inputs }]));
  const id = f.engine.state.get("netflix")!.id;
  // Errors of every kind: an API error echoing the key, retries with logs, a timeout, a reset,
  // a malformed body, a check failure and a 409.
  f.emulator.injectFault({
    kind: "status",
    method: "PATCH",
    status: 400,
    body: {
      code: "bad_request",
      message: `key ${HOST_KEY} may not do this`,
      details: [{ message: HOST_KEY }],
    },
  });
  await attempt(() =>
    f.engine.up([{ name: "netflix", inputs: { ...f.inputs, healthCheckInterval: 900 } }]),
  );
  f.emulator.injectFault({ kind: "status", method: "GET", status: 503, retryAfter: 0, times: 2 });
  f.emulator.injectFault({ kind: "delay", method: "GET", ms: 1000 });
  f.emulator.injectFault({ kind: "reset-after", method: "GET" });
  f.emulator.injectFault({ kind: "malformed", method: "GET" });
  await attempt(() => f.engine.refresh());
  await attempt(() =>
    f.engine.up([{ name: "netflix", inputs: { ...f.inputs, domain: "https://bad" } }]),
  );
  f.emulator.injectFault({
    kind: "status",
    method: "DELETE",
    status: 409,
    body: { code: "conflict", message: `held by ${HOST_KEY}` },
  });
  await attempt(() => f.engine.destroy());
  await attempt(() => f.engine.destroy());

  expect(errors.length).toBe(3);
  expect(errors.some((e) => e instanceof HostCallError && /\[redacted\]/.test(e.message))).toBe(
    true,
  );
  const everything = [
    ...seen,
    ...errors.map(
      (e) => `${e instanceof Error ? `${e.message} ${e.stack}` : String(e)} ${JSON.stringify(e)}`,
    ),
    f.host.output,
    String(f.inputs.__provider),
    JSON.stringify(f.emulator.objects("authConnections")),
  ].join("\n");
  expect(f.host.output).toMatch(/retrying in/);
  expect(everything).not.toContain(HOST_KEY);
  expect(id).toMatch(/^ma_/);
}, 60_000);
