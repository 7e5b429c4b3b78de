#!/usr/bin/env node
/** `pulumi-kernel <command> [options]`: the package's one bin; the commands are in ./commands. */
import { COMMANDS } from "./commands";

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const rows = Object.entries(COMMANDS).map(
    ([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`,
  );
  return `usage: pulumi-kernel <command> [options]\n\ncommands:\n${rows.join("\n")}\n`;
}

/** Runs one command line; resolves to an exit code, or undefined while a command keeps running. */
export async function runCli(argv: string[]): Promise<number | undefined> {
  const [name, ...args] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    process[name === undefined ? "stderr" : "stdout"].write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    process.stderr.write(`pulumi-kernel: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return 2;
  }
  return command.run(args);
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      if (code !== undefined) process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`pulumi-kernel: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
