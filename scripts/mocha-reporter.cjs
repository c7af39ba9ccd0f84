// Mocha reporter used by every test layer: prints mocha's usual spec output and, when the environment
// names a file in TIMCHAT_TEST_RESULTS, writes the layer's counts there as JSON, so scripts/test.mjs
// can add up all layers into the one closing line `N passed, N failed` that CI reads. Skipped tests are
// listed with the reason they printed.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;

class TimChatReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const counts = { passed: 0, failed: 0, skipped: 0, failures: [], skips: [] };
    runner.on(EVENT_TEST_PASS, () => counts.passed++);
    runner.on(EVENT_TEST_FAIL, (test, err) => {
      counts.failed++;
      counts.failures.push({ title: test.fullTitle(), error: String((err && err.message) || err).slice(0, 2000) });
    });
    runner.on(EVENT_TEST_PENDING, (test) => {
      counts.skipped++;
      counts.skips.push(test.fullTitle());
    });
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.TIMCHAT_TEST_RESULTS;
      if (file) {
        fs.writeFileSync(file, JSON.stringify(counts));
      }
    });
  }
}

module.exports = TimChatReporter;
