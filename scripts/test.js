#!/usr/bin/env node
// `npm test`: the static checks (eslint, tsc --noEmit, prettier --check) one after another in a
// lane of their own, beside the build and then jest, which starts once dist/ is built. The host
// suites spend much of their time waiting on their host processes (retries, Retry-After,
// timeouts), and the checks fill that time instead of running before jest on a two-core
// machine. The build emits without type-checking (`--noCheck`): `tsc --noEmit` checks
// the same sources and the tests in one program. Jest's output streams; each check's output
// is printed whole when jest ends. Any failure fails the run and is named at the end.
// Arguments go to jest: `npm test -- test/host` runs the checks and the host suites.
const { spawn } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const BUILD = ["build", bin("tsc"), ["-p", "tsconfig.build.json", "--noCheck"]];
const CHECKS = [
  ["eslint", bin("eslint"), ["."]],
  ["tsc --noEmit", bin("tsc"), ["--noEmit"]],
  ["prettier --check", bin("prettier"), ["--check", "--log-level", "warn", "."]],
];
const JEST = [
  "jest",
  process.execPath,
  [require.resolve("jest/bin/jest"), ...process.argv.slice(2)],
];

const seconds = (started) => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/** Runs one step; its output is kept for later unless `stream`. Resolves to its report. */
function run([name, command, args], { stream = false } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
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

function print({ line, output }) {
  process.stdout.write(`${line}\n`);
  if (output.trim()) process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
}

async function main() {
  const started = Date.now();
  const checks = (async () => {
    const reports = [];
    for (const step of CHECKS) reports.push(await run(step));
    return reports;
  })();
  const build = await run(BUILD);
  print(build);
  const jest = build.ok ? await run(JEST, { stream: true }) : undefined;
  const reports = await checks;
  process.stdout.write("\n");
  reports.forEach(print);
  if (jest) process.stdout.write(`${jest.line}\n`);
  finish([build, ...reports, ...(jest ? [jest] : [])], started);
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
