/**
 * The packed package as a user installs it (packed and installed once for the file):
 * - a tidy published package.json, the LICENSE, no install-script warning;
 * - a user program that compiles under Pulumi's TypeScript template settings exactly as
 *   `pulumi new typescript` writes them (strict, no skipLibCheck, no esModuleInterop,
 *   moduleResolution node), and types that resolve under node16 and the others. The public
 *   declarations must not reach zod's or undici's, which need other compiler settings;
 * - what Pulumi stores in state for an AuthConnection (`__provider`): small, free of absolute
 *   paths and secrets, the same wherever the package is installed, and working when loaded
 *   from the installed package in a fresh process;
 * - the `pulumi-kernel pr-comment` command of the installed bin, run by the example workflow's
 *   render step exactly as the workflow runs it.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import * as ts from "typescript";
import { type Emulator, startEmulator } from "../../src/emulator";
import {
  type PackedInstall,
  installedProviderText,
  packAndInstall,
} from "../../src/host/packedPackage";
import { registeredResources } from "../../src/host/programMocks";
import { REPO_ROOT } from "../../src/host/repoRoot";
import { GITHUB_LIMIT } from "../../src/prComment/render";
import { stepBlock } from "../support/workflow";

/**
 * The user's index.ts, part by part: every resource, `get` and `isInstance`, the unions that
 * refuse two shapes at once (each `@ts-expect-error` must be needed, or the compile fails).
 */
const PROGRAM: { code: string }[] = [
  {
    code: `
import * as pulumi from "@pulumi/pulumi";
import * as kernel from "pulumi-kernel";
import { AuthConnection, type AuthConnectionArgs } from "pulumi-kernel";
import { type Emulator, startEmulator } from "pulumi-kernel/emulator";
// What \`__provider\` loads; users need not import it, but its types resolve like the others.
import type * as providerModule from "pulumi-kernel/provider";

export type ProviderExports = keyof typeof providerModule;`,
  },
  {
    code: `
const args: AuthConnectionArgs = {
  profileName: "team-netflix",
  domain: "netflix.com",
  credential: { name: "netflix-creds" },
  proxy: { name: "residential" },
};
const connection = new AuthConnection("netflix", args);
export const status: pulumi.Output<string> = connection.status;
export const viaNamespace = new kernel.AuthConnection("hulu", { profileName: "p", domain: "hulu.com" }).id;
export const isConnection: boolean = AuthConnection.isInstance(connection);`,
  },
  {
    code: `
const team = new kernel.Project("team", { name: "team-a", limits: { maxConcurrentSessions: 10 } });
new kernel.Profile("in-team", { name: "in-team", project: team.name });
const honeycomb = new kernel.TelemetryDestination("honeycomb", {
  name: "honeycomb",
  endpoint: "https://api.honeycomb.io",
  headers: { "X-Honeycomb-Team": pulumi.secret("hcaik_key") },
});
new AuthConnection("exporting", {
  profileName: "p",
  domain: "exporting.com",
  telemetryDestination: { name: honeycomb.name },
});
export const teamStatus: pulumi.Output<string> = kernel.Project.get("t", "proj_1").status;
export const headerNames: pulumi.Output<string[]> = honeycomb.headerNames;
export const isProject: boolean = kernel.Project.isInstance(team) && !kernel.TelemetryDestination.isInstance(team);
const reference: kernel.TelemetryDestinationReferenceArgs = { id: honeycomb.id };
export const referenced = reference;`,
  },
  {
    code: `
const existing: AuthConnection = AuthConnection.get("existing", "ma_123");
export const existingDomain: pulumi.Output<string> = existing.domain;`,
  },
  {
    code: `
new AuthConnection("two-shapes", {
  profileName: "p",
  domain: "two.com",
  // @ts-expect-error: a credential is one shape, not a name and a provider path at once
  credential: { name: "netflix-creds", provider: "my-1p", path: "vault/item" },
});`,
  },
  {
    code: `
const creds = new kernel.Credential("creds", {
  name: "netflix-creds",
  domain: "netflix.com",
  values: { username: "me@example.com", password: pulumi.secret("hunter2") },
});
const residential = new kernel.Proxy("residential", { type: "residential", config: { country: "US" } });
new kernel.Proxy("office", {
  type: "custom",
  config: { host: "proxy.example.com", port: 3128, username: "kernel" },
  password: pulumi.secret("office-password"),
});
// @ts-expect-error: only a custom proxy takes a password
new kernel.Proxy("no-secret", { type: "residential", password: "x" });
const profile = new kernel.Profile("profile", { name: "team-netflix" });
new kernel.CredentialProvider("vault", { name: "my-1p", providerType: "onepassword", token: pulumi.secret("ops_token") });
const blocker = new kernel.Extension("blocker", { source: "./extensions/ad-blocker", name: "ad-blocker" });
export const uploaded: pulumi.Output<string | undefined> = blocker.checksum;
new AuthConnection("linked", {
  profileName: profile.name,
  domain: "netflix.com",
  credential: { name: creds.name },
  proxy: { id: residential.id },
});
export const readBack = [
  kernel.Credential.get("c", "cred_1").valueKeys,
  kernel.Proxy.get("p", "proxy_1").id,
  kernel.Profile.get("pr", "prof_1").name,
  kernel.CredentialProvider.get("cp", "cp_1").name,
  kernel.Extension.get("e", "ext_1").sourceSha256,
];
export const isCredential: boolean = kernel.Credential.isInstance(creds) && !kernel.Proxy.isInstance(creds);

// Every public type is exported from the root; what the API reports is an open union, so a
// value a newer API sends compiles, and the known values stay comparable.
const futureStatus: kernel.AuthConnectionStatus = "SOME_NEWER_STATUS";
export const needsLogin = connection.status.apply((s: kernel.AuthConnectionStatus) => s === "NEEDS_AUTH" || s === futureStatus);
export const reasons: kernel.CanReauthReason[] = ["no_credential", "a_newer_reason"];
export const flow: kernel.AuthFlowStatus = "IN_PROGRESS";
export const proxyHealth: kernel.ProxyStatus[] = ["available", "degraded"];
export const protocols: kernel.ProxyProtocol[] = ["http", "https"];
export const oses: kernel.ResidentialOs[] = ["windows", "macos", "android"];
export const kinds: kernel.ProxyType[] = ["datacenter", "isp", "residential", "mobile", "custom"];
export const modes: kernel.ProxyMode[] = ["direct", "default"];
export const store: kernel.CredentialProviderType = "onepassword";
export const liveType: pulumi.Output<string> = residential.type;
// @ts-expect-error: an input stays closed (check would refuse the value anyway)
export const badProtocol: kernel.ProxyProtocol = "socks5";

export async function againstTheEmulator(): Promise<string> {
  const emulator: Emulator = await startEmulator({ apiKey: "sk_emulator_dev_key" });
  await emulator.close();
  return emulator.url;
}`,
  },
  {
    code: `
const pool = new kernel.BrowserPool("pool", {
  name: "checkout",
  size: 2,
  region: "eu-west",
  profile: { name: profile.name },
  proxyId: residential.id,
  extensions: [{ name: "adblock" }, { id: "ext_1" }],
  network: { allowedHosts: ["example.com"], proxyRoutes: [{ hosts: ["eu.example.com"], proxyId: residential.id }] },
  telemetry: { destination: { name: "otel" } },
  viewport: { width: 1280, height: 800 },
  forceDestroy: true,
});
// @ts-expect-error: a reference is one shape, an id or a name
new kernel.BrowserPool("two-refs", { size: 1, profile: { id: "prof_1", name: "shopper" } });
export const leased: pulumi.Output<number | undefined> = pool.acquiredCount;
export const poolRead = kernel.BrowserPool.get("bp", "pool_1").profileId;
export const isPool: boolean = kernel.BrowserPool.isInstance(pool) && !kernel.Profile.isInstance(pool);`,
  },
];

const TEMPLATE_DIR = path.join(__dirname, "fixtures", "pulumi-typescript-template");

let pkg: PackedInstall;
let installedManifest: Record<string, unknown> & { scripts?: Record<string, string> };

beforeAll(async () => {
  pkg = await packAndInstall("pulumi-kernel-types-");
  installedManifest = JSON.parse(
    fs.readFileSync(
      path.join(pkg.project, "node_modules", "pulumi-kernel", "package.json"),
      "utf8",
    ),
  );
  fs.copyFileSync(
    path.join(TEMPLATE_DIR, "tsconfig.json"),
    path.join(pkg.project, "tsconfig.json"),
  );
  fs.writeFileSync(
    path.join(pkg.project, "index.ts"),
    PROGRAM.map((part) => part.code.trim()).join("\n\n") + "\n",
  );
}, 180_000);

afterAll(() => {
  if (pkg) fs.rmSync(pkg.project, { recursive: true, force: true });
});

describe("the published package.json and tarball", () => {
  it("runs nothing when installed from the tarball: prepare builds only in a git clone", () => {
    for (const hook of ["preinstall", "install", "postinstall"]) {
      expect(installedManifest.scripts?.[hook]).toBeUndefined();
    }
    // npm runs prepare for a git dependency (in its clone, where tsconfig.build.json is) and
    // before packing; never for a tarball or the registry.
    expect(installedManifest.scripts?.prepare).toBe("tsc -p tsconfig.build.json");
  });

  it("names where the project lives (repository, homepage, bugs)", () => {
    expect(installedManifest.repository).toEqual({
      type: "git",
      url: expect.stringMatching(/^git\+https:\/\/github\.com\/[\w-]+\/pulumi-kernel\.git$/),
    });
    expect(installedManifest.homepage).toMatch(
      /^https:\/\/github\.com\/[\w-]+\/pulumi-kernel#readme$/,
    );
    expect(installedManifest.bugs).toEqual({
      url: expect.stringMatching(/^https:\/\/github\.com\/[\w-]+\/pulumi-kernel\/issues$/),
    });
  });

  it("packs exactly the package: code, declarations, the OpenAPI document, the docs", () => {
    const unexpected = pkg.packedFiles.filter(
      (f) =>
        !/^dist\/.+\.(js|d\.ts)$/.test(f) &&
        ![
          "package.json",
          "README.md",
          "CHANGELOG.md",
          "LICENSE",
          "openapi/kernel.openapi.json",
        ].includes(f),
    );
    expect(unexpected).toEqual([]);
    expect(pkg.packedFiles).toEqual(
      expect.arrayContaining([
        "CHANGELOG.md",
        "README.md",
        "LICENSE",
        "openapi/kernel.openapi.json",
        "dist/index.js",
        "dist/index.d.ts",
        "dist/provider.js",
        "dist/provider.d.ts",
        "dist/emulator/index.js",
        "dist/emulator/index.d.ts",
        "dist/cli/main.js",
        "dist/emulator/cli.js",
      ]),
    );
    // Every bin is packed.
    for (const bin of Object.values(installedManifest.bin as Record<string, string>)) {
      expect(pkg.packedFiles).toContain(bin);
    }
  });

  it("passes npm publish --dry-run with no warning but the missing login", async () => {
    // The release procedure's check (CONTRIBUTING.md): npm would correct nothing in
    // package.json, and would publish what the pack above holds.
    const { stdout, stderr } = await promisify(execFile)(
      "npm",
      ["publish", "--dry-run", "--ignore-scripts", "--json"],
      { cwd: REPO_ROOT },
    );
    const warnings = stderr
      .split("\n")
      .filter((line) => /^npm warn/.test(line) && !/requires you to be logged in/.test(line));
    expect(warnings).toEqual([]);
    const published = JSON.parse(stdout)["pulumi-kernel"] as { files: { path: string }[] };
    expect(published.files.map((f) => f.path).sort()).toEqual([...pkg.packedFiles].sort());
  });

  it("packs a CHANGELOG whose newest release is the package's version", () => {
    const changelog = fs.readFileSync(
      path.join(pkg.project, "node_modules", "pulumi-kernel", "CHANGELOG.md"),
      "utf8",
    );
    const released = [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+[^\]]*)\]/gm)].map((m) => m[1]);
    expect(released[0]).toBe(installedManifest.version);
  });

  it("ships the LICENSE (Apache-2.0) beside the code, and not the harness", () => {
    expect(installedManifest.license).toBe("Apache-2.0");
    expect(pkg.packedFiles).toContain("LICENSE");
    const license = fs.readFileSync(
      path.join(pkg.project, "node_modules", "pulumi-kernel", "LICENSE"),
      "utf8",
    );
    expect(license).toMatch(/Apache License\s+Version 2\.0, January 2004/);
    expect(pkg.packedFiles.filter((f) => /^dist\/(host|demo|bench)\/|\.map$/.test(f))).toEqual([]);
  });

  it("installs from the tarball without running a script of the package", () => {
    expect(pkg.installOutput).not.toMatch(/link-self|> pulumi-kernel@[\d.]+ prepare/);
    // npm 11 lists prepare among the scripts of a package from a file or git source not yet
    // covered by allowScripts (it does not run it for a tarball); never for the registry.
    // Nothing else of the package may be listed.
    const advisory = pkg.installOutput
      .split("\n")
      .filter((line) => /install-scripts\s+pulumi-kernel@/.test(line));
    expect(advisory.every((line) => /\(prepare: tsc -p tsconfig\.build\.json\)$/.test(line))).toBe(
      true,
    );
    expect(
      fs.existsSync(path.join(pkg.project, "node_modules", "pulumi-kernel", "dist", "index.js")),
    ).toBe(true);
  });

  it("maps every exported subpath's types for both resolutions", () => {
    const exportsMap = installedManifest.exports as Record<string, { types?: string }>;
    const typesVersions = (
      installedManifest.typesVersions as Record<string, Record<string, string[]>>
    )["*"];
    for (const [subpath, target] of Object.entries(exportsMap)) {
      if (subpath === "." || subpath === "./package.json") continue;
      expect(typesVersions[subpath.slice(2)]).toEqual([target.types!.slice(2)]);
    }
  });
});

/**
 * Compiles the project's index.ts with its tsconfig.json as it is, and reports what tsc would
 * report in the user's program and in every file the package brings into it. The files that a
 * bare Pulumi program compiles already (TypeScript's libs, @types/node, @pulumi/pulumi and what
 * its types import) are resolved as the program uses them, but their own bodies are Pulumi's to
 * check, not checked again here: that is most of tsc's time under no skipLibCheck (356 files).
 */
function compile() {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(pkg.project, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  )!;
  const host = ts.createCompilerHost(parsed.options);
  host.writeFile = () => undefined;
  const bare = path.join(pkg.project, "bare.ts");
  fs.writeFileSync(
    bare,
    'import * as pulumi from "@pulumi/pulumi";\nexport const stack = pulumi.getStack();\n',
  );
  const baseline = ts.createProgram({ rootNames: [bare], options: parsed.options, host });
  const pulumis = new Set(baseline.getSourceFiles().map((f) => f.fileName));
  pulumis.delete(baseline.getSourceFile(bare)!.fileName);
  // The user's program, reusing the bare program's parsed files.
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    host,
    oldProgram: baseline,
  });
  const brought = program.getSourceFiles().filter((f) => !pulumis.has(f.fileName));
  const diagnostics = [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...brought.flatMap((f) => program.getSemanticDiagnostics(f)),
    // File by file: emitting the whole program would check every file first.
    ...parsed.fileNames.flatMap((f) => program.emit(program.getSourceFile(f)).diagnostics),
  ];
  return {
    errors: diagnostics.map((d) => formatDiagnostic(d)),
    files: program.getSourceFiles().map((f) => f.fileName),
    checked: brought.map((f) => f.fileName),
  };
}

function formatDiagnostic(d: ts.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (!d.file || d.start === undefined) return `TS${d.code}: ${text}`;
  const { line } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${path.relative(pkg.project, d.file.fileName)}:${line + 1} TS${d.code}: ${text}`;
}

/** Where `specifier` resolves from the user's index.ts under `options`, relative to the package. */
function resolveFromProgram(specifier: string, options: ts.CompilerOptions): string | undefined {
  const { resolvedModule } = ts.resolveModuleName(
    specifier,
    path.join(pkg.project, "index.ts"),
    options,
    ts.sys,
  );
  return (
    resolvedModule && path.relative(packageDir(), fs.realpathSync(resolvedModule.resolvedFileName))
  );
}

const packageDir = () => fs.realpathSync(path.join(pkg.project, "node_modules", "pulumi-kernel"));

/**
 * Every declaration file reachable by imports from one entry point's declarations, each with
 * the outside packages it imports and the chain of imports that reaches it.
 */
function reachableDeclarations(entry: string) {
  const root = packageDir();
  const queue = [path.join(root, entry)];
  const via = new Map<string, string[]>([[queue[0], [entry]]]);
  const found: { file: string; outside: string[]; via: string[] }[] = [];
  for (let file = queue.shift(); file; file = queue.shift()) {
    const imports = ts
      .preProcessFile(fs.readFileSync(file, "utf8"), true, true)
      .importedFiles.map((i) => i.fileName);
    found.push({
      file: path.relative(root, file),
      outside: imports.filter((name) => !name.startsWith(".")),
      via: via.get(file)!,
    });
    for (const name of imports.filter((n) => n.startsWith("."))) {
      const base = path.resolve(path.dirname(file), name.replace(/\.js$/, ""));
      const target = [`${base}.d.ts`, path.join(base, "index.d.ts")].find((f) => fs.existsSync(f));
      if (target && !via.has(target)) {
        via.set(target, [...via.get(file)!, path.relative(root, target)]);
        queue.push(target);
      }
    }
  }
  return found;
}

describe("a user program compiled under Pulumi's template tsconfig.json as it is", () => {
  let result: ReturnType<typeof compile>;
  beforeAll(() => {
    result = compile();
  });

  it("compiles with no error (strict, no skipLibCheck, no esModuleInterop)", () => {
    expect(result.errors).toEqual([]);
  });

  it("checks the user's program and the package's declarations, which bring in nothing else", () => {
    const relative = result.checked.map((f) => path.relative(pkg.project, f));
    expect(relative).toContain("index.ts");
    expect(relative).toEqual(
      expect.arrayContaining(["node_modules/pulumi-kernel/dist/index.d.ts"]),
    );
    expect(relative.filter((f) => !/^(index\.ts|node_modules\/pulumi-kernel\/)/.test(f))).toEqual(
      [],
    );
  });

  it("reaches no type of zod or undici", () => {
    expect(result.files.filter((f) => /node_modules\/(zod|undici)\//.test(f))).toEqual([]);
  });
});

/** tsc's messages for one more file of the user's project, under its tsconfig.json. */
function messagesFor(fileName: string, code: string): string[] {
  const file = path.join(pkg.project, fileName);
  fs.writeFileSync(file, code);
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(pkg.project, "tsconfig.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  )!;
  const program = ts.createProgram({ rootNames: [file], options: parsed.options });
  return program
    .getSemanticDiagnostics(program.getSourceFile(file))
    .map((d) => formatDiagnostic(d));
}

describe("compiler messages in the user's program", () => {
  it.each([
    [
      "residential",
      '{ host: "proxy.example.com" }',
      /'host' does not exist in type .*asn\?.*city\?/s,
    ],
    ["datacenter", '{ city: "paris" }', /'city' does not exist in type .*country\?/s],
    ["custom", '{ host: "proxy.example.com" }', /Property 'port' is missing/],
  ])(
    "a wrong config of a %s proxy is checked against that type's keys",
    (type, config, expected) => {
      const messages = messagesFor(
        `wrong-${type}.ts`,
        `import * as kernel from "pulumi-kernel";\n` +
          `new kernel.Proxy("p", { type: "${type}", config: ${config} });\n`,
      );
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(expected);
      // The message is about the chosen type's config, not every type's at once.
      if (type !== "custom") expect(messages[0]).not.toMatch(/port/);
    },
  );
});

describe("the public declarations", () => {
  it("export from the root every type a resource module or the value sets export", () => {
    const dist = path.join(packageDir(), "dist");
    const modules = [
      "authConnection/resource.d.ts",
      "credential/resource.d.ts",
      "credentialProvider/resource.d.ts",
      "proxy/resource.d.ts",
      "profile/resource.d.ts",
      "enums.d.ts",
    ].map((file) => path.join(dist, file));
    const root = path.join(dist, "index.d.ts");
    const program = ts.createProgram({ rootNames: [root, ...modules], options: { noEmit: true } });
    const checker = program.getTypeChecker();
    const exportsOf = (file: string) =>
      checker
        .getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)!)!)
        .map((symbol) => symbol.name);
    const fromRoot = new Set(exportsOf(root));
    const missing = modules.flatMap((file) =>
      exportsOf(file)
        .filter((name) => !fromRoot.has(name))
        .map((name) => `${path.relative(dist, file)}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it("import neither zod nor undici, from any entry point", () => {
    const entries = Object.values(
      installedManifest.exports as Record<string, { types?: string }>,
    ).flatMap((target) => (target.types ? [target.types.slice(2)] : []));
    const leaks = entries.flatMap((entry) =>
      reachableDeclarations(entry).flatMap(({ file, outside, via }) =>
        outside
          .filter((name) => /^(zod|undici)(\/|$)/.test(name))
          .map((name) => `${file} imports "${name}" (reached by ${via.join(" > ")})`),
      ),
    );
    expect(leaks).toEqual([]);
  });

  it.each([
    [
      "node (Pulumi's template)",
      { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 },
    ],
    ["node16", { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 }],
    [
      "nodenext",
      { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
    ],
    [
      "bundler",
      { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
    ],
  ])("resolve for every entry point under %s resolution", (_name, options: ts.CompilerOptions) => {
    const typed = Object.entries(
      installedManifest.exports as Record<string, { types?: string }>,
    ).filter(([, target]) => target.types);
    // Every exported subpath with types, the three documented ones at least.
    expect(typed.map(([subpath]) => subpath)).toEqual(
      expect.arrayContaining([".", "./provider", "./emulator"]),
    );
    for (const [subpath, target] of typed) {
      expect([subpath, resolveFromProgram(`pulumi-kernel${subpath.slice(1)}`, options)]).toEqual([
        subpath,
        target.types!.slice(2),
      ]);
    }
  });
});

const KEY = "sk_serialization_secret_77c1e0";

describe("pulumi-kernel pr-comment from the installed package", () => {
  it("is packed, and runs the example workflow's render step on a real preview", async () => {
    expect(installedManifest.bin).toEqual(
      expect.objectContaining({ "pulumi-kernel": "dist/cli/main.js" }),
    );
    expect(pkg.packedFiles).toEqual(
      expect.arrayContaining(["dist/cli/main.js", "dist/cli/commands.js", "dist/prComment/cli.js"]),
    );
    const fixture = path.join(
      REPO_ROOT,
      "test/prComment/fixtures/pulumi-v3.276.0/07-rotation-and-drift.json",
    );
    fs.copyFileSync(fixture, path.join(pkg.project, "preview.json"));
    const summary = path.join(pkg.project, "step-summary.md");
    fs.writeFileSync(summary, "");
    await promisify(execFile)("bash", ["-e", "-c", stepBlock("Render the comment", "run")], {
      cwd: pkg.project,
      // npx finds the installed bin; it must not ask the registry.
      env: { ...process.env, GITHUB_STEP_SUMMARY: summary, npm_config_offline: "true" },
    });
    const comment = fs.readFileSync(path.join(pkg.project, "comment.md"), "utf8");
    expect(comment.split("\n")[0]).toBe(
      "<!-- pulumi-kernel:pr-comment pulumi-kernel-example/dev -->",
    );
    expect(comment.length).toBeLessThan(GITHUB_LIMIT);
    expect(comment).toMatch(/PATCH \/auth\/connections\/ma_[\w-]+\n\n\{"allowed_domains":/);
    expect(fs.readFileSync(summary, "utf8")).toBe(comment);
  });
});

describe("the __provider text in state", () => {
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
    project = pkg.project;
    emulator = await startEmulator({ apiKey: KEY });
  });

  afterAll(async () => {
    delete process.env.KERNEL_API_KEY;
    await emulator?.close();
  });

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
    // `changes` left undefined (DIFF_UNKNOWN): the engine names the changed inputs itself.
    expect(result.diff).toEqual({ replaces: [], deleteBeforeReplace: false });
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
