/**
 * The API's errors as users see them in `pulumi up` output, with the resource's URN: a 400 (an
 * interval under the plan's minimum), a 401 (a wrong key) and a 409 (the connection exists,
 * with the advice to adopt it). The key appears in no output and no state.
 */
import { EmulatorProcess, OUTPUT_DIR, PulumiStack } from "./harness";

const API_KEY = "sk_e2e_errors_key_91d2e6b0";
const WRONG_KEY = "sk_e2e_wrong_key_7a1f03c5";
const PROGRAM = { name: "pulumi-kernel-errors", main: "test/pulumi/programs/options.ts" };
const URN =
  "urn:pulumi:dev::pulumi-kernel-errors::pulumi-nodejs:dynamic/kernel:AuthConnection::conn";

let emulator: EmulatorProcess;
let stack: PulumiStack;
const printed: string[] = [];

async function up() {
  const result = await stack.run(["up", "--yes", "--skip-preview"]);
  printed.push(result.stdout, result.stderr);
  expect(result.code).not.toBe(0);
  return `${result.stdout}\n${result.stderr}`;
}

beforeAll(async () => {
  // Startup plan: health checks no more often than every 1200 s.
  emulator = await EmulatorProcess.start(API_KEY, ["--plan", "startup"]);
  stack = new PulumiStack("errors", PROGRAM);
  await stack.init(
    { "kernel:baseUrl": emulator.url, healthCheckInterval: "600" },
    { "kernel:apiKey": API_KEY },
  );
});

afterAll(async () => {
  stack?.saveTranscript(OUTPUT_DIR);
  await emulator?.stop();
  stack?.remove();
});

it("400: an interval under the plan's minimum names the input, under the resource's URN", async () => {
  const output = await up();
  expect(output).toContain(URN.split("::").slice(2).join("::").replace("::", " ("));
  expect(output).toMatch(/pulumi-nodejs:dynamic\/kernel:AuthConnection \(conn\):\n\s+error: /);
  expect(output).toMatch(/400/);
  expect(output).toMatch(/healthCheckInterval/);
  expect(await emulator.objects("connections")).toEqual([]);
});

it("401: a wrong key says how to set the key, and never shows it", async () => {
  await stack.configRm("healthCheckInterval");
  await stack.config("kernel:apiKey", WRONG_KEY, true);
  const output = await up();
  expect(output).toMatch(/pulumi-nodejs:dynamic\/kernel:AuthConnection \(conn\):\n\s+error: /);
  expect(output).toMatch(/401/);
  expect(output).toMatch(/kernel:apiKey/);
  expect(output).not.toContain(WRONG_KEY);
});

it("409: a connection that exists already: the error names it and advises `adopt: true`", async () => {
  await stack.config("kernel:apiKey", API_KEY, true);
  const existing = await fetch(`${emulator.url}/auth/connections`, {
    method: "POST",
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ profile_name: "team-options", domain: "options.example.com" }),
  }).then((r) => r.json() as Promise<{ id: string }>);
  const output = await up();
  expect(output).toMatch(/pulumi-nodejs:dynamic\/kernel:AuthConnection \(conn\):\n\s+error: /);
  expect(output).toContain(existing.id);
  expect(output).toMatch(/adopt: true/);
  expect(await emulator.objects("connections")).toHaveLength(1);
});

it("the key appears nowhere: stdout, stderr, the state", async () => {
  const { text } = await stack.exportState();
  for (const key of [API_KEY, WRONG_KEY]) {
    expect(printed.join("\n")).not.toContain(key);
    expect(text).not.toContain(key);
  }
});
