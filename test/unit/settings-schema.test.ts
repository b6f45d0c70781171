import { describe, expect, it } from 'vitest';
import {
  defaultSettings,
  migrateSettings,
  parseStoredSettings,
  readStoredSettings,
  settingsVersion,
  storedVersion,
} from '../../main/settings/schema';

describe('defaultSettings', () => {
  it('has the documented defaults and is frozen', () => {
    expect(defaultSettings).toMatchObject({
      gatewayUrl: '',
      pollGapMs: 200,
      pollTimeoutSeconds: 40,
      afterCall: 'ready',
      countdownSeconds: 0,
      countdownAction: 'none',
      language: 'en',
      theme: 'system',
      notifyOnPreview: true,
      soundOnPreview: true,
    });
    expect(Object.isFrozen(defaultSettings)).toBe(true);
  });
});

describe('the poll timeout and after-call settings (§4.1, §3.1)', () => {
  it('keeps a poll timeout of 15–600 whole seconds and an after-call of ready or wrap-up', () => {
    const good = parseStoredSettings({ pollTimeoutSeconds: 600, afterCall: 'wrap-up' });
    expect(good.values).toMatchObject({ pollTimeoutSeconds: 600, afterCall: 'wrap-up' });
    expect(good.dropped).toEqual([]);
    for (const bad of [14, 601, 40.5, '40']) {
      const parsed = parseStoredSettings({ pollTimeoutSeconds: bad });
      expect(parsed.values.pollTimeoutSeconds).toBe(40);
      expect(parsed.dropped).toHaveLength(1);
      expect(parsed.dropped[0]).toMatch(/^pollTimeoutSeconds: /);
    }
    expect(parseStoredSettings({ afterCall: 'idle' }).dropped).toEqual([
      'afterCall: must be ready or wrap-up',
    ]);
  });
});

describe('parseStoredSettings', () => {
  it('keeps every valid field and drops each invalid one with its reason', () => {
    const parsed = parseStoredSettings({
      version: 1,
      gatewayUrl: 'https://gw.example:8043',
      pollGapMs: 10,
      language: 'fr',
      theme: 'dark',
      soundOnPreview: 'yes',
      windowBounds: { x: 1 },
    });
    expect(parsed.values).toEqual({
      ...defaultSettings,
      gatewayUrl: 'https://gw.example:8043',
      theme: 'dark',
    });
    expect(parsed.dropped).toEqual([
      'pollGapMs: must be at least 50',
      'language: must be en or zh-CN',
      'soundOnPreview: must be true or false',
      'windowBounds: unknown setting',
    ]);
  });

  it('falls back to the defaults for a record that is not an object', () => {
    expect(parseStoredSettings([1, 2])).toEqual({
      values: defaultSettings,
      dropped: ['(record): not an object'],
    });
    expect(parseStoredSettings(undefined)).toEqual({ values: defaultSettings, dropped: [] });
  });

  it('ignores inherited and prototype keys', () => {
    const raw = JSON.parse('{"__proto__": {"theme": "dark"}, "theme": "light"}') as unknown;
    const parsed = parseStoredSettings(raw);
    expect(parsed.values.theme).toBe('light');
    expect(parsed.dropped).toEqual(['__proto__: unknown setting']);
    expect(({} as Record<string, unknown>)['theme']).toBeUndefined();
  });
});

describe('migrateSettings', () => {
  it('renames v0 `gateway` to `gatewayUrl` and stamps the version', () => {
    const v0 = { gateway: 'https://old.example:8043', theme: 'dark' };
    expect(storedVersion(v0)).toBe(0);
    expect(migrateSettings(v0, 0)).toEqual({
      gatewayUrl: 'https://old.example:8043',
      theme: 'dark',
      version: settingsVersion,
    });
    expect(v0).toEqual({ gateway: 'https://old.example:8043', theme: 'dark' });
  });

  it('prefers an existing gatewayUrl over the old field', () => {
    expect(migrateSettings({ gateway: 'https://a:1', gatewayUrl: 'https://b:2' }, 0)).toEqual({
      gatewayUrl: 'https://b:2',
      version: settingsVersion,
    });
  });

  it('leaves current and newer records alone', () => {
    const current = { version: 1, gateway: 'x' };
    expect(migrateSettings(current, 1)).toBe(current);
    const newer = { version: 7, futureField: 1, theme: 'dark' };
    expect(readStoredSettings(newer)).toEqual({
      values: { theme: 'dark' },
      dropped: ['futureField: unknown setting'],
    });
  });

  it('reads a v0 file end to end', () => {
    expect(readStoredSettings({ gateway: 'https://old.example:8043' })).toEqual({
      values: { gatewayUrl: 'https://old.example:8043' },
      dropped: [],
    });
  });
});
