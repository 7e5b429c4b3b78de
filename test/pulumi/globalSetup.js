// The end-to-end suites need the real CLI and dist/ (npm run test:pulumi transpiles first): fail
// at once, saying what to run, without a CLI. The one found is handed to the suites' workers
// (PULUMI_KERNEL_CLI), so they do not look it up again.
const { readyPulumi } = require("../../dist/realCli/locate");

module.exports = async () => {
  const ready = await readyPulumi();
  if ("missing" in ready) throw new Error(`No ready Pulumi CLI: ${ready.missing}`);
  process.env.PULUMI_KERNEL_CLI = ready.pulumi;
  require("../../scripts/link-self")();
};
