/**
 * An AuthConnection's telemetry export (`browser.telemetry.export.otlp.destination`, Python SDK
 * 0.91+, still in 0.131) through Pulumi's dynamic-provider host against the emulator: planned
 * like the other `browser` fields, in one `browser` object with `proxy` and `stealth`.
 */
import { providerText } from "../../src/dynamic/providerText";
import { CheckFailedError } from "../../src/host/engine";
import { type HostFixture, requestLines, startHostFixture } from "../support/hostFixture";

let f: HostFixture;

beforeAll(async () => {
  f = await startHostFixture({ example: false });
});

beforeEach(() => f.reset());

afterAll(() => f?.stop());

const CONNECTION = {
  profileName: "team",
  domain: "example.com",
  proxy: { id: "px_residential" },
  stealth: false,
  telemetryDestination: { name: "otel-prod" },
  __provider: providerText(),
};

const up = (inputs: Record<string, unknown>) => f.engine.up([{ name: "conn", inputs }]);

async function created() {
  await up(CONNECTION);
  f.emulator.clearRequests();
  return f.engine.state.get("conn")!;
}

it("creates with one POST whose browser object carries proxy, stealth and the telemetry export", async () => {
  await up(CONNECTION);
  expect(requestLines(f.emulator)).toEqual([
    {
      method: "POST",
      path: "/auth/connections",
      body: {
        profile_name: "team",
        domain: "example.com",
        browser: {
          proxy: { id: "px_residential" },
          stealth: false,
          telemetry: { enabled: true, export: { otlp: { destination: { name: "otel-prod" } } } },
        },
      },
    },
  ]);
  expect(f.engine.state.get("conn")!.outputs.telemetryDestination).toEqual({ name: "otel-prod" });
  f.emulator.clearRequests();
  expect((await up(CONNECTION))[0].kind).toBe("same");
  expect(f.emulator.requests()).toEqual([]);
});

it("a new destination and stealth travel in one PATCH browser object", async () => {
  const state = await created();
  const [step] = await up({ ...CONNECTION, stealth: true, telemetryDestination: { id: "otlp_1" } });
  expect(step.kind).toBe("update");
  expect(requestLines(f.emulator)).toEqual([
    {
      method: "PATCH",
      path: `/auth/connections/${state.id}`,
      body: {
        browser: {
          stealth: true,
          telemetry: { enabled: true, export: { otlp: { destination: { id: "otlp_1" } } } },
        },
      },
    },
  ]);
  expect(f.engine.state.get("conn")!.outputs.telemetryDestination).toEqual({ id: "otlp_1" });
});

it("removing it stops the export in place, and the next up is the same", async () => {
  const state = await created();
  const { telemetryDestination: _t, ...without } = CONNECTION;
  const [step] = await up(without);
  expect(step).toMatchObject({ kind: "update" });
  expect(requestLines(f.emulator)).toEqual([
    {
      method: "PATCH",
      path: `/auth/connections/${state.id}`,
      body: { browser: { telemetry: { export: { otlp: { enabled: false } } } } },
    },
  ]);
  expect(f.engine.state.get("conn")!.outputs).not.toHaveProperty("telemetryDestination");
  f.emulator.clearRequests();
  expect((await up(without))[0].kind).toBe("same");
  expect(f.emulator.requests()).toEqual([]);
});

it("a destination changed behind Pulumi's back shows on refresh and is set back", async () => {
  const state = await created();
  f.emulator.drift(state.id, {
    browser: { telemetry: { enabled: true, destination: { name: "other" } } },
  });
  const [refresh] = await f.engine.refresh();
  expect(refresh.changes).toEqual(['~ telemetryDestination.name: "otel-prod" => "other"']);
  f.emulator.clearRequests();
  await up(CONNECTION);
  expect(requestLines(f.emulator).filter((r) => r.method !== "GET")).toEqual([
    {
      method: "PATCH",
      path: `/auth/connections/${state.id}`,
      body: {
        browser: {
          telemetry: { enabled: true, export: { otlp: { destination: { name: "otel-prod" } } } },
        },
      },
    },
  ]);
});

it("check refuses both id and name, before any request", async () => {
  const err = await up({ ...CONNECTION, telemetryDestination: { id: "a", name: "b" } }).catch(
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CheckFailedError);
  expect((err as CheckFailedError).failures).toEqual([
    {
      property: "telemetryDestination",
      reason: expect.stringMatching(/exactly one of \{ id \} or \{ name \}/),
    },
  ]);
  expect(f.emulator.requests()).toEqual([]);
});
