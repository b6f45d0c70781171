import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  electronLaunchArgs,
  electronSuiteSkip,
  electronTestSwitches,
  findElectronBinary,
  platformExecutable,
} from '../electron/electron-binary';

let roots: string[] = [];
afterEach(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
  roots = [];
});

/** A project folder with node_modules/electron as npm leaves it (no binary yet). */
function project(pathTxt?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'agent-desk-electron-find-'));
  roots.push(root);
  mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
  if (pathTxt !== undefined)
    writeFileSync(join(root, 'node_modules', 'electron', 'path.txt'), pathTxt);
  return root;
}

function fakeBinary(dir: string, relative: string): string {
  const file = join(dir, relative);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, '');
  return file;
}

describe('the Electron suite finds Electron like the electron package does', () => {
  it('uses the platform’s executable when path.txt was never written', () => {
    expect(platformExecutable('win32')).toBe('electron.exe');
    expect(platformExecutable('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
    expect(platformExecutable('linux')).toBe('electron');
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const root = project();
      const dist = join(root, 'unpacked electron');
      const binary = fakeBinary(dist, platformExecutable(platform));
      expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: dist }, platform)).toEqual({
        ok: true,
        path: binary,
      });
    }
  });

  it('follows path.txt under node_modules/electron/dist, past a missing override', () => {
    const root = project('electron.exe');
    const binary = fakeBinary(join(root, 'node_modules', 'electron', 'dist'), 'electron.exe');
    expect(
      findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent' }, 'win32'),
    ).toEqual({ ok: true, path: binary });
  });

  it('says where it looked and how to get Electron when there is none', () => {
    const found = findElectronBinary(
      project(),
      { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent' },
      'linux',
    );
    expect(found.ok).toBe(false);
    const reason = found.ok ? '' : found.reason;
    expect(reason).toContain('/nonexistent/electron');
    expect(reason).toContain('path.txt is missing');
    expect(reason).toContain('install.js');
    expect(electronSuiteSkip(found, {}, 'linux')).toBe(reason);
  });

  it('skips on Linux without a display, with the reason', () => {
    const ok = { ok: true as const, path: '/opt/electron/electron' };
    expect(electronSuiteSkip(ok, {}, 'linux')).toContain('No display');
    expect(electronSuiteSkip(ok, { DISPLAY: ':99' }, 'linux')).toBeNull();
    expect(electronSuiteSkip(ok, { WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBeNull();
    expect(electronSuiteSkip(ok, {}, 'win32')).toBeNull();
    expect(electronSuiteSkip(ok, {}, 'darwin')).toBeNull();
  });

  it('launches the project folder with the switches Playwright’s loader would add', () => {
    expect(electronTestSwitches('darwin')).toContain('--use-mock-keychain');
    expect(electronTestSwitches('linux')).toContain('--password-store=basic');
    expect(electronTestSwitches('win32')).not.toContain('--use-mock-keychain');
    const args = electronLaunchArgs('/src/agent-desk', 'darwin');
    expect(args.at(-1)).toBe('/src/agent-desk');
    expect(args.slice(0, -1).every((arg) => arg.startsWith('--'))).toBe(true);
  });
});
