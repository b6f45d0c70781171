#!/usr/bin/env node
// `npm test`: every check in order — typecheck, lint, unit/gateway/desk/renderer tests,
// build, the built app (its wiring under the Electron stand-in and the packaging check),
// security scan, end-to-end — then one `N passed, N failed` line per test runner, read from
// the runners' JSON reports. Exits non-zero when any step failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { summarize } from './summarize.mjs';

process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent';
process.env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';

const only = process.argv.slice(2);
const steps = [
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  ['lint', 'npm', ['run', '-s', 'lint']],
  [
    'vitest',
    'npx',
    [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/vitest.json',
    ],
  ],
  ['build', 'npm', ['run', '-s', 'build']],
  [
    'app',
    'npx',
    [
      'vitest',
      'run',
      '--config',
      'vitest.app.config.ts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/vitest-app.json',
    ],
  ],
  ['security', 'node', ['scripts/security-scan.mjs']],
  ['playwright', 'npx', ['playwright', 'test']],
];

rmSync('test-results/vitest.json', { force: true });
rmSync('test-results/vitest-app.json', { force: true });
rmSync('test-results/playwright.json', { force: true });
mkdirSync('test-results', { recursive: true });

const failed = [];
for (const [name, cmd, args] of steps) {
  if (only.length > 0 && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const run = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status === 0) console.log(`✔ ${name} (${seconds} s)`);
  else {
    console.log(`✘ ${name} failed (exit ${run.status ?? run.signal}, ${seconds} s)`);
    failed.push(name);
  }
}

const lines = summarize();
console.log('');
for (const line of lines) console.log(line);
if (failed.length > 0) {
  console.log(`failed steps: ${failed.join(', ')}`);
  process.exit(1);
}
