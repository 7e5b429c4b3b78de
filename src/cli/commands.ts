/**
 * The subcommands of the `pulumi-kernel` bin, one row each. A command resolves to its exit
 * code, or to `undefined` when it keeps running (the emulator) and ends the process itself.
 * Each row loads its module only when chosen, so `pulumi-kernel --help` stays quick.
 */
export interface Command {
  /** One line for `pulumi-kernel --help`. */
  summary: string;
  run(args: string[]): Promise<number | undefined>;
}

export const COMMANDS: Readonly<Record<string, Command>> = {
  emulator: {
    summary: "run the local Kernel API emulator (`pulumi-kernel emulator --help`)",
    run: async (args) => (await import("../emulator/cli")).runEmulatorCli(args),
  },
  doctor: {
    summary: "check the key, base URL and project: which org and project they reach, plan limits",
    run: async (args) => (await import("./doctor")).runDoctor(args),
  },
  "pr-comment": {
    summary:
      "a pull-request comment from `pulumi preview --json` (`pulumi-kernel pr-comment --help`)",
    run: async (args) => (await import("../prComment/cli")).runPrComment(args),
  },
};
