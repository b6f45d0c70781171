import * as fs from 'node:fs';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../main/settings/schema';
import { SettingsService } from '../../main/settings/service';
import {
  checkStoreFile,
  corruptFileName,
  recoverSettingsFile,
  type RecoveryFs,
} from '../../main/shell/settings-file';
import { openSettingsStore } from '../../main/shell/settings-store';
import { testPolicy } from '../unit/support/policy';

const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const now = () => Date.UTC(2026, 10, 26, 12, 0, 0, 123);

function profile(content?: string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'settings-'));
  const path = join(dir, 'settings.json');
  if (content !== undefined) writeFileSync(path, content);
  return { dir, path };
}

describe('recoverSettingsFile', () => {
  it('accepts a missing file (first start) and a valid one', () => {
    const missing = profile();
    expect(recoverSettingsFile(missing.path, fs, now)).toEqual({ notice: null, reason: null });
    const valid = profile(JSON.stringify({ settings: { version: 1, language: 'zh-CN' } }));
    expect(recoverSettingsFile(valid.path, fs, now).notice).toBeNull();
    expect(existsSync(valid.path)).toBe(true);
  });

  it.each([
    ['not JSON', '{"settings": {"language": "en"'],
    ['empty', ''],
    ['a JSON array', '[1,2,3]'],
    ['settings not an object', '{"settings": "en"}'],
    ['settings an array', '{"settings": ["en"]}'],
    ['bad window bounds', '{"windowBounds": {"x": "left", "y": 0, "width": 1, "height": 1}}'],
    ['plain-text password', '{"passwords": {"1001": "not base64!"}}'],
  ])('keeps a file that is %s aside, never deleting it', (_name, content) => {
    const { dir, path } = profile(content);
    const result = recoverSettingsFile(path, fs, now);
    const keptAs = join(dir, 'settings.corrupt-20261126T120000123Z.json');
    expect(result.notice).toEqual({ kind: 'corrupt-file-kept-aside', keptAs });
    expect(result.reason).not.toBeNull();
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(keptAs, 'utf8')).toBe(content);
  });

  it('picks a fresh name when a kept file of the same instant exists', () => {
    const { dir, path } = profile('junk');
    writeFileSync(corruptFileName(path, now()), 'older junk');
    const result = recoverSettingsFile(path, fs, now);
    expect(result.notice).toEqual({
      kind: 'corrupt-file-kept-aside',
      keptAs: join(dir, 'settings.corrupt-20261126T120000123Z-2.json'),
    });
    expect(readdirSync(dir).sort()).toEqual([
      'settings.corrupt-20261126T120000123Z-2.json',
      'settings.corrupt-20261126T120000123Z.json',
    ]);
  });

  it('throws on an unreadable file rather than starting on defaults over it', () => {
    const denied: RecoveryFs = {
      existsSync: () => true,
      readFileSync: () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
      renameSync: vi.fn(),
    };
    expect(() => recoverSettingsFile('/p/settings.json', denied, now)).toThrow('EACCES');
    expect(denied.renameSync).not.toHaveBeenCalled();
  });

  it('describes why a file fails', () => {
    expect(checkStoreFile('{}')).toBeNull();
    expect(checkStoreFile('nope')).toMatch(/^not JSON/);
    expect(checkStoreFile('{"windowBounds": {"x": 1}}')).toMatch(/windowBounds/);
  });
});

describe('the settings store on disk (electron-store)', () => {
  it('starts on defaults with the notice after keeping a corrupt file aside', () => {
    const { dir } = profile('{ definitely not json');
    const store = openSettingsStore(dir, logger);
    expect(store.notice?.kind).toBe('corrupt-file-kept-aside');
    const service = new SettingsService({ backend: store.backend, notice: store.notice });
    expect(service.values()).toEqual(defaultSettings);
    expect(service.view().notice).toEqual(store.notice);
    expect(readdirSync(dir).some((name) => name.startsWith('settings.corrupt-'))).toBe(true);
  });

  it('migrates an old record, drops bad fields and merges recommended policy under own values', () => {
    const old = {
      settings: { gateway: 'https://old.example:8043', pollGapMs: 'fast', theme: 'dark' },
    };
    const { dir, path } = profile(JSON.stringify(old));
    const store = openSettingsStore(dir, logger);
    expect(store.notice).toBeNull();
    const service = new SettingsService({
      backend: store.backend,
      policy: testPolicy({}, { language: 'zh-CN', pollGapMs: 300, theme: 'light' }),
    });
    expect(service.values()).toMatchObject({
      gatewayUrl: 'https://old.example:8043', // v0 `gateway` → v1 `gatewayUrl`
      pollGapMs: 300, // the bad stored value is dropped: the recommended value applies
      theme: 'dark', // the agent's own value beats the recommended one
      language: 'zh-CN',
    });
    expect(service.dropped).toHaveLength(1);
    expect(service.update({ countdownSeconds: 15 }).ok).toBe(true);
    const onDisk = JSON.parse(readFileSync(path, 'utf8')) as { settings: Record<string, unknown> };
    expect(onDisk.settings).toMatchObject({ version: 1, countdownSeconds: 15 });
    expect(onDisk.settings).not.toHaveProperty('gateway');
  });

  it('keeps window bounds beside the settings, not in them', () => {
    const { dir, path } = profile();
    const store = openSettingsStore(dir, logger);
    expect(store.windowBounds.get()).toBeNull();
    const bounds = { x: 5, y: 6, width: 1200, height: 800, isMaximized: true };
    store.windowBounds.set(bounds);
    const reopened = openSettingsStore(dir, logger);
    expect(reopened.windowBounds.get()).toEqual(bounds);
    const service = new SettingsService({ backend: reopened.backend });
    expect(Object.keys(service.values())).not.toContain('windowBounds');
    expect(checkStoreFile(readFileSync(path, 'utf8'))).toBeNull();
  });
});
