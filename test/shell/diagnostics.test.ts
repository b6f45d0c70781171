import log from 'electron-log/node';
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../main/ipc/contract';
import { MemorySettingsBackend, SettingsService } from '../../main/settings/service';
import { trustDiagnostics, type TrustDiagnostics } from '../../main/settings/trust-diagnostics';
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

/** The trust section as the desk builds it, over an injected store and a real CA file. */
async function trust(): Promise<TrustDiagnostics> {
  const caFile = join(tempDir('ca-'), 'site-ca.pem');
  writeFileSync(caFile, rootCertificates[0] ?? '');
  return trustDiagnostics(
    { caFile, pinSha256: 'AB'.repeat(32) },
    { bundled: rootCertificates, system: [], extra: null },
  );
}

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
  it('writes logs, redacted settings, trust, versions and the event log into one folder', async () => {
    const logDir = tempDir('logdir-');
    writeLogs(logDir);
    // A line that bypassed the hook (an older build) is redacted again on export.
    writeFileSync(join(logDir, 'main.old.log'), `old line Guid: ${guid} password=${password}\n`);
    writeFileSync(join(logDir, 'notes.txt'), 'not a log');
    const outDir = tempDir('out-');
    const now = Date.UTC(2026, 10, 26, 14, 23, 5);
    const trustSection = await trust();
    const { path } = exportDiagnostics({
      logDir,
      settings,
      trust: trustSection,
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
      'trust.json',
      'versions.json',
    ]);
    expect(readdirSync(join(path, 'logs')).sort()).toEqual(['main.log', 'main.old.log']);
    const saved = JSON.parse(readFileSync(join(path, 'settings.json'), 'utf8')) as SettingsView;
    expect(saved.values.gatewayUrl).toBe('https://cc.example:8043');
    expect(saved.hasSavedPassword).toBe(true);
    // Where each value came from, so support sees what the organisation manages.
    expect(saved.sources.gatewayUrl).toEqual({
      kind: 'policy',
      origin: '/etc/agent-desk/policies.json',
    });
    expect(saved.policyProblems).toEqual([]);
    const trusted = JSON.parse(readFileSync(join(path, 'trust.json'), 'utf8')) as TrustDiagnostics;
    expect(trusted).toEqual(trustSection);
    expect(trusted.systemStore).toEqual({ available: true, count: 0, unavailableReason: null });
    expect(trusted.bundledCount).toBe(rootCertificates.length);
    expect(trusted.siteCaFile).toMatchObject({
      certificates: [{ sha256: new X509Certificate(rootCertificates[0] ?? '').fingerprint256 }],
    });
    expect(trusted.pinSha256).toBe('AB'.repeat(32));
    expect(JSON.parse(readFileSync(join(path, 'versions.json'), 'utf8'))).toEqual(versions);
    for (const file of ['logs/main.log', 'logs/main.old.log', 'events.json', 'settings.json']) {
      expect(scanForSecrets(readFileSync(join(path, file), 'utf8')), file).toEqual([]);
    }
  });

  it('never overwrites an earlier export and copes with a missing log folder', async () => {
    const outDir = tempDir('out-');
    const input = {
      logDir: join(outDir, 'no-such-dir'),
      settings,
      trust: await trust(),
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

  it('reports a file-system failure instead of pretending', async () => {
    const outDir = tempDir('out-');
    const trustSection = await trust();
    const failing = {
      ...fs,
      writeFileSync: () => {
        throw new Error('EACCES: disk says no');
      },
    };
    expect(() =>
      exportDiagnostics({
        logDir: outDir,
        settings,
        trust: trustSection,
        versions,
        eventLog: [],
        outDir,
        fs: failing,
      }),
    ).toThrow('EACCES');
  });
});

describe('trustDiagnostics', () => {
  it('says why the system store is missing and what is wrong with the CA file', async () => {
    const section = await trustDiagnostics(
      { caFile: '/nowhere/ca.pem', pinSha256: '' },
      { bundled: ['x'], system: null, extra: null, systemUnavailable: 'Node 20 cannot' },
      async () => {
        throw Object.assign(new Error('no'), { code: 'ENOENT' });
      },
    );
    expect(section).toMatchObject({
      systemStore: { available: false, count: 0, unavailableReason: 'Node 20 cannot' },
      bundledCount: 1,
      extraCount: null,
      siteCaFile: { path: '/nowhere/ca.pem', error: 'ENOENT' },
      pinSha256: null,
    });
    const notPem = await trustDiagnostics(
      { caFile: '/ca.txt', pinSha256: '' },
      { bundled: [], system: [], extra: [] },
      async () => 'hello',
    );
    expect(notPem.siteCaFile).toEqual({ path: '/ca.txt', error: 'no PEM certificate' });
  });
});
