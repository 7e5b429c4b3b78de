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
  // At least two suites at a time: the host suites mostly wait on their host processes, so two
  // keep a two-core machine busy where jest's default (cores - 1) would run them one by one.
  testSequencer: "<rootDir>/scripts/jest-sequencer.js",
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  testTimeout: 60000,
};
