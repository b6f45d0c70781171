// Reads the test runners' JSON reports and returns one `runner: N passed, N failed` line each.
import { existsSync, readFileSync } from 'node:fs';

function vitestCounts(path) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  // A file that failed to load has no failed test of its own: count it as one failure.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) =>
      file.status === 'failed' &&
      !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    suitesFailed: brokenFiles,
  };
}

function playwrightCounts(path) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  const s = report.stats ?? {};
  return {
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: s.unexpected ?? 0,
    skipped: s.skipped ?? 0,
    suitesFailed: (report.errors ?? []).length,
    skipReasons: skipReasons(report),
  };
}

/** Why tests were skipped (`test.skip(condition, reason)`), each reason once with its count. */
function skipReasons(report) {
  const counts = new Map();
  const walk = (suite) => {
    for (const child of suite.suites ?? []) walk(child);
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'skipped') continue;
        const note = (test.annotations ?? []).find((a) => a.type === 'skip');
        const reason = note?.description || 'no reason given';
        counts.set(reason, (counts.get(reason) ?? 0) + 1);
      }
    }
  };
  for (const suite of report.suites ?? []) walk(suite);
  return [...counts].map(([reason, n]) => `${n} skipped: ${reason}`);
}

export function summarize() {
  const lines = [];
  const runners = [
    ['vitest', 'test-results/vitest.json', vitestCounts],
    // The built app: wiring under the Electron stand-in and the packaging check.
    ['app (vitest)', 'test-results/vitest-app.json', vitestCounts],
    ['playwright', 'test-results/playwright.json', playwrightCounts],
  ];
  for (const [name, path, read] of runners) {
    if (!existsSync(path)) {
      lines.push(`${name}: no report (the runner did not finish)`);
      continue;
    }
    const c = read(path);
    // A suite that failed to load counts as a failure, so a broken file is never silent.
    const failed = c.failed + c.suitesFailed;
    for (const reason of c.skipReasons ?? []) lines.push(`  (${name}) ${reason}`);
    lines.push(`${name}: ${c.passed} passed, ${failed} failed, ${c.skipped} skipped`);
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of summarize()) console.log(line);
}
