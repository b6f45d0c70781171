import { describe, expect, it } from 'vitest';
import { adminDefaultsPaths, loadAdminDefaults } from '../../main/settings/admin-defaults';

function files(contents: Record<string, string | Error>) {
  return (path: string): string => {
    const content = contents[path];
    if (content === undefined) {
      throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
    }
    if (content instanceof Error) throw content;
    return content;
  };
}

describe('loadAdminDefaults', () => {
  it('merges files in order, later defaults winning, locks united', () => {
    const read = files({
      '/a.json': JSON.stringify({
        defaults: { gatewayUrl: 'https://a.example:8043', language: 'zh-CN' },
        locked: ['language'],
      }),
      '/b.json': JSON.stringify({
        $comment: 'IT managed',
        defaults: { gatewayUrl: 'https://b.example:8043' },
        locked: ['gatewayUrl'],
      }),
    });
    expect(loadAdminDefaults(['/a.json', '/missing.json', '/b.json'], read)).toEqual({
      defaults: { gatewayUrl: 'https://b.example:8043', language: 'zh-CN' },
      locked: ['gatewayUrl', 'language'],
      notices: [],
    });
  });

  it('ignores an invalid file as a whole and says why', () => {
    const read = files({
      '/bad-json.json': '{ defaults: ',
      '/bad-value.json': JSON.stringify({
        defaults: { gatewayUrl: 'http://plain.example', theme: 'dark' },
      }),
      '/bad-lock.json': JSON.stringify({ locked: ['password'] }),
      '/extra.json': JSON.stringify({ defaults: {}, unlockAll: true }),
      '/denied.json': Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }),
    });
    const result = loadAdminDefaults(
      ['/bad-json.json', '/bad-value.json', '/bad-lock.json', '/extra.json', '/denied.json'],
      read,
    );
    expect(result.defaults).toEqual({});
    expect(result.locked).toEqual([]);
    expect(result.notices.map((n) => n.kind === 'admin-file-invalid' && n.path)).toEqual([
      '/bad-json.json',
      '/bad-value.json',
      '/bad-lock.json',
      '/extra.json',
      '/denied.json',
    ]);
    expect(result.notices[1]).toMatchObject({
      detail: expect.stringContaining('defaults.gatewayUrl'),
    });
    expect(result.notices[2]).toMatchObject({ detail: 'locked.0: must name a setting' });
    expect(result.notices[3]).toMatchObject({ detail: 'unlockAll: unknown field' });
    expect(result.notices[4]).toMatchObject({ detail: 'EACCES: permission denied' });
  });
});

describe('adminDefaultsPaths', () => {
  it('puts the file beside the executable first, then the system-wide one', () => {
    expect(
      adminDefaultsPaths('win32', 'C:\\Program Files\\Agent Desk', {
        ProgramData: 'D:\\ProgramData',
      }),
    ).toEqual([
      'C:\\Program Files\\Agent Desk\\agent-desk.defaults.json',
      'D:\\ProgramData\\Agent Desk\\defaults.json',
    ]);
    expect(adminDefaultsPaths('win32', 'C:\\AD', {})[1]).toBe(
      'C:\\ProgramData\\Agent Desk\\defaults.json',
    );
    expect(adminDefaultsPaths('darwin', '/Applications/Agent Desk.app/Contents/MacOS', {})).toEqual(
      [
        '/Applications/Agent Desk.app/Contents/MacOS/agent-desk.defaults.json',
        '/Library/Application Support/Agent Desk/defaults.json',
      ],
    );
    expect(adminDefaultsPaths('linux', '/opt/agent-desk', {})).toEqual([
      '/opt/agent-desk/agent-desk.defaults.json',
      '/etc/agent-desk/defaults.json',
    ]);
  });
});
