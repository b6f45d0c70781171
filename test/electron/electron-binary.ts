/**
 * Finds the Electron binary the way the `electron` package does (node_modules/electron/
 * index.js): the platform's relative path from `path.txt`, under ELECTRON_OVERRIDE_DIST_PATH
 * when set, else under node_modules/electron/dist. The Playwright config sets the override
 * to `/nonexistent` when unset (so importing electron never downloads), so the installed
 * dist is checked as well. Nothing is downloaded here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The binary to launch, or why there is none (one line, for `test.skip`). */
export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

/** Locates the Electron executable without side effects. */
export function findElectronBinary(root: string, env: NodeJS.ProcessEnv): ElectronBinary {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const candidates: string[] = [];
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override !== undefined && override !== '') {
    candidates.push(join(override, relative ?? 'electron'));
  }
  if (relative !== null) candidates.push(join(pkg, 'dist', relative));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found !== undefined) return { ok: true, path: found };
  const looked =
    candidates.length > 0 ? `looked at ${candidates.join(' or ')}` : 'no path to look at';
  const why = relative === null ? `; ${pathFile} is missing: the binary was never installed` : '';
  return {
    ok: false,
    reason:
      `Electron binary not found (${looked}${why}). ` +
      'To run this suite, install Electron 45.4.1 or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked copy.',
  };
}
