// Jest's own order (slowest first when timings from an earlier run are cached, else largest
// file first), with the suites that wait first: the host and serialization suites spend much
// of their time waiting on other processes (hosts, retries, npm, tsc), and started early that
// waiting overlaps the CPU-bound unit suites instead of trailing at the end of the run.
// (`@jest/test-sequencer` is what Jest's documentation extends; it comes with jest.)
const Sequencer = require("@jest/test-sequencer").default;

const WAITS = /[\\/]test[\\/](host|serialization)[\\/]/;

class WaitingSuitesFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    return [
      ...sorted.filter((t) => WAITS.test(t.path)),
      ...sorted.filter((t) => !WAITS.test(t.path)),
    ];
  }
}

module.exports = WaitingSuitesFirst;
