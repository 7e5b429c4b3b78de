// A tsconfig file as tsc reads it (extends, include, defaults), for the scripts that compile
// with TypeScript's API: transpile.js and typecheck.js.
const ts = require("typescript");

/** The parsed config at `file` (absolute); throws on a config tsc could not read at all. */
function parseTsconfig(file) {
  return ts.getParsedCommandLineOfConfigFile(
    file,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  );
}

module.exports = { parseTsconfig };
