/**
 * `npm run bench`: runs every benchmark module in one process, prints one table and writes
 * `test-results/bench.json` as `[{name, value, unit}]`. Figures are measured in this run only;
 * nothing here asserts a time (targets are reported beside the figures, never enforced).
 *
 * `npm run bench -- desk continuity` runs only those suites and writes
 * `test-results/bench-desk-continuity.json`: `bench.json` is read by others and always holds
 * every figure name from one whole run, so a partial run never replaces it. A figure that is
 * not a finite number fails the run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { BenchEntry } from './types';

process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent';

const suites: Array<[string, () => Promise<{ run(): Promise<BenchEntry[]> }>]> = [
  ['gateway', () => import('./gateway.bench')],
  ['desk', () => import('./desk.bench')],
  ['renderer', () => import('./renderer.bench')],
  ['continuity', () => import('./continuity.bench')],
];

const only = process.argv.slice(2);
const unknown = only.filter((name) => !suites.some(([suite]) => suite === name));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown benchmark suite: ${unknown.join(', ')} (suites: ${suites.map(([n]) => n).join(', ')})\n`,
  );
  process.exit(2);
}
const all: BenchEntry[] = [];
let failed = false;
for (const [name, load] of suites) {
  if (only.length > 0 && !only.includes(name)) continue;
  const started = Date.now();
  process.stdout.write(`running ${name} benchmarks…\n`);
  try {
    const entries = await (await load()).run();
    for (const e of entries) {
      if (Number.isFinite(e.value)) continue;
      failed = true;
      process.stdout.write(`  ${e.name} was not measured (value ${String(e.value)})\n`);
    }
    all.push(...entries);
    process.stdout.write(
      `  ${entries.length} figures in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } catch (error) {
    failed = true;
    process.stdout.write(
      `  ${name} failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
}

const width = Math.max(...all.map((e) => e.name.length), 10);
process.stdout.write(`\n${'benchmark'.padEnd(width)}  ${'value'.padStart(12)}  unit\n`);
for (const e of all) {
  const value = Number.isInteger(e.value) ? String(e.value) : e.value.toFixed(3);
  process.stdout.write(`${e.name.padEnd(width)}  ${value.padStart(12)}  ${e.unit}\n`);
}
const file =
  only.length === 0 ? 'test-results/bench.json' : `test-results/bench-${only.join('-')}.json`;
mkdirSync('test-results', { recursive: true });
writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
process.stdout.write(`\nwrote ${file}\n`);
// The suites leave keep-alive sockets and simulators behind only on failure; exit explicitly.
process.exit(failed ? 1 : 0);
