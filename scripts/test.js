#!/usr/bin/env node
// `npm test`, in two lanes that share the machine's cores:
// - scripts/transpile.js writes dist/'s JavaScript (seconds, no type-check), then jest runs
//   every suite but the packed-package one, its output streaming;
// - scripts/typecheck.js type-checks everything as `tsc --noEmit` does and writes dist/'s
//   declarations from the same program, then jest runs the packed-package suite (it packs
//   dist/ and compiles a user program against its types); its output is printed at the end.
// So the sources are parsed and checked once, and the host suites, which spend much of their
// time waiting on their host processes, start within seconds. Lint and the format check are
// `npm run lint`, which CI runs beside this. Any failure fails the run and is named at the end.
// Arguments go to both jest runs: `npm test -- test/host` type-checks and runs the host suites.
const { spawn } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const node = (script, args = []) => [process.execPath, [path.join(root, script), ...args]];
const args = process.argv.slice(2);
const jest = (...options) => node("node_modules/jest/bin/jest.js", [...options, ...args]);

const PACKAGE_SUITES = "/test/serialization/";
const TRANSPILE = ["transpile", ...node("scripts/transpile.js")];
const TYPECHECK = ["typecheck and declarations", ...node("scripts/typecheck.js")];
// The git-URL install suite is `npm run test:install`, which CI runs after this.
const INSTALL_SUITES = "/test/install/";
const JEST = [
  "jest",
  ...jest("--testPathIgnorePatterns", "/node_modules/", PACKAGE_SUITES, INSTALL_SUITES),
];
const PACKAGE_JEST = [
  "jest (packed package)",
  ...jest("--testPathIgnorePatterns", `^(?!.*${PACKAGE_SUITES})`, "--passWithNoTests"),
];

const seconds = (started) => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/** Runs one step; its output is kept for later unless `stream`. Resolves to its report. */
function run([name, command, commandArgs], { stream = false } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, {
      cwd: root,
      stdio: stream ? "inherit" : ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    child.on("error", (err) => (output += `${err}\n`));
    child.on("close", (code, signal) => {
      const ok = code === 0;
      const status = ok ? "ok" : `FAILED (${signal ?? code})`;
      resolve({ name, ok, line: `== ${name}: ${status}, ${seconds(started)}`, output });
    });
  });
}

const notRun = ([name]) => ({ name, ok: false, line: `== ${name}: not run`, output: "" });

function print({ line, output }) {
  process.stdout.write(`${line}\n`);
  if (output.trim()) process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
}

async function main() {
  const started = Date.now();
  const transpile = run(TRANSPILE);
  const typecheck = run(TYPECHECK);
  const packageSuites = Promise.all([transpile, typecheck]).then(async (built) =>
    built.every((report) => report.ok) ? run(PACKAGE_JEST) : notRun(PACKAGE_JEST),
  );
  print(await transpile);
  const suites = (await transpile).ok ? await run(JEST, { stream: true }) : notRun(JEST);
  process.stdout.write("\n");
  [await typecheck, await packageSuites].forEach(print);
  process.stdout.write(`${suites.line}\n`);
  finish([await transpile, await typecheck, await packageSuites, suites], started);
}

function finish(reports, started) {
  const failed = reports.filter((r) => !r.ok).map((r) => r.name);
  process.stdout.write(`== npm test: ${failed.length ? "FAILED" : "ok"}, ${seconds(started)}\n`);
  if (failed.length) {
    process.stderr.write(`failed: ${failed.join(", ")}\n`);
    process.exit(1);
  }
}

main();
