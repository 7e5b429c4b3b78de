/**
 * A TelemetryDestination's life through Pulumi's dynamic-provider host against the emulator:
 * create, a no-op up, a header rotation as one PATCH of that key alone, a removed header sent
 * as null, drift in the header names corrected, a 409 without and with `adopt` (the values then
 * sent once), and an AuthConnection that exports to it: created after it, deleted before it.
 * The header values never appear outside the secret `headers` output: not in the host's output
 * or the emulator's printout, not in an error (even one whose API message echoes them), not in
 * any other output.
 */
import { typeToken } from "../../src/dynamic/engineKeys";
import { providerText } from "../../src/dynamic/providerText";
import type { DestinationStore } from "../../src/emulator/resources/telemetryDestinations/store";
import { isSecret } from "../../src/host/providerHost";
import { type HostFixture, requestLines, startHostFixture } from "../support/hostFixture";

const TYPE = typeToken("TelemetryDestination");
const SECRET_OUTPUTS = ["headers"];
const KEY_ONE = "hcaik_one_NeverShown_4d1e";
const KEY_TWO = "hcaik_two_NeverShown_88b0";
const DATASET = "dataset-NeverShown-31";
const DEST = {
  name: "honeycomb",
  endpoint: "https://api.honeycomb.io",
  headers: { "x-honeycomb-team": KEY_ONE, "X-Honeycomb-Dataset": DATASET },
  __provider: providerText("telemetryDestination"),
};

let f: HostFixture;
let printed: string[];

beforeAll(async () => {
  printed = [];
  f = await startHostFixture({
    example: false,
    emulator: { print: (line) => printed.push(line) },
  });
});

beforeEach(() => f.reset());

afterAll(() => f?.stop());

const up = (inputs: Record<string, unknown>) =>
  f.engine.up([{ name: "dest", inputs, type: TYPE, secretOutputs: SECRET_OUTPUTS }]);

async function created() {
  const [step] = await up(DEST);
  expect(step.kind).toBe("create");
  f.emulator.clearRequests();
  return f.engine.state.get("dest")!;
}

function stored(id: string) {
  return f.emulator.storeOf<DestinationStore>("telemetryDestinations").table.byId(id)!;
}

it("creates with one POST (header names canonical), no project header, headers a secret output", async () => {
  await up(DEST);
  expect(requestLines(f.emulator)).toEqual([
    {
      method: "POST",
      path: "/telemetry/destinations",
      body: {
        name: "honeycomb",
        endpoint: "https://api.honeycomb.io",
        headers: { "X-Honeycomb-Team": KEY_ONE, "X-Honeycomb-Dataset": DATASET },
      },
    },
  ]);
  expect(f.emulator.requests()[0].projectHeaders).toBeUndefined();
  const state = f.engine.state.get("dest")!;
  expect(isSecret(state.outputs.headers)).toBe(true);
  const { __provider: _text, headers: _headers, ...plain } = state.outputs;
  expect(plain).toEqual({
    name: "honeycomb",
    endpoint: "https://api.honeycomb.io",
    headerNames: ["X-Honeycomb-Dataset", "X-Honeycomb-Team"],
    consecutiveFailures: 0,
    createdAt: expect.any(String),
    updatedAt: expect.any(String),
  });
});

it("a second up sends nothing; a rotated key is one PATCH of that header alone", async () => {
  const state = await created();
  expect((await up(DEST))[0].kind).toBe("same");
  expect(f.emulator.requests()).toEqual([]);
  await up({ ...DEST, headers: { ...DEST.headers, "x-honeycomb-team": KEY_TWO } });
  expect(requestLines(f.emulator)).toEqual([
    {
      method: "PATCH",
      path: `/telemetry/destinations/${state.id}`,
      body: { headers: { "X-Honeycomb-Team": KEY_TWO } },
    },
  ]);
  expect(stored(state.id).headers).toEqual({
    "X-Honeycomb-Team": KEY_TWO,
    "X-Honeycomb-Dataset": DATASET,
  });
  // A removed header is null; a removed description would be "".
  f.emulator.clearRequests();
  await up({
    ...DEST,
    endpoint: "https://api.eu1.honeycomb.io",
    headers: { "X-Honeycomb-Team": KEY_TWO },
  });
  expect(requestLines(f.emulator)).toEqual([
    {
      method: "PATCH",
      path: `/telemetry/destinations/${state.id}`,
      body: { endpoint: "https://api.eu1.honeycomb.io", headers: { "X-Honeycomb-Dataset": null } },
    },
  ]);
});

it("a header removed or added behind Pulumi's back shows on refresh and is put back", async () => {
  const state = await created();
  f.emulator.drift(
    state.id,
    { headers: { "X-Honeycomb-Team": KEY_ONE, "X-Intruder": "x" } },
    "telemetry_destinations",
  );
  await f.engine.refresh();
  expect(f.engine.state.get("dest")!.outputs.headerNames).toEqual([
    "X-Honeycomb-Team",
    "X-Intruder",
  ]);
  f.emulator.clearRequests();
  await up(DEST);
  expect(requestLines(f.emulator)).toEqual([
    {
      method: "PATCH",
      path: `/telemetry/destinations/${state.id}`,
      body: { headers: { "X-Honeycomb-Dataset": DATASET, "X-Intruder": null } },
    },
  ]);
});

it("a 409 without adopt names the existing destination; adopt takes it over and sends the values once", async () => {
  const existing = f.emulator
    .storeOf<DestinationStore>("telemetryDestinations")
    .create({ name: "honeycomb", endpoint: "https://api.honeycomb.io", headers: { "X-Old": "o" } });
  if (!existing.ok) throw new Error(existing.error.message);
  f.emulator.clearRequests();
  const err = await up(DEST).catch((e) => e);
  expect(err.message).toContain(`already exists: ${existing.value.id}`);
  expect(f.engine.state.size).toBe(0);
  f.emulator.clearRequests();
  await up({ ...DEST, adopt: true });
  expect(f.engine.state.get("dest")!.id).toBe(existing.value.id);
  expect(requestLines(f.emulator).filter((r) => r.method === "PATCH")).toEqual([
    {
      method: "PATCH",
      path: `/telemetry/destinations/${existing.value.id}`,
      body: {
        headers: { "X-Honeycomb-Team": KEY_ONE, "X-Honeycomb-Dataset": DATASET, "X-Old": null },
      },
    },
  ]);
  expect(stored(existing.value.id).headers).toEqual({
    "X-Honeycomb-Team": KEY_ONE,
    "X-Honeycomb-Dataset": DATASET,
  });
});

it("an AuthConnection exporting to it is created after it and deleted before it", async () => {
  const connection = {
    profileName: "team-netflix",
    domain: "netflix.com",
    telemetryDestination: { name: "honeycomb" },
    __provider: providerText(),
  };
  await f.engine.up([
    { name: "dest", inputs: DEST, type: TYPE, secretOutputs: SECRET_OUTPUTS },
    { name: "conn", inputs: connection },
  ]);
  expect(f.emulator.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
    "POST /telemetry/destinations",
    "POST /auth/connections",
  ]);
  f.emulator.clearRequests();
  await f.engine.destroy();
  expect(
    f.emulator.requests().map((r) => `${r.method} ${r.path.split("/")[1]} ${r.status}`),
  ).toEqual(["DELETE auth 204", "DELETE telemetry 204"]);
});

it("the header values appear only in the secret headers output", async () => {
  const errors: Error[] = [];
  const attempt = async (run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (err) {
      errors.push(err as Error);
    }
  };
  await up(DEST);
  const id = f.engine.state.get("dest")!.id;
  await attempt(() => f.engine.refresh());
  // The API's 400 echoes what it was sent.
  f.emulator.injectFault({
    kind: "status",
    method: "PATCH",
    path: `/telemetry/destinations/${id}`,
    status: 400,
    body: {
      code: "bad_request",
      message: `header X-Honeycomb-Team "${KEY_TWO}" rejected`,
      details: [{ message: `headers ${KEY_TWO}` }],
    },
  });
  await attempt(() => up({ ...DEST, headers: { ...DEST.headers, "x-honeycomb-team": KEY_TWO } }));
  // A check failure on a value's shape.
  await attempt(() => up({ ...DEST, headers: { "X-Bad": `${KEY_TWO}\nInjected: 1` } }));
  // A 500 after the POST acted.
  f.engine.state.clear();
  f.emulator.injectFault({
    kind: "status",
    method: "POST",
    path: "/telemetry/destinations",
    status: 500,
  });
  await attempt(() => up({ ...DEST, name: "second" }));

  expect(errors).toHaveLength(2);
  expect(errors[0].message).toMatch(/Check the TelemetryDestination input headers/);
  expect(errors[0].message).toContain("[redacted]");
  const state = f.engine.state.get("dest");
  const { headers, ...otherOutputs } = state?.outputs ?? {};
  expect(isSecret(headers)).toBe(true);
  const everything = [
    ...errors.map((e) => `${e.message} ${e.stack} ${JSON.stringify(e)}`),
    f.host.output,
    printed.join("\n"),
    JSON.stringify(otherOutputs),
    JSON.stringify(f.emulator.objects("telemetry_destinations")),
  ].join("\n");
  for (const secret of [KEY_ONE, KEY_TWO, DATASET]) expect(everything).not.toContain(secret);
}, 60_000);

it("a POST that acted but lost its answer is found by name, recorded, and its values sent once", async () => {
  f.emulator.injectFault({ kind: "reset-after", method: "POST", path: "/telemetry/destinations" });
  await up(DEST);
  const state = f.engine.state.get("dest")!;
  expect(f.emulator.objects("telemetry_destinations")).toHaveLength(1);
  expect(requestLines(f.emulator).filter((r) => r.method !== "GET")).toEqual([
    expect.objectContaining({ method: "POST", path: "/telemetry/destinations" }),
    {
      method: "PATCH",
      path: `/telemetry/destinations/${state.id}`,
      body: { headers: { "X-Honeycomb-Team": KEY_ONE, "X-Honeycomb-Dataset": DATASET } },
    },
  ]);
  // What it records is the program's: the next up sends nothing.
  f.emulator.clearRequests();
  expect((await up(DEST))[0].kind).toBe("same");
  expect(f.emulator.requests()).toEqual([]);
});

it("TelemetryDestination.get records no header value; a refresh of one deleted behind Pulumi's back drops it", async () => {
  const made = f.emulator
    .storeOf<DestinationStore>("telemetryDestinations")
    .create({ name: "elsewhere", endpoint: "https://a.example.com", headers: { "X-K": "v" } });
  if (!made.ok) throw new Error(made.error.message);
  await f.engine.read(
    "existing",
    made.value.id,
    { __provider: providerText("telemetryDestination") },
    { type: TYPE, secretOutputs: SECRET_OUTPUTS },
  );
  const read = f.engine.state.get("existing")!.outputs;
  expect(read).toMatchObject({ name: "elsewhere", headerNames: ["X-K"] });
  expect(read).not.toHaveProperty("headers");
  const state = await created();
  f.emulator.deleteObject(state.id, "telemetry_destinations");
  const steps = await f.engine.refresh();
  expect(steps.find((s) => s.name === "dest")?.kind).toBe("gone");
  expect(f.engine.state.has("dest")).toBe(false);
});
