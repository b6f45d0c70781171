/**
 * The policy readers against the real file system and real processes (what can exist on
 * this Linux machine: files, a child process standing in for reg.exe; plutil cannot).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { linuxPolicySource } from '../../main/settings/policy/linux';
import type { Probe } from '../../main/settings/policy/probe';
import {
  readPolicy,
  readPolicySync,
  runProbe,
  runProbeSync,
} from '../../main/settings/policy/system';
import { PolicyWatcher } from '../../main/settings/policy/watcher';
import { MemorySettingsBackend, SettingsService } from '../../main/settings/service';
import { hardwareAccelerationAtStart, storedChoices } from '../../main/settings/startup';
import { noPolicy } from '../../main/settings/policy/types';
import { testPolicy } from './support/policy';

const dir = mkdtempSync(join(tmpdir(), 'agent-desk-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const node = (script: string): Probe => ({
  kind: 'command',
  file: process.execPath,
  args: ['-e', script],
});

describe('running probes', () => {
  it('reads a file, a missing file, a huge one and an XML plist, both ways alike', async () => {
    const small = join(dir, 'small.json');
    const huge = join(dir, 'huge.json');
    const plist = join(dir, 'prefs.plist');
    writeFileSync(small, '{"mandatory":{}}');
    writeFileSync(huge, 'x'.repeat(1024 * 1024 + 1));
    writeFileSync(plist, '<?xml version="1.0"?><plist><dict/></plist>');
    const probes: Probe[] = [
      { kind: 'file', path: small },
      { kind: 'file', path: join(dir, 'none.json') },
      { kind: 'file', path: huge },
      { kind: 'plist', path: plist },
      { kind: 'file', path: dir },
    ];
    const expected = [
      { kind: 'text', text: '{"mandatory":{}}' },
      { kind: 'missing' },
      { kind: 'failed', detail: 'larger than 1 MB' },
      { kind: 'text', text: '<?xml version="1.0"?><plist><dict/></plist>' },
      { kind: 'failed', detail: 'EISDIR' },
    ];
    expect(probes.map(runProbeSync)).toEqual(expected);
    expect(await Promise.all(probes.map(runProbe))).toEqual(expected);
  });

  it('hands back a command’s exit code and output, and a command that cannot start', async () => {
    const missingKey = node(
      "process.stderr.write('ERROR: The system was unable to find the specified registry key or value.\\r\\n'); process.exit(1)",
    );
    const utf8 = node("process.stdout.write('C:\\\\证书\\r\\n')");
    const expected = [
      {
        kind: 'exited',
        code: 1,
        stdout: '',
        stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n',
      },
      { kind: 'exited', code: 0, stdout: 'C:\\证书\r\n', stderr: '' },
    ];
    expect([missingKey, utf8].map(runProbeSync)).toEqual(expected);
    expect(await Promise.all([missingKey, utf8].map(runProbe))).toEqual(expected);
    const nothing: Probe = { kind: 'command', file: join(dir, 'no-such-program'), args: [] };
    expect(runProbeSync(nothing)).toEqual({ kind: 'failed', detail: 'ENOENT' });
    expect(await runProbe(nothing)).toEqual({ kind: 'failed', detail: 'ENOENT' });
  });
});

describe('live re-read from a real policies.json', () => {
  it('locks, changes and unlocks a field as IT edits the file, without a restart', async () => {
    const path = join(dir, 'policies.json');
    const sources = [linuxPolicySource(path)];
    writeFileSync(path, JSON.stringify({ mandatory: { gatewayUrl: 'https://a.example:8043' } }));
    const start = readPolicySync(sources);
    const settings = new SettingsService({
      backend: new MemorySettingsBackend({ version: 1, gatewayUrl: 'https://mine.example:8043' }),
      policy: start,
    });
    const watcher = new PolicyWatcher({
      read: () => readPolicy(sources),
      apply: (p) => settings.applyPolicy(p),
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    expect(settings.values().gatewayUrl).toBe('https://a.example:8043');

    writeFileSync(path, JSON.stringify({ mandatory: { gatewayUrl: 'https://b.example:8043' } }));
    await watcher.refresh();
    expect(settings.values().gatewayUrl).toBe('https://b.example:8043');

    writeFileSync(path, JSON.stringify({ mandatory: { gatewayUrl: 'ftp://nope' } }));
    await watcher.refresh();
    expect(settings.values().gatewayUrl).toBe('https://mine.example:8043');
    expect(settings.view().policyProblems.map((p) => p.key)).toEqual(['gatewayUrl']);

    rmSync(path);
    await watcher.refresh();
    expect(settings.view().locked).toEqual([]);
    expect(settings.view().policyProblems).toEqual([]);
  });
});

describe('hardware acceleration at start', () => {
  it('follows mandatory policy, then the agent, then recommended policy, then on', () => {
    const off = { hardwareAcceleration: false };
    const on = { hardwareAcceleration: true };
    expect(hardwareAccelerationAtStart(noPolicy, {})).toBe(true);
    expect(hardwareAccelerationAtStart(testPolicy({}, off), {})).toBe(false);
    expect(hardwareAccelerationAtStart(testPolicy({}, off), on)).toBe(true);
    expect(hardwareAccelerationAtStart(testPolicy(off), on)).toBe(false);
    expect(hardwareAccelerationAtStart(noPolicy, { hardwareAcceleration: 'no' })).toBe(true);
  });

  it('reads the agent’s choice from the settings file, and nothing from a bad one', () => {
    const good = join(dir, 'settings.json');
    writeFileSync(good, JSON.stringify({ settings: { version: 1, hardwareAcceleration: false } }));
    expect(storedChoices(good)).toEqual({ version: 1, hardwareAcceleration: false });
    const bad = join(dir, 'bad-settings.json');
    writeFileSync(bad, '{ not json');
    expect(storedChoices(bad)).toEqual({});
    expect(storedChoices(join(dir, 'absent.json'))).toEqual({});
  });
});
