/**
 * `npm run demo`: the example stack's whole life through Pulumi's dynamic-provider host against
 * the embedded Kernel API emulator (the steps are in steps.ts). Fails, exit 1, when a secret
 * reaches the printout or the host's output, or when anything is left after destroy.
 * `npm run demo -- --real-cli`: the same steps through the real `pulumi` (realCli.ts).
 */
import { pulumiBinary } from "../host/pulumiCli";
import { runRealCliDemo } from "./realCli";
import { demoProblems, runDemo } from "./steps";

const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

async function main(): Promise<void> {
  if (process.argv.includes("--real-cli")) {
    await pulumiBinary().catch(() => {
      throw new Error("--real-cli needs the Pulumi CLI: run `npm run pulumi:cli` first");
    });
    const { problems } = await runRealCliDemo((line) => console.log(line));
    if (problems.length) throw new Error(problems.join("; "));
    return;
  }
  const result = await runDemo({ print: (line) => console.log(line), color });
  const problems = demoProblems(result);
  if (problems.length) throw new Error(problems.join("; "));
  console.log(
    "To run the example with the real Pulumi CLI against the emulator:\n" +
      "  npx pulumi-kernel-emulator --port 8787 --api-key sk_emulator_dev_key   # or: npm run emulator\n" +
      "  pulumi config set kernel:baseUrl http://127.0.0.1:8787 && pulumi config set --secret kernel:apiKey sk_emulator_dev_key\n" +
      "  pulumi config set netflixUser me@example.com && pulumi config set --secret netflixPassword '...'\n" +
      "  pulumi up",
  );
}

main().catch((err) => {
  // The message only: a stack or an error's properties could carry a request body.
  console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
