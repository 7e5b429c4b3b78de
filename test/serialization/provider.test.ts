/**
 * What Pulumi stores in state for an AuthConnection (`__provider`): small, free of absolute
 * paths and secrets, the same wherever the package is installed, and working when loaded from
 * the packed package installed by name in a fresh project and a fresh process.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { type Emulator, startEmulator } from "../../src/emulator";
import { installPackedPackage, installedProviderText } from "../../src/host/packedPackage";
import { registeredResources } from "../../src/host/programMocks";
import { REPO_ROOT } from "../support/hostFixture";

const KEY = "sk_serialization_secret_77c1e0";

let providerText: string;
let project: string;
let emulator: Emulator;

beforeAll(async () => {
  process.env.KERNEL_API_KEY = KEY;
  const resources = await registeredResources(
    async () => (await import("../../examples/netflix")).netflixStack(),
    { config: { "kernel:apiKey": KEY } },
  );
  providerText = String(resources[0].inputs.__provider);

  project = await installPackedPackage();
  emulator = await startEmulator({ apiKey: KEY });
}, 180_000);

afterAll(async () => {
  delete process.env.KERNEL_API_KEY;
  await emulator?.close();
  if (project) fs.rmSync(project, { recursive: true, force: true });
});

describe("the __provider text in state", () => {
  it("is the one line that loads the implementation by package name", () => {
    expect(providerText).toBe('exports.handler = () => require("pulumi-kernel/provider");');
    expect(Buffer.byteLength(providerText)).toBeLessThan(3 * 1024);
  });

  it("holds no absolute path and no key", () => {
    expect(providerText).not.toContain(REPO_ROOT);
    expect(providerText).not.toMatch(/["'`](\/|[A-Za-z]:\\)[^"'`]*["'`]/);
    expect(providerText).not.toContain(KEY);
    expect(providerText).toContain('require("pulumi-kernel/provider")');
  });

  it("is the same when the package is installed by name elsewhere", async () => {
    expect(await installedProviderText(project)).toBe(providerText);
  });

  it("works from the installed package in a fresh process", async () => {
    const providerFile = path.join(project, "provider.txt");
    fs.writeFileSync(providerFile, providerText);
    fs.copyFileSync(
      path.join(__dirname, "fixtures", "runProvider.js"),
      path.join(project, "runProvider.js"),
    );
    // Asynchronously: the emulator answers from this process's event loop.
    const { stdout: out } = await promisify(execFile)(process.execPath, ["runProvider.js"], {
      cwd: project,
      encoding: "utf8",
      env: {
        PATH: process.env.PATH,
        PROVIDER_FILE: providerFile,
        EMULATOR_URL: emulator.url,
        TEST_API_KEY: KEY,
      },
    });
    const result = JSON.parse(out);
    expect(result.resolved).toBe(
      fs.realpathSync(path.join(project, "node_modules", "pulumi-kernel", "dist", "provider.js")),
    );
    expect(result.checked.inputs).toMatchObject({
      domain: "netflix.com",
      healthCheckInterval: 900,
    });
    expect(result.created.id).toMatch(/^ma_/);
    expect(result.read.inputs).toMatchObject({ domain: "netflix.com", healthCheckInterval: 900 });
    expect(result.diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(result.updated.outs.saveCredentials).toBe(false);
    expect(
      emulator.requests().map((r) => `${r.method} ${r.path.replace(/ma_[\w-]+/, "{id}")}`),
    ).toEqual([
      "POST /auth/connections",
      "GET /auth/connections/{id}",
      "PATCH /auth/connections/{id}",
      "DELETE /auth/connections/{id}",
    ]);
    expect(out).not.toContain(KEY);
  });
});
