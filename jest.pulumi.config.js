/**
 * `npm run test:pulumi`: the end-to-end suites with the real Pulumi CLI (test/pulumi/*.e2e.ts).
 * Not part of `npm test`, which needs neither Go nor the CLI: the file names do not match its
 * `*.test.ts`. The global setup fails at once, saying to run `npm run pulumi:cli`, when no CLI
 * is found.
 */
const base = require("./jest.config");

module.exports = {
  testEnvironment: "node",
  transform: base.transform,
  roots: ["<rootDir>/test/pulumi"],
  testMatch: ["**/*.e2e.ts"],
  globalSetup: "<rootDir>/test/pulumi/globalSetup.js",
  // Each suite drives `pulumi` processes that load Node and the program: one suite per core.
  maxWorkers: 2,
  // A suite is a sequence of `pulumi` commands of a few seconds each.
  testTimeout: 180000,
};
