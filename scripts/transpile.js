#!/usr/bin/env node
// Writes dist/*.js (and their source maps) from src/ without type-checking: what the demo, the
// bench, the emulator and the tests run, in a few seconds instead of a full `tsc`.
// `npm test` writes the declarations beside them from its type-check (scripts/typecheck.js);
// `npm ci`, `npm pack` and a git-URL install build dist/ whole with tsc (prepare). tsconfig.json has isolatedModules, so
// transpiling file by file emits what tsc would.
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");
const { parseTsconfig } = require("./tsconfig");

const root = path.resolve(__dirname, "..");
const parsed = parseTsconfig(path.join(root, "tsconfig.build.json"));
const { rootDir, outDir } = parsed.options;
const compilerOptions = { ...parsed.options, declaration: false };
for (const file of parsed.fileNames) {
  const out = path.join(outDir, path.relative(rootDir, file)).replace(/\.ts$/, ".js");
  const { outputText, sourceMapText } = ts.transpileModule(fs.readFileSync(file, "utf8"), {
    compilerOptions,
    fileName: file,
  });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, outputText);
  if (sourceMapText) {
    // As tsc writes it: the source named relative to the map.
    const map = JSON.parse(sourceMapText);
    map.sources = [path.relative(path.dirname(out), file)];
    fs.writeFileSync(`${out}.map`, JSON.stringify(map));
  }
}
