/**
 * One AuthConnection (programs/options.ts) through the real `pulumi`: what the preview names
 * when a server-owned field is dropped beside a real change, when `adopt` is added, and when a
 * domain joins a sorted list; then Pulumi's resource options as users expect them:
 * ignoreChanges, replaceOnChanges with deleteBeforeReplace, aliases and protect. The stack's
 * key and base URL come from `kernel:*` config alone (no KERNEL_* in the environment), which
 * is how this suite shows that the CLI passes `kernel:*` config to the dynamic provider.
 */
import {
  OUTPUT_DIR,
  EmulatorProcess,
  type LoggedRequest,
  type PreviewJson,
  PulumiStack,
  type StateResource,
  changedSteps,
  saveOutput,
  stepSummary,
} from "./harness";

const API_KEY = "sk_e2e_options_key_c3a9174e";
const PROGRAM = { name: "pulumi-kernel-options", main: "test/pulumi/programs/options.ts" };
const URL_1 = "https://options.example.com/login";
const URL_2 = "https://options.example.com/signin";
const URL_3 = "https://options.example.com/sso";

let emulator: EmulatorProcess;
let stack: PulumiStack;

async function ok(args: string[]) {
  const result = await stack.run(args);
  if (result.code !== 0) {
    throw new Error(
      `pulumi ${args.join(" ")}: exit ${result.code}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

async function previewJson(): Promise<PreviewJson> {
  const result = await stack.run(["preview", "--json"]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as PreviewJson;
}

async function sent(step: () => Promise<unknown>): Promise<LoggedRequest[]> {
  await emulator.clearRequests();
  await step();
  return emulator.requests();
}

async function connection(): Promise<StateResource> {
  const { resources } = await stack.exportState();
  return resources.find((r) => r.type === "pulumi-nodejs:dynamic/kernel:AuthConnection")!;
}

const json = (value: unknown) => JSON.stringify(value);

beforeAll(async () => {
  emulator = await EmulatorProcess.start(API_KEY);
  stack = new PulumiStack("options", PROGRAM);
  await stack.init(
    {
      "kernel:baseUrl": emulator.url,
      loginUrl: URL_1,
      allowedDomains: json(["auth.options.example.com", "login.options.example.com"]),
      healthCheckInterval: "1800",
    },
    { "kernel:apiKey": API_KEY },
  );
  await ok(["up", "--yes", "--skip-preview"]);
});

afterAll(async () => {
  stack?.saveTranscript(OUTPUT_DIR);
  await emulator?.stop();
  stack?.remove();
});

describe("step 12: the preview names the fields the PATCH carries, and nothing else", () => {
  it("a server-owned field dropped and `adopt` added beside a real change: only the change", async () => {
    const id = (await connection()).id;
    await stack.configRm("healthCheckInterval");
    await stack.config("adopt", "true");
    await stack.config("loginUrl", URL_2);
    const { stdout } = await ok(["preview", "--diff"]);
    saveOutput("step12-dropped-field-preview-diff.txt", stdout);
    expect(stdout).toMatch(
      /~ loginUrl: "https:\/\/options\.example\.com\/login" => "https:\/\/options\.example\.com\/signin"/,
    );
    expect(stdout).not.toMatch(/healthCheckInterval/);
    expect(stdout).not.toMatch(/adopt/);
    const step = changedSteps(await previewJson())["AuthConnection::conn"];
    saveOutput("step12-dropped-field-preview.json", JSON.stringify(stepSummary(step), null, 2));
    expect(step.diffReasons).toEqual(["loginUrl"]);
    expect(step.detailedDiff).toEqual({ loginUrl: { kind: "update", inputDiff: true } });
    expect(await sent(() => ok(["up", "--yes", "--skip-preview"]))).toEqual([
      { method: "PATCH", path: `/auth/connections/${id}`, body: { login_url: URL_2 } },
    ]);
    // The interval stays as it is live (server-owned).
    const live = (await emulator.objects("connections")).find((c) => c.id === id)!;
    expect(live.health_check_interval).toBe(1800);
  });

  it("one domain added inside a sorted list is one added element", async () => {
    const id = (await connection()).id;
    await stack.config(
      "allowedDomains",
      json(["auth.options.example.com", "b.options.example.com", "login.options.example.com"]),
    );
    const { stdout } = await ok(["preview", "--diff"]);
    saveOutput("step12-one-domain-preview-diff.txt", stdout);
    expect(stdout).toMatch(/~ allowedDomains: \[\n\s+\+ \[2\]: "b\.options\.example\.com"\n\s+\]/);
    const step = changedSteps(await previewJson())["AuthConnection::conn"];
    saveOutput("step12-one-domain-preview.json", JSON.stringify(stepSummary(step), null, 2));
    expect(step.diffReasons).toEqual(["allowedDomains"]);
    expect(step.detailedDiff).toEqual({ "allowedDomains[2]": { kind: "add", inputDiff: true } });
    expect(await sent(() => ok(["up", "--yes", "--skip-preview"]))).toEqual([
      {
        method: "PATCH",
        path: `/auth/connections/${id}`,
        body: {
          allowed_domains: [
            "auth.options.example.com",
            "b.options.example.com",
            "login.options.example.com",
          ],
        },
      },
    ]);
  });

  it("case and order alone are no change", async () => {
    await stack.config(
      "allowedDomains",
      json(["LOGIN.options.example.com", "b.options.example.com", "Auth.Options.Example.com"]),
    );
    const { stdout } = await ok(["preview", "--diff"]);
    expect(stdout).toMatch(/2 unchanged/);
    expect(stdout).not.toMatch(/to update|to replace/);
  });
});

describe("step 9: Pulumi's resource options", () => {
  it("ignoreChanges: [allowedDomains] keeps a dashboard edit of that field", async () => {
    const id = (await connection()).id;
    await stack.config("ignoreChanges", json(["allowedDomains"]));
    await emulator.control("PATCH", `connections/${id}`, {
      allowed_domains: ["dashboard.options.example.com"],
    });
    const requests = await sent(() => ok(["up", "--refresh", "--yes", "--skip-preview"]));
    expect(requests.filter((r) => r.method !== "GET")).toEqual([]);
    const live = (await emulator.objects("connections")).find((c) => c.id === id)!;
    expect(live.allowed_domains).toEqual(["dashboard.options.example.com"]);
  });

  it("replaceOnChanges: [loginUrl] with deleteBeforeReplace replaces, deleting first", async () => {
    const old = (await connection()).id;
    await stack.config("replaceOnChanges", json(["loginUrl"]));
    await stack.config("deleteBeforeReplace", "true");
    await stack.config("loginUrl", URL_3);
    const { stdout } = await ok(["preview", "--diff"]);
    saveOutput("step9-replace-on-changes-preview-diff.txt", stdout);
    expect(stdout).toMatch(/\+-1 to replace/);
    const step = changedSteps(await previewJson())["AuthConnection::conn"];
    expect(step).toMatchObject({ op: "replace", replaceReasons: ["loginUrl"] });
    const requests = await sent(() => ok(["up", "--yes", "--skip-preview"]));
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `DELETE /auth/connections/${old}`,
      "POST /auth/connections",
    ]);
    expect(requests[1].body).toMatchObject({ login_url: URL_3 });
  });

  it("renaming the resource with `aliases` changes nothing remote", async () => {
    const id = (await connection()).id;
    await stack.config("resourceName", "renamed");
    await stack.config("aliasOf", "conn");
    const requests = await sent(async () => {
      const { stdout } = await ok(["up", "--yes"]);
      expect(stdout).not.toMatch(/to create|to delete|to replace|to update/);
    });
    expect(requests).toEqual([]);
    const renamed = await connection();
    expect(renamed.urn).toMatch(/::renamed$/);
    expect(renamed.id).toBe(id);
  });

  it("protect blocks destroy", async () => {
    await stack.config("protect", "true");
    await ok(["up", "--yes", "--skip-preview"]);
    const requests = await sent(async () => {
      const result = await stack.run(["destroy", "--yes", "--skip-preview"]);
      expect(result.code).not.toBe(0);
      expect(result.stdout + result.stderr).toMatch(/protected/);
    });
    expect(requests).toEqual([]);
    await stack.configRm("protect");
    await ok(["up", "--yes", "--skip-preview"]);
    const destroyed = await sent(() => ok(["destroy", "--yes", "--skip-preview"]));
    expect(destroyed.map((r) => r.method)).toEqual(["DELETE"]);
    expect(await emulator.objects("connections")).toEqual([]);
  });
});
