/**
 * The package as a user gets it: `npm pack`, then installed by name into a fresh project.
 * Used to take the `__provider` text from the installed package, in a fresh process.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./example";

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

/** Packs this repository and installs the tarball by name in a new project; returns its folder. */
export async function installPackedPackage(prefix = "pulumi-kernel-user-"): Promise<string> {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const packed = await run(
    "npm",
    ["pack", "--ignore-scripts", "--silent", "--pack-destination", project],
    {
      cwd: REPO_ROOT,
    },
  );
  const tarball = packed.stdout.trim().split("\n").pop()!;
  fs.writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify({ name: "user-stack", private: true }),
  );
  // The peer @pulumi/pulumi is the user's own; it is borrowed from this repository when needed.
  await run(
    "npm",
    [
      "install",
      `./${tarball}`,
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--legacy-peer-deps",
      "--silent",
    ],
    { cwd: project },
  );
  return project;
}

/** The `__provider` text of an AuthConnection declared with the package installed in `project`. */
export async function installedProviderText(project: string): Promise<string> {
  fs.writeFileSync(path.join(project, "program.js"), PROGRAM);
  const { stdout } = await run(process.execPath, ["program.js"], {
    cwd: project,
    env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, "node_modules") },
  });
  return JSON.parse(stdout).provider;
}
