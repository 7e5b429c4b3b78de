/**
 * The package as a user gets it: `npm pack`, then installed by name into a fresh project.
 * Used to take the `__provider` text from the installed package, in a fresh process, and to
 * compile a user program against the installed package's declarations.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./repoRoot";

const run = promisify(execFile);

/** Declares the example resource under setMocks and prints the __provider text Pulumi stores. */
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
pulumi.runtime.setMocks({
  newResource: (args) => {
    if (args.inputs.__provider) process.stdout.write(JSON.stringify({ provider: args.inputs.__provider }));
    return { id: args.name + "-id", state: args.inputs };
  },
  call: (args) => args.inputs,
}, "proj", "stack", true);
const { AuthConnection } = require("pulumi-kernel");
new AuthConnection("netflix", { profileName: "team-netflix", domain: "netflix.com" }).urn.apply(() => undefined);
`;

export interface PackedInstall {
  /** The user's project folder: package.json, the tarball, node_modules/pulumi-kernel. */
  project: string;
  /** The tarball's file name, in `project`. */
  tarball: string;
  /** Paths inside the tarball, as `npm pack` lists them. */
  packedFiles: string[];
  /** Everything `npm install <tarball>` printed, warnings included. */
  installOutput: string;
}

/**
 * Packs this repository (from the dist/ already built) and installs the tarball in a new
 * project as the README tells users to. The user's own packages that the package expects
 * beside it (`@pulumi/pulumi`, the peer, and `@types/node`) are linked from this repository's
 * node_modules, so the test runs against the @pulumi/pulumi the suite runs with.
 */
export async function packAndInstall(prefix = "pulumi-kernel-user-"): Promise<PackedInstall> {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const packed = await run(
    "npm",
    ["pack", "--ignore-scripts", "--json", "--pack-destination", project],
    { cwd: REPO_ROOT },
  );
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  fs.writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify({ name: "user-stack", private: true }),
  );
  const installed = await run(
    "npm",
    [
      "install",
      `./${info.filename}`,
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--legacy-peer-deps",
      "--loglevel",
      "warn",
    ],
    { cwd: project },
  );
  for (const name of ["@pulumi/pulumi", "@types/node"]) {
    const link = path.join(project, "node_modules", name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(fs.realpathSync(path.join(REPO_ROOT, "node_modules", name)), link, "dir");
  }
  return {
    project,
    tarball: info.filename,
    packedFiles: info.files.map((f) => f.path),
    installOutput: installed.stdout + installed.stderr,
  };
}

/** Packs this repository and installs the tarball by name in a new project; returns its folder. */
export async function installPackedPackage(prefix = "pulumi-kernel-user-"): Promise<string> {
  return (await packAndInstall(prefix)).project;
}

/** The `__provider` text of an AuthConnection declared with the package installed in `project`. */
export async function installedProviderText(project: string): Promise<string> {
  fs.writeFileSync(path.join(project, "program.js"), PROGRAM);
  const { stdout } = await run(process.execPath, ["program.js"], { cwd: project });
  return JSON.parse(stdout).provider;
}
