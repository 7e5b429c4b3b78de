#!/usr/bin/env node
// `npm test`'s checks before jest: eslint, prettier --check, tsc --noEmit and the build, run
// side by side (two at a time on a two-core machine) instead of one after another. Each
// one's output is printed whole when it ends; any failure fails the run, named at the end.
const { spawn } = require("node:child_process");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const STEPS = [
  ["tsc --noEmit", bin("tsc"), ["--noEmit"]],
  ["build", bin("tsc"), ["-p", "tsconfig.build.json"]],
  ["eslint", bin("eslint"), ["."]],
  ["prettier --check", bin("prettier"), ["--check", "--log-level", "warn", "."]],
];

function run([name, command, args]) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (err) => (output += String(err)));
    child.on("close", (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`== ${name}: ${code === 0 ? "ok" : `FAILED (${code})`}, ${seconds} s\n`);
      if (output.trim()) process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
      resolve(code === 0 ? undefined : name);
    });
  });
}

async function main() {
  const queue = [...STEPS];
  const failed = [];
  const lanes = Math.max(1, Math.min(2, os.availableParallelism?.() ?? os.cpus().length));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let step = queue.shift(); step; step = queue.shift()) {
        const failure = await run(step);
        if (failure) failed.push(failure);
      }
    }),
  );
  if (failed.length) {
    process.stderr.write(`checks failed: ${failed.join(", ")}\n`);
    process.exit(1);
  }
}

main();
