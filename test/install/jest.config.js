/**
 * `npm run test:install`: the git-URL install from a clean clone (CI runs it after npm test).
 * Apart from `npm test` because of its cost: npm installs the package's development
 * dependencies into its own clone to run `prepare`, and a user project is installed from the
 * registry cache.
 */
const base = require("../../jest.config");

module.exports = {
  ...base,
  rootDir: "../..",
  roots: ["<rootDir>/test/install"],
  testPathIgnorePatterns: ["/node_modules/"],
  globalSetup: undefined,
  testSequencer: undefined,
  maxWorkers: 1,
  testTimeout: 600_000,
};
