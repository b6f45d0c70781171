/**
 * The administrator defaults file as a policy source: `defaults` recommended, `locked`
 * mandatory, read only from the system-wide location (issue #10 item 6).
 */
import { describe, expect, it } from 'vitest';
import { adminDefaultsPath, interpretDefaultsFile } from '../../main/settings/admin-defaults';
import { mergeReadings } from '../../main/settings/policy/merge';
import { policySources } from '../../main/settings/policy/sources';
import { defaultSettings } from '../../main/settings/schema';

const origin = '/etc/agent-desk/defaults.json';
const read = (value: unknown) =>
  mergeReadings(interpretDefaultsFile(origin, { kind: 'text', text: JSON.stringify(value) }));

describe('the administrator defaults file', () => {
  it('makes defaults recommended and locked fields mandatory', () => {
    const policy = read({
      $comment: 'IT managed',
      defaults: { gatewayUrl: 'https://a.example:8043', language: 'zh-CN', theme: 'dark' },
      locked: ['gatewayUrl', 'countdownAction'],
    });
    expect(policy.mandatory.values).toEqual({
      gatewayUrl: 'https://a.example:8043',
      // Locked without a default: locked at the built-in default, as before policies existed.
      countdownAction: defaultSettings.countdownAction,
    });
    expect(policy.recommended.values).toEqual({ language: 'zh-CN', theme: 'dark' });
    expect(policy.mandatory.origins.gatewayUrl).toBe(origin);
    expect(policy.problems).toEqual([]);
  });

  it('ignores an invalid value by name, never showing it, and keeps the rest', () => {
    const policy = read({
      defaults: { gatewayUrl: 'http://plain.example', theme: 'dark', pollGapMs: 10 },
      locked: ['gatewayUrl', 'password'],
    });
    expect(policy.mandatory.values).toEqual({});
    expect(policy.recommended.values).toEqual({ theme: 'dark' });
    expect(policy.problems).toEqual([
      { origin, key: 'password', detail: 'locked: unknown setting' },
      {
        origin,
        key: 'gatewayUrl',
        detail: 'must be empty or an https:// address without a path, e.g. https://gateway:8043',
      },
      { origin, key: 'pollGapMs', detail: 'must be at least 50' },
    ]);
    expect(JSON.stringify(policy.problems)).not.toContain('plain.example');
  });

  it('refuses a file whose shape is wrong as a whole and says why', () => {
    const cases: Array<[string, string]> = [
      ['{ defaults: ', 'not JSON'],
      ['[]', 'must be a JSON object'],
      [JSON.stringify({ defaults: {}, unlockAll: true }), 'unlockAll: unknown field'],
      [JSON.stringify({ defaults: [] }), 'defaults: must be an object'],
      [JSON.stringify({ locked: 'gatewayUrl' }), 'locked: must be a list of setting names'],
    ];
    for (const [text, why] of cases) {
      const policy = mergeReadings(interpretDefaultsFile(origin, { kind: 'text', text }));
      expect(policy.mandatory.values, text).toEqual({});
      expect(policy.recommended.values, text).toEqual({});
      expect(policy.problems, text).toEqual([
        { origin, key: null, detail: expect.stringContaining(why) },
      ]);
    }
  });

  it('treats a missing file as no policy and an unreadable one as a problem', () => {
    expect(mergeReadings(interpretDefaultsFile(origin, { kind: 'missing' })).problems).toEqual([]);
    expect(
      mergeReadings(interpretDefaultsFile(origin, { kind: 'failed', detail: 'EACCES' })).problems,
    ).toEqual([{ origin, key: null, detail: 'EACCES' }]);
  });

  it('reads the file only from the system-wide location, never beside the executable', () => {
    expect(adminDefaultsPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe(
      'D:\\ProgramData\\Agent Desk\\defaults.json',
    );
    expect(adminDefaultsPath('win32', {})).toBe('C:\\ProgramData\\Agent Desk\\defaults.json');
    expect(adminDefaultsPath('darwin', {})).toBe(
      '/Library/Application Support/Agent Desk/defaults.json',
    );
    expect(adminDefaultsPath('linux', {})).toBe('/etc/agent-desk/defaults.json');
    // Every file any platform reads: none is the old `agent-desk.defaults.json` next to the
    // app (NSIS upgrades delete it; inside a macOS bundle it breaks the signature).
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const probes = policySources({ platform, env: {}, user: 'agent' }).map((s) => s.probe);
      const files = probes.flatMap((p) => (p.kind === 'command' ? [] : [p.path]));
      expect(files.length, platform).toBeGreaterThan(0);
      for (const file of files) {
        expect(file).not.toMatch(/agent-desk\.defaults\.json$/);
        expect(file).not.toMatch(/Program Files|\.app\/|\/opt\//);
      }
    }
  });
});
