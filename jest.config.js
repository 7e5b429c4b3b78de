/** Unit and property tests need no build; host, emulator and serialization tests use dist/. */
const os = require("node:os");

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/src"],
  testMatch: ["**/*.test.ts"],
  // The git-URL install suite runs alone: `npm run test:install` (test/install/jest.config.js).
  testPathIgnorePatterns: ["/node_modules/", "/test/install/"],
  // Transpiles only, as tsconfig.json's isolatedModules allows; scripts/typecheck.js (npm test)
  // type-checks. swc rather than ts-jest: on a fresh clone (a cold cache) ts-jest's transforms
  // cost about 20 s of CPU across the workers; with swc a cold run costs what a warm ts-jest
  // run does. The options are tsconfig.json's: ES2020, CommonJS with esModuleInterop's
  // helpers, class fields assigned (not defined).
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript" },
          target: "es2020",
          transform: { useDefineForClassFields: false },
        },
        module: { type: "commonjs" },
      },
    ],
  },
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
