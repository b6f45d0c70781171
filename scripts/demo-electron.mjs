// Getting Electron for `npm run demo`: where the binary is, whether the demo may fetch it,
// and fetching it with electron's own installer within a time limit. Pure decisions plus one
// child process; tested in test/shell/demo.test.ts.
//
// npm 11 does not run dependencies' install scripts unless approved (`npm install-scripts`),
// so on a fresh `npm ci` electron's postinstall may never have fetched the binary: the demo
// runs the same installer itself (node_modules/electron/install.js, which honours
// ELECTRON_MIRROR and electron_config_cache like the postinstall would).
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** How long the download may take before the demo gives up (override in seconds). */
export const defaultInstallTimeoutMs = 300_000;

/** The relative path install.js writes to path.txt for `platform` (its getPlatformPath()). */
export function platformExecutable(platform) {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** The time limit from AGENT_DESK_DEMO_INSTALL_TIMEOUT_S, or the default. */
export function installTimeoutMs(env) {
  const seconds = Number(env.AGENT_DESK_DEMO_INSTALL_TIMEOUT_S);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : defaultInstallTimeoutMs;
}

/**
 * Where the `electron` package would run Electron from (node_modules/electron/index.js),
 * without its download: `{ binary }`, or `{ binary: null, reason, canInstall }`.
 * `exists(path)` and `readText(path)` are injected (readText returns null when absent).
 */
export function locateElectron({ root, env, platform, exists, readText }) {
  const pkg = join(root, 'node_modules', 'electron');
  const written = (readText(join(pkg, 'path.txt')) ?? '').trim();
  const relative = written === '' ? platformExecutable(platform) : written;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = join(override, relative);
    if (exists(binary)) return { binary };
    // An explicit dist was named: downloading into node_modules would not be used.
    return {
      binary: null,
      reason: `ELECTRON_OVERRIDE_DIST_PATH names ${override}, which holds no ${relative}`,
      canInstall: false,
    };
  }
  const binary = join(pkg, 'dist', relative);
  if (written !== '' && exists(binary)) return { binary };
  if (!exists(join(pkg, 'install.js'))) {
    return {
      binary: null,
      reason: 'the electron package is not installed (run npm ci)',
      canInstall: false,
    };
  }
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    return {
      binary: null,
      reason: 'the Electron binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set',
      canInstall: false,
    };
  }
  return { binary: null, reason: 'the Electron binary is not installed', canInstall: true };
}

/** True when no window can open: Linux with neither X11 nor Wayland. */
export function isHeadless(env, platform) {
  return platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY;
}

/** The first line of the installer's output that says something (its error). */
export function firstMessage(output) {
  const line = output
    .split(/\r?\n/)
    .map((text) => text.trim())
    .find((text) => text !== '' && !text.startsWith('at '));
  return line ?? 'no output';
}

/**
 * Runs electron's installer, printing nothing of its own but keeping its output for the
 * reason. Resolves `{ ok: true }` or `{ ok: false, reason }`; never later than `timeoutMs`
 * plus the time to stop the child (it is killed, then killed hard after 2 s).
 */
export function installElectron({ root, env, timeoutMs, execPath = process.execPath }) {
  return new Promise((resolve) => {
    const child = spawn(execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
      cwd: root,
      env: { ...env, ELECTRON_GET_NO_PROGRESS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    let settled = false;
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(limit);
      resolve(outcome);
    };
    const limit = setTimeout(() => {
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 2_000).unref();
      finish({
        ok: false,
        reason: `the download did not finish within ${Math.round(timeoutMs / 1000)} s`,
      });
    }, timeoutMs);
    child.once('error', (error) =>
      finish({ ok: false, reason: `the installer could not start: ${error.message}` }),
    );
    child.once('exit', (code, signal) => {
      if (code === 0) finish({ ok: true });
      else
        finish({
          ok: false,
          reason: `the download failed (${firstMessage(output)}; exit ${code ?? signal})`,
        });
    });
  });
}
