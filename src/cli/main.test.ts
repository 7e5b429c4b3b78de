import { COMMANDS } from "./commands";
import { runCli, usage } from "./main";

function capture(stream: "stdout" | "stderr"): { text: () => string; restore: () => void } {
  let text = "";
  const spy = jest.spyOn(process[stream], "write").mockImplementation((chunk) => {
    text += String(chunk);
    return true;
  });
  return { text: () => text, restore: () => spy.mockRestore() };
}

describe("pulumi-kernel", () => {
  it("lists every command in its usage", () => {
    for (const name of Object.keys(COMMANDS)) expect(usage()).toContain(`  ${name}  `);
  });

  it("answers --help on stdout with exit 0, and no command on stderr with exit 2", async () => {
    const out = capture("stdout");
    const err = capture("stderr");
    try {
      expect(await runCli(["--help"])).toBe(0);
      expect(await runCli([])).toBe(2);
    } finally {
      out.restore();
      err.restore();
    }
    expect(out.text()).toBe(usage());
    expect(err.text()).toBe(usage());
  });

  it("refuses an unknown command by name, with exit 2", async () => {
    const err = capture("stderr");
    try {
      expect(await runCli(["emulater"])).toBe(2);
    } finally {
      err.restore();
    }
    expect(err.text()).toContain('unknown command "emulater"');
  });

  it("passes the rest of the line to the command", async () => {
    const out = capture("stdout");
    try {
      expect(await runCli(["emulator", "--help"])).toBe(0);
    } finally {
      out.restore();
    }
    expect(out.text()).toMatch(/^usage: pulumi-kernel-emulator/);
  });
});
