#!/usr/bin/env node
// Type-checks the whole repository (tsconfig.json: src, tests, examples, scripts) as
// `tsc --noEmit` does, and from the same program writes src/'s declarations to dist/, which
// are what `tsc -p tsconfig.build.json` writes beside the JavaScript. `npm test` runs this
// beside scripts/transpile.js (the JavaScript), so the sources are parsed and checked once,
// not once for the build and again for the type-check. Exits 1 on any error, printed as tsc
// prints them.
const path = require("node:path");
const ts = require("typescript");
const { parseTsconfig } = require("./tsconfig");

const root = path.resolve(__dirname, "..");

const all = parseTsconfig(path.join(root, "tsconfig.json"));
const build = parseTsconfig(path.join(root, "tsconfig.build.json"));
const published = new Set(build.fileNames.map((f) => path.resolve(f)));

// The checked program, with declarations on for the emit below: the same semantic checks as
// `tsc --noEmit`, whose declaration-only diagnostics are asked of the published files alone.
const { outDir, rootDir } = build.options;
const program = ts.createProgram({
  rootNames: all.fileNames,
  options: { ...all.options, noEmit: false, declaration: true, outDir },
  configFileParsingDiagnostics: all.errors,
});
const diagnostics = [
  ...program.getConfigFileParsingDiagnostics(),
  ...program.getOptionsDiagnostics(),
  ...program.getSyntacticDiagnostics(),
  ...program.getGlobalDiagnostics(),
  ...program.getSemanticDiagnostics(),
];

if (!diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error)) {
  // The program's rootDir is the repository, so it names src/x.ts's declarations
  // dist/src/x.d.ts; the build's rootDir (src/) names them dist/x.d.ts.
  const emittedRoot = path.join(outDir, path.relative(all.options.rootDir, rootDir));
  const writeFile = (fileName, text) =>
    ts.sys.writeFile(path.join(outDir, path.relative(emittedRoot, fileName)), text);
  for (const source of program.getSourceFiles()) {
    if (!published.has(path.resolve(source.fileName))) continue;
    diagnostics.push(...program.emit(source, writeFile, undefined, true).diagnostics);
  }
}

if (diagnostics.length) {
  const host = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => "\n",
  };
  const format = process.stdout.isTTY
    ? ts.formatDiagnosticsWithColorAndContext
    : ts.formatDiagnostics;
  process.stdout.write(format(ts.sortAndDeduplicateDiagnostics(diagnostics), host));
}
process.exit(diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error) ? 1 : 0);
