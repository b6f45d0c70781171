/**
 * How the Electron suite finds and launches Electron, without side effects (nothing is
 * downloaded here):
 *
 * - the binary is where the `electron` package puts it (node_modules/electron/index.js and
 *   install.js): the platform's relative path from `path.txt` — or, before install.js ever
 *   wrote it, the path install.js would write (`electron.exe`, `Electron.app/Contents/MacOS/
 *   Electron`, `electron`) — under ELECTRON_OVERRIDE_DIST_PATH when set, else under
 *   node_modules/electron/dist. The Playwright config sets the override to `/nonexistent`
 *   when unset, so the installed dist is checked as well;
 * - Linux without a display cannot open a window: the suite skips and says so;
 * - the app is launched as the project folder (its package.json gives the name, version and
 *   `main`), with the switches Playwright's own Electron loader would add
 *   (playwright-core lib/server/electron/loader.js: it is only injected when Playwright finds
 *   Electron itself, not with `executablePath`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The binary to launch, or why there is none (one line, for `test.skip`). */
export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

/** The path install.js writes to path.txt for `platform` (its getPlatformPath()). */
export function platformExecutable(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

/** Locates the Electron executable without side effects. */
export function findElectronBinary(
  root: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): ElectronBinary {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const written = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const relative = written === '' ? platformExecutable(platform) : written;
  const candidates: string[] = [];
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override !== undefined && override !== '') candidates.push(join(override, relative));
  candidates.push(join(pkg, 'dist', relative));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found !== undefined) return { ok: true, path: found };
  const why = written === '' ? `; ${pathFile} is missing: the binary was never installed` : '';
  return {
    ok: false,
    reason:
      `Electron binary not found (looked at ${candidates.join(' and ')}${why}). ` +
      'To run this suite, run `node node_modules/electron/install.js` or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron 45.4.1.',
  };
}

/** Why the suite cannot run here, or null when it can. */
export function electronSuiteSkip(
  binary: ElectronBinary,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): string | null {
  if (!binary.ok) return binary.reason;
  if (platform === 'linux' && !env['DISPLAY'] && !env['WAYLAND_DISPLAY']) {
    return 'No display: DISPLAY and WAYLAND_DISPLAY are unset (run the suite under `xvfb-run`).';
  }
  return null;
}

/**
 * Chromium switches Playwright's Electron loader would append (chromiumSwitches), those that
 * matter to a desktop test run: no keychain or keyring prompt for safeStorage (a mock
 * keychain on macOS, the basic store on Linux), timers not throttled in a background
 * window, and no first-run or background network traffic.
 */
export function electronTestSwitches(platform: NodeJS.Platform = process.platform): string[] {
  return [
    ...(platform === 'darwin' ? ['--use-mock-keychain'] : []),
    ...(platform === 'linux' ? ['--password-store=basic'] : []),
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-renderer-backgrounding',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ];
}

/** Electron's arguments: the switches, then the project folder (not a bundle file). */
export function electronLaunchArgs(
  root: string,
  platform: NodeJS.Platform = process.platform,
): string[] {
  return [...electronTestSwitches(platform), root];
}
