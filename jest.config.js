/** Unit and property tests need no build; host, emulator and serialization tests use dist/. */
const os = require("node:os");

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/src"],
  testMatch: ["**/*.test.ts"],
  // tsconfig.json has isolatedModules: ts-jest only transpiles; `tsc --noEmit` type-checks.
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  // Links node_modules/pulumi-kernel to this checkout for the host and serialization suites.
  globalSetup: "<rootDir>/scripts/jest-global-setup.js",
  // Host and serialization suites first (see the file).
  testSequencer: "<rootDir>/scripts/jest-sequencer.js",
  // One suite more than there are cores: the host suites mostly wait on their host processes
  // (the fault matrix runs 41 s on 13 s of CPU), and the extra suite fills that time. Measured
  // on two cores: jest alone 90 s with two workers, 71 s with three, 69 s with four.
  maxWorkers: os.availableParallelism() + 1,
  testTimeout: 60000,
};
