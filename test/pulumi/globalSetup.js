// The end-to-end suites need the real CLI and dist/: fail at once, with what to run, without one.
const { findPulumiCli, MISSING } = require("../../scripts/pulumi-cli-path");

module.exports = async () => {
  const bin = findPulumiCli();
  if (!bin) throw new Error(MISSING);
  require("../../scripts/link-self")();
};
