#!/usr/bin/env node
// Writes dist/*.js from src/ without type-checking: what the demo, the bench and the emulator
// need to run, in a few seconds instead of a full `tsc` (type-check and declarations).
// `npm test` type-checks and builds dist/ whole, and `npm pack` builds it whole (prepack).
// tsconfig.json has isolatedModules, so transpiling file by file emits what tsc would.
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");

const root = path.resolve(__dirname, "..");
const parsed = ts.getParsedCommandLineOfConfigFile(
  path.join(root, "tsconfig.build.json"),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  },
);
const { rootDir, outDir } = parsed.options;
const compilerOptions = { ...parsed.options, declaration: false, sourceMap: false };
for (const file of parsed.fileNames) {
  const out = path.join(outDir, path.relative(rootDir, file)).replace(/\.ts$/, ".js");
  const { outputText } = ts.transpileModule(fs.readFileSync(file, "utf8"), {
    compilerOptions,
    fileName: file,
  });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, outputText);
}
