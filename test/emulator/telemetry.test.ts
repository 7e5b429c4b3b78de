/** `browser.telemetry` on auth connections through HTTP, as the Python SDK 0.131 describes it. */
import { type Emulator, startEmulator } from "../../src/emulator";
import { caller } from "./resourceClient";

const KEY = "sk_emulator_telemetry";
let emulator: Emulator;
const call = caller(() => emulator.url, KEY);

beforeEach(async () => {
  emulator = await startEmulator({ apiKey: KEY });
});

afterEach(() => emulator.close());

const otlp = (destination: Record<string, string>) => ({
  enabled: true,
  export: { otlp: { destination } },
});

it("keeps a destination, stops the export, removes telemetry with null, and refuses nonsense", async () => {
  const made = await call("POST", "/auth/connections", {
    profile_name: "p",
    domain: "a.com",
    browser: { telemetry: otlp({ name: "otel" }) },
  });
  expect(made.status).toBe(200);
  expect(made.body.browser.telemetry).toEqual({
    enabled: true,
    export: { otlp: { enabled: true, destination: { name: "otel" } } },
  });
  const path = `/auth/connections/${made.body.id}`;
  // A PATCH without telemetry leaves it; a new destination replaces it.
  expect(
    (await call("PATCH", path, { browser: { stealth: false } })).body.browser.telemetry,
  ).toEqual(made.body.browser.telemetry);
  const moved = await call("PATCH", path, {
    browser: { telemetry: { export: { otlp: { destination: { id: "d1" } } } } },
  });
  expect(moved.body.browser.telemetry.export.otlp.destination).toEqual({ id: "d1" });
  const refused = await call("PATCH", path, {
    browser: { telemetry: { export: { otlp: { enabled: false, destination: { id: "d1" } } } } },
  });
  expect(refused.status).toBe(400);
  const stopped = await call("PATCH", path, {
    browser: { telemetry: { export: { otlp: { enabled: false } } } },
  });
  expect(stopped.body.browser.telemetry).toEqual({ enabled: true });
  const removed = await call("PATCH", path, { browser: { telemetry: null } });
  expect(removed.body.browser).not.toHaveProperty("telemetry");
  // Both id and name is not a destination the document allows.
  const both = await call("PATCH", path, {
    browser: { telemetry: otlp({ id: "d1", name: "otel" }) },
  });
  expect(both.status).toBe(400);
});
