import log from 'electron-log/node';
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../main/ipc/contract';
import { MemorySettingsBackend, SettingsService } from '../../main/settings/service';
import { diagnosticsStamp, exportDiagnostics } from '../../main/shell/diagnostics';
import { gatewayCallEvent, gatewayCallLine } from '../../main/shell/log-format';
import { configureLogger } from '../../main/shell/log-pipeline';
import { testPolicy } from '../unit/support/policy';

const guid = '279fe21d-2caa-4437-84c3-ab9e9dae20f5.AgentGateway1';
const password = 'Pa55-word!';
const digits = '80412#77';

/** Every secret that must never be in a written file. */
function scanForSecrets(text: string): string[] {
  const hits: string[] = [];
  if (/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.AgentGateway/i.test(text)) {
    hits.push('guid');
  }
  if (/JSESSIONID=(?!\[redacted\])/.test(text)) hits.push('cookie');
  if (text.includes(password)) hits.push('password');
  if (text.includes(digits) || text.includes('80412%2377')) hits.push('digits');
  return hits;
}

function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes through electron-log configured by the shell's pipeline (log-pipeline.ts). */
function writeLogs(dir: string): string {
  const logger = log.create({ logId: `shell-test-${Date.now()}` });
  configureLogger(logger, { filePath: join(dir, 'main.log'), level: 'info', console: false });
  logger.info('session:sign-in', { agentId: '1001', password, phone: '88001' });
  logger.info('gateway:set-guid', { 'set-guid': `JSESSIONID=${guid}` });
  logger.warn(`poll rotated Guid to ${guid}`);
  logger.info('http', { headers: { Guid: guid, Cookie: `JSESSIONID=${guid}; LB=1` } });
  logger.info('call:dtmf', { digits });
  logger.info(`POST /agentgateway/resource/voicecall/1001/seconddialex?number=80412%2377`);
  logger.info(
    gatewayCallEvent,
    gatewayCallLine({ method: 'secondDialEx', durationMs: 31, outcome: '0' }),
  );
  logger.error('failed', new Error(`request with Guid ${guid} failed`));
  return join(dir, 'main.log');
}

const settings: SettingsView = {
  ...new SettingsService({
    backend: new MemorySettingsBackend({ version: 1, rememberedAgentId: '1001' }),
    policy: testPolicy({ gatewayUrl: 'https://cc.example:8043' }),
  }).view(),
  hasSavedPassword: true,
  canSavePassword: true,
};

const versions = { app: '0.1.0', electron: '45.4.1', chrome: '140', node: '22', os: 'Linux 6 x64' };

describe('written log files', () => {
  it('hold no Guid, cookie, password or DTMF digits, but keep the call line', () => {
    const file = writeLogs(tempDir('logs-'));
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('method=secondDialEx durationMs=31 retcode=0');
    expect(text).toContain('session:sign-in');
    expect(text).toContain('[redacted]');
    expect(scanForSecrets(text)).toEqual([]);
  });

  it('the scanner itself finds planted secrets (so the check above can fail)', () => {
    expect(scanForSecrets(`x ${guid} JSESSIONID=abc ${password} ${digits}`)).toEqual([
      'guid',
      'cookie',
      'password',
      'digits',
    ]);
  });
});

describe('exportDiagnostics', () => {
  it('writes logs, redacted settings, versions and the event log into one folder', () => {
    const logDir = tempDir('logdir-');
    writeLogs(logDir);
    // A line that bypassed the hook (an older build) is redacted again on export.
    writeFileSync(join(logDir, 'main.old.log'), `old line Guid: ${guid} password=${password}\n`);
    writeFileSync(join(logDir, 'notes.txt'), 'not a log');
    const outDir = tempDir('out-');
    const now = Date.UTC(2026, 10, 26, 14, 23, 5);
    const { path } = exportDiagnostics({
      logDir,
      settings,
      versions,
      eventLog: [
        { seq: 1, at: now, category: 'command', name: 'sendDigits', summary: `digits=${digits}` },
      ],
      outDir,
      fs,
      now: () => now,
    });
    expect(path).toBe(join(outDir, 'agent-desk-diagnostics-20261126-142305'));
    expect(readdirSync(path).sort()).toEqual([
      'events.json',
      'logs',
      'manifest.json',
      'settings.json',
      'versions.json',
    ]);
    expect(readdirSync(join(path, 'logs')).sort()).toEqual(['main.log', 'main.old.log']);
    const saved = JSON.parse(readFileSync(join(path, 'settings.json'), 'utf8')) as SettingsView;
    expect(saved.values.gatewayUrl).toBe('https://cc.example:8043');
    expect(saved.hasSavedPassword).toBe(true);
    expect(JSON.parse(readFileSync(join(path, 'versions.json'), 'utf8'))).toEqual(versions);
    for (const file of ['logs/main.log', 'logs/main.old.log', 'events.json', 'settings.json']) {
      expect(scanForSecrets(readFileSync(join(path, file), 'utf8')), file).toEqual([]);
    }
  });

  it('never overwrites an earlier export and copes with a missing log folder', () => {
    const outDir = tempDir('out-');
    const input = {
      logDir: join(outDir, 'no-such-dir'),
      settings,
      versions,
      eventLog: [],
      outDir,
      fs,
      now: () => 0,
    };
    const first = exportDiagnostics(input).path;
    const second = exportDiagnostics(input).path;
    expect(second).not.toBe(first);
    expect(second.endsWith(`${diagnosticsStamp(0)}-2`)).toBe(true);
    expect(readdirSync(join(second, 'logs'))).toEqual([]);
  });

  it('reports a file-system failure instead of pretending', () => {
    const outDir = tempDir('out-');
    const failing = {
      ...fs,
      writeFileSync: () => {
        throw new Error('EACCES: disk says no');
      },
    };
    expect(() =>
      exportDiagnostics({ logDir: outDir, settings, versions, eventLog: [], outDir, fs: failing }),
    ).toThrow('EACCES');
  });
});
