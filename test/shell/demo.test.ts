/**
 * `npm run demo` on a machine that may or may not reach Electron's download: the decision
 * (unit), electron's own installer within the time limit against a mirror that refuses or
 * never answers (offline, modelled on loopback so the test never downloads anything), and
 * the whole script falling back to the browser demo within that limit.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  firstMessage,
  installElectron,
  installTimeoutMs,
  isHeadless,
  locateElectron,
} from '../../scripts/demo-electron.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

function fs(files: Record<string, string>) {
  return {
    exists: (path: string) => path in files,
    readText: (path: string) => files[path] ?? null,
  };
}

describe('where the demo gets Electron', () => {
  const pkg = '/p/node_modules/electron';
  const install = { [`${pkg}/install.js`]: '' };

  it('runs the installed binary that path.txt names', () => {
    const files = { ...install, [`${pkg}/path.txt`]: 'electron', [`${pkg}/dist/electron`]: '' };
    expect(locateElectron({ root: '/p', env: {}, platform: 'linux', ...fs(files) })).toEqual({
      binary: `${pkg}/dist/electron`,
    });
  });

  it('downloads when the binary was never installed (npm 11 skips install scripts)', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      expect(locateElectron({ root: '/p', env: {}, platform, ...fs(install) })).toEqual({
        binary: null,
        reason: 'the Electron binary is not installed',
        canInstall: true,
      });
    }
  });

  it('never downloads when told not to, or when an explicit dist is named', () => {
    const skip = locateElectron({
      root: '/p',
      env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      platform: 'linux',
      ...fs(install),
    });
    expect(skip).toMatchObject({ binary: null, canInstall: false });
    const override = locateElectron({
      root: '/p',
      env: { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent' },
      platform: 'win32',
      ...fs(install),
    });
    expect(override).toEqual({
      binary: null,
      reason: 'ELECTRON_OVERRIDE_DIST_PATH names /nonexistent, which holds no electron.exe',
      canInstall: false,
    });
    const found = locateElectron({
      root: '/p',
      env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/e' },
      platform: 'darwin',
      ...fs({ '/opt/e/Electron.app/Contents/MacOS/Electron': '' }),
    });
    expect(found).toEqual({ binary: '/opt/e/Electron.app/Contents/MacOS/Electron' });
  });

  it('knows when no window can open, and reads its time limit', () => {
    expect(isHeadless({}, 'linux')).toBe(true);
    expect(isHeadless({ DISPLAY: ':0' }, 'linux')).toBe(false);
    expect(isHeadless({}, 'darwin')).toBe(false);
    expect(installTimeoutMs({})).toBe(300_000);
    expect(installTimeoutMs({ AGENT_DESK_DEMO_INSTALL_TIMEOUT_S: '30' })).toBe(30_000);
    expect(installTimeoutMs({ AGENT_DESK_DEMO_INSTALL_TIMEOUT_S: 'soon' })).toBe(300_000);
    expect(firstMessage('\nTypeError: fetch failed\n    at x (y.js:1)\n')).toBe(
      'TypeError: fetch failed',
    );
  });
});

describe('offline, electron’s installer gives up within the limit', () => {
  let hung: Server;
  let hungUrl: string;
  let refusedUrl: string;
  let cache: string;

  beforeAll(async () => {
    // A mirror that accepts and never answers: a firewall that drops the download.
    hung = createServer(() => undefined);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    hungUrl = `http://127.0.0.1:${(hung.address() as AddressInfo).port}/`;
    // A port that refuses: no network at all.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    refusedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    cache = mkdtempSync(join(tmpdir(), 'agent-desk-electron-cache-'));
  });

  afterAll(async () => {
    hung.closeAllConnections();
    await new Promise<void>((resolve) => hung.close(() => resolve()));
    rmSync(cache, { recursive: true, force: true });
  });

  /** The environment of a laptop that may download, pointed at the fake mirror. */
  function offlineEnv(mirror: string): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && !/^(ELECTRON_|electron_)/.test(key)) env[key] = value;
    }
    return { ...env, ELECTRON_MIRROR: mirror, electron_config_cache: cache };
  }

  it('reports a refused download at once, with the installer’s own reason', async () => {
    const started = Date.now();
    const outcome = await installElectron({ root, env: offlineEnv(refusedUrl), timeoutMs: 20_000 });
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.reason).toMatch(/^the download failed \(.*fetch failed/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('stops a download that never answers at the time limit', async () => {
    const started = Date.now();
    const outcome = await installElectron({ root, env: offlineEnv(hungUrl), timeoutMs: 1_500 });
    expect(outcome).toEqual({ ok: false, reason: 'the download did not finish within 2 s' });
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('npm run demo says why in one line and falls back to the browser demo', async () => {
    const child = spawn(process.execPath, ['scripts/demo.mjs'], {
      cwd: root,
      env: { ...offlineEnv(hungUrl), DISPLAY: ':99', AGENT_DESK_DEMO_INSTALL_TIMEOUT_S: '2' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const started = Date.now();
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no fallback line:\n${output}`)), 15_000);
        const check = () => {
          if (!output.includes('running the browser demo instead')) return;
          clearTimeout(timer);
          resolve();
        };
        child.stdout.on('data', check);
        child.once('exit', () => {
          clearTimeout(timer);
          reject(new Error(`the demo exited early:\n${output}`));
        });
      });
    } finally {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    }
    expect(Date.now() - started).toBeLessThan(10_000);
    const lines = output.split('\n');
    expect(lines[0]).toMatch(/^Downloading Electron 45\.4\.1 once .* at most 2 s\)…$/);
    expect(lines[1]).toBe(
      'Electron cannot start (the download did not finish within 2 s): running the browser demo instead.',
    );
  });
});
