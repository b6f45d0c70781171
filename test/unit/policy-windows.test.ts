/**
 * Windows policies: the parser of `reg query /s` output on recorded-format samples
 * (test/unit/fixtures/reg-query/, CRLF), the registry-type conversions and the readings
 * the merge turns into mandatory and recommended values.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeReadings } from '../../main/settings/policy/merge';
import type { ProbeResult } from '../../main/settings/policy/probe';
import { parseRegQuery } from '../../main/settings/policy/reg-query';
import {
  expandEnvironment,
  fromRegistry,
  interpretRegQuery,
  windowsPolicyKey,
  windowsRecommendedKey,
  windowsRegistrySource,
} from '../../main/settings/policy/windows';

const sample = (name: string): string =>
  readFileSync(new URL(`./fixtures/reg-query/${name}`, import.meta.url), 'utf8');
const env = { ProgramData: 'C:\\ProgramData', SystemRoot: 'C:\\Windows' };
const exited = (stdout: string, code = 0, stderr = ''): ProbeResult => ({
  kind: 'exited',
  code,
  stdout,
  stderr,
});
const policyOf = (result: ProbeResult) => mergeReadings(interpretRegQuery(result, env));

describe('parseRegQuery', () => {
  it('reads keys and typed values from CRLF output', () => {
    const text = sample('mandatory-and-recommended.txt');
    expect(text).toContain('\r\n');
    const parse = parseRegQuery(text);
    expect(parse.unreadable).toEqual([]);
    expect(parse.keys.map((k) => k.path)).toEqual([windowsPolicyKey, windowsRecommendedKey]);
    expect(parse.keys[0]?.values).toEqual([
      { name: 'gatewayUrl', type: 'REG_SZ', data: 'https://cc-gw.example.internal:8043' },
      { name: 'pollGapMs', type: 'REG_DWORD', data: 300n },
      { name: 'countdownSeconds', type: 'REG_QWORD', data: 30n },
      { name: 'CAFILE', type: 'REG_EXPAND_SZ', data: '%ProgramData%\\Agent Desk\\site-ca.pem' },
      { name: 'notifyOnPreview', type: 'REG_DWORD', data: 0n },
      { name: 'backupGatewayUrl', type: 'REG_SZ', data: '' },
    ]);
  });

  it('reads REG_MULTI_SZ items, binary, none and a 64-bit maximum; skips the default value', () => {
    const parse = parseRegQuery(sample('unusual-types.txt'));
    const values = parse.keys[0]?.values ?? [];
    expect(values.find((v) => v.name === 'reasons')?.data).toEqual([
      'Lunch',
      'Training',
      'Coaching',
    ]);
    expect(values.find((v) => v.name === 'emptyList')?.data).toEqual([]);
    expect(values.find((v) => v.name === 'blob')).toEqual({
      name: 'blob',
      type: 'REG_BINARY',
      data: '0102FFEE',
    });
    expect(values.find((v) => v.name === 'nothing')?.type).toBe('REG_NONE');
    expect(values.find((v) => v.name === 'big')?.data).toBe(0xffffffffffffffffn);
    expect(values.some((v) => v.name.startsWith('('))).toBe(false);
    expect(parse.keys.map((k) => k.path)).toContain(`${windowsPolicyKey}\\Extra`);
  });

  it('reads an empty key, a localised default value name and UTF-8 data', () => {
    expect(parseRegQuery(sample('empty-key.txt'))).toEqual({
      keys: [{ path: windowsPolicyKey, values: [] }],
      unreadable: [],
    });
    const zh = parseRegQuery(sample('zh-CN.txt'));
    expect(zh.keys[0]?.values).toEqual([
      { name: 'caFile', type: 'REG_SZ', data: 'C:\\证书\\站点 CA.pem' },
    ]);
  });

  it('keeps what fits no layout apart instead of guessing', () => {
    const parse = parseRegQuery(
      'stray text\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Agent Desk\r\n    x    REG_DWORD    12\r\n    y    REG_WEIRD    1\r\n',
    );
    expect(parse.unreadable).toEqual([
      'stray text',
      '    x    REG_DWORD    12',
      '    y    REG_WEIRD    1',
    ]);
    expect(parse.keys[0]?.values).toEqual([]);
  });
});

describe('registry values as settings', () => {
  it('converts each type the ADMX writes, and refuses the others by type name', () => {
    const text = { type: 'string', maxLength: null } as const;
    const int = { type: 'integer', min: 0, max: 600 } as const;
    const bool = { type: 'boolean' } as const;
    const list = { type: 'list' } as const;
    const sz = (data: string) => ({ name: 'n', type: 'REG_SZ' as const, data });
    const dword = (data: bigint) => ({ name: 'n', type: 'REG_DWORD' as const, data });
    expect(fromRegistry(sz('a'), text, env)).toEqual({ ok: true, value: 'a' });
    expect(fromRegistry(dword(5n), int, env)).toEqual({ ok: true, value: 5 });
    expect(fromRegistry(dword(1n), bool, env)).toEqual({ ok: true, value: true });
    expect(fromRegistry(dword(0n), bool, env)).toEqual({ ok: true, value: false });
    expect(fromRegistry(sz('[{"code":201,"en":"Lunch","zh":"午餐"}]'), list, env)).toEqual({
      ok: true,
      value: [{ code: 201, en: 'Lunch', zh: '午餐' }],
    });
    expect(fromRegistry(dword(5n), text, env)).toEqual({
      ok: false,
      detail: 'must be REG_SZ text, not REG_DWORD',
    });
    expect(fromRegistry(sz('30'), int, env)).toEqual({
      ok: false,
      detail: 'must be a REG_DWORD number, not REG_SZ',
    });
    expect(fromRegistry(dword(2n), bool, env)).toEqual({
      ok: false,
      detail: 'must be a REG_DWORD of 1 (on) or 0 (off)',
    });
    expect(fromRegistry(sz('Lunch,Training'), list, env)).toEqual({
      ok: false,
      detail: 'must be REG_SZ text holding a JSON array',
    });
    const multi = { name: 'n', type: 'REG_MULTI_SZ' as const, data: ['a'] };
    expect(fromRegistry(multi, list, env)).toMatchObject({ ok: false });
    const huge = { name: 'n', type: 'REG_QWORD' as const, data: 2n ** 60n };
    expect(fromRegistry(huge, int, env)).toEqual({ ok: false, detail: 'is too large' });
  });

  it('expands %VARIABLES% case-insensitively and leaves unknown ones as written', () => {
    expect(expandEnvironment('%programdata%\\x\\%NOPE%', env)).toBe('C:\\ProgramData\\x\\%NOPE%');
  });
});

describe('interpretRegQuery', () => {
  it('makes the key mandatory and its Recommended subkey recommended', () => {
    const policy = policyOf(exited(sample('mandatory-and-recommended.txt')));
    expect(policy.mandatory.values).toEqual({
      gatewayUrl: 'https://cc-gw.example.internal:8043',
      pollGapMs: 300,
      countdownSeconds: 30,
      // Registry names are case-insensitive: CAFILE names caFile.
      caFile: 'C:\\ProgramData\\Agent Desk\\site-ca.pem',
      notifyOnPreview: false,
      // An empty REG_SZ is a value too: "no backup gateway", locked.
      backupGatewayUrl: '',
    });
    expect(policy.recommended.values).toEqual({
      theme: 'dark',
      soundOnPreview: true,
      language: 'zh-CN',
    });
    expect(policy.mandatory.origins.gatewayUrl).toBe(windowsPolicyKey);
    expect(policy.recommended.origins.theme).toBe(windowsRecommendedKey);
    expect(policy.problems).toEqual([]);
  });

  it('reports every unusable entry by name and reason, never its value', () => {
    const policy = policyOf(exited(sample('unusual-types.txt')));
    expect(policy.mandatory.values).toEqual({});
    expect(policy.problems).toEqual([
      {
        origin: windowsPolicyKey,
        key: 'pollGapMs',
        detail: 'must be a REG_DWORD number, not REG_SZ',
      },
      { origin: windowsPolicyKey, key: 'theme', detail: 'must be REG_SZ text, not REG_DWORD' },
      {
        origin: windowsPolicyKey,
        key: 'soundOnPreview',
        detail: 'must be a REG_DWORD of 1 (on) or 0 (off)',
      },
      { origin: windowsPolicyKey, key: 'reasons', detail: 'unknown setting' },
      { origin: windowsPolicyKey, key: 'emptyList', detail: 'unknown setting' },
      { origin: windowsPolicyKey, key: 'blob', detail: 'unknown setting' },
      { origin: windowsPolicyKey, key: 'nothing', detail: 'unknown setting' },
      { origin: windowsPolicyKey, key: 'big', detail: 'unknown setting' },
      { origin: `${windowsPolicyKey}\\Extra`, key: null, detail: 'unknown subkey, ignored' },
    ]);
    expect(JSON.stringify(policy.problems)).not.toMatch(/Lunch|0102FFEE|300/);
  });

  it('validates values with the settings schema', () => {
    const text = [
      '',
      windowsPolicyKey,
      '    gatewayUrl    REG_SZ    http://plain.example:8043',
      '    pollGapMs    REG_DWORD    0x5',
      '    rememberedAgentId    REG_SZ    1001',
      '',
    ].join('\r\n');
    const policy = policyOf(exited(text));
    expect(policy.mandatory.values).toEqual({});
    expect(policy.problems.map((p) => `${p.key}: ${p.detail}`)).toEqual([
      'gatewayUrl: must be empty or an https:// address without a path, e.g. https://gateway:8043',
      'pollGapMs: must be at least 50',
      'rememberedAgentId: cannot be set by policy',
    ]);
  });

  it('reads non-ASCII data as UTF-8, and says so when the output was not UTF-8', () => {
    expect(policyOf(exited(sample('zh-CN.txt'))).mandatory.values.caFile).toBe(
      'C:\\证书\\站点 CA.pem',
    );
    const garbled = sample('zh-CN.txt').replace('证书', '\uFFFD\uFFFD');
    expect(policyOf(exited(garbled)).problems).toEqual([
      {
        origin: windowsPolicyKey,
        key: null,
        detail: 'reg.exe output was not UTF-8: values with non-ASCII characters may be wrong',
      },
    ]);
  });

  it('treats a missing key as no policy, in any language, and reports a refusal', () => {
    for (const stderr of ['not-found.en.stderr.txt', 'not-found.zh-CN.stderr.txt']) {
      const policy = policyOf(exited('', 1, sample(stderr)));
      expect(policy.mandatory.values).toEqual({});
      expect(policy.problems, stderr).toEqual([]);
    }
    expect(policyOf(exited('', 1, sample('access-denied.en.stderr.txt'))).problems).toEqual([
      {
        origin: windowsPolicyKey,
        key: null,
        detail: 'reg.exe was refused access to the policy key',
      },
    ]);
    expect(policyOf({ kind: 'failed', detail: 'ENOENT' }).problems).toEqual([
      { origin: windowsPolicyKey, key: null, detail: 'reg.exe could not run: ENOENT' },
    ]);
    expect(policyOf(exited('', 5)).problems).toEqual([
      { origin: windowsPolicyKey, key: null, detail: 'reg.exe ended with code 5' },
    ]);
  });

  it('runs reg.exe by full path through cmd with a UTF-8 console, 64-bit view', () => {
    const source = windowsRegistrySource({ SystemRoot: 'D:\\Win' });
    expect(source.probe).toEqual({
      kind: 'command',
      file: 'D:\\Win\\System32\\cmd.exe',
      args: [
        '/d',
        '/s',
        '/c',
        `"chcp 65001>nul & "D:\\Win\\System32\\reg.exe" query "${windowsPolicyKey}" /s /reg:64"`,
      ],
      verbatimArgs: true,
    });
  });
});
