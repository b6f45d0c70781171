import log from 'electron-log/node';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configureLogger, logMaxBytes } from '../../main/shell/log-pipeline';

const guid = '279fe21d-2caa-4437-84c3-ab9e9dae20f5.AgentGateway1';
let instances = 0;

/** A fresh electron-log/node instance configured by the pipeline, writing to a temp file. */
function configured(): { instance: ReturnType<typeof log.create>; file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'log-pipeline-'));
  const file = join(dir, 'desk.log');
  instances += 1;
  const instance = log.create({ logId: `log-pipeline-test-${instances}` });
  return { instance, file, dir };
}

describe('configureLogger', () => {
  it('writes to the given file in electron-log format and reports its folder', () => {
    const { instance, file, dir } = configured();
    const logging = configureLogger(instance, { filePath: file, level: 'info', console: false });
    expect(logging.logDir).toBe(dir);
    logging.logger.info('session:sign-in', { agentId: '1001' });
    logging.logger.warn('poll:slow');
    logging.logger.error('poll:failed', { retcode: '100-006' });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[info\]\s+session:sign-in \{ agentId: '1001' \}$/,
    );
    expect(lines[1]).toMatch(/\[warn\]\s+poll:slow$/);
    expect(lines[2]).toMatch(/\[error\] poll:failed \{ retcode: '100-006' \}$/);
  });

  it('sets rotation, the file level and the console level', () => {
    const { instance, file } = configured();
    configureLogger(instance, { filePath: file, level: 'warn', console: 'error' });
    expect(instance.transports.file.maxSize).toBe(logMaxBytes);
    expect(instance.transports.file.level).toBe('warn');
    expect(instance.transports.console.level).toBe('error');
    instance.transports.console.level = false;
    instance.info('below the file level');
    instance.warn('at the file level');
    expect(readFileSync(file, 'utf8')).not.toContain('below the file level');
    expect(readFileSync(file, 'utf8')).toContain('at the file level');
  });

  it('puts the redaction hook before any hook already there', () => {
    const { instance, file } = configured();
    const seen: unknown[][] = [];
    instance.hooks.push((message) => {
      seen.push(message.data);
      return message;
    });
    const logging = configureLogger(instance, { filePath: file, level: 'info', console: false });
    logging.logger.info('gateway:set-guid', { guid, cookie: `JSESSIONID=${guid}` });
    expect(instance.hooks).toHaveLength(2);
    expect(JSON.stringify(seen)).not.toContain(guid);
    expect(JSON.stringify(seen)).toContain('[redacted]');
    expect(readFileSync(file, 'utf8')).not.toContain(guid);
  });

  it('writes one gateway-call line per call, without URL or digits', () => {
    const { instance, file } = configured();
    const logging = configureLogger(instance, { filePath: file, level: 'info', console: false });
    logging.onGatewayCall({ method: 'secondDialEx', durationMs: 30.6, outcome: '0' });
    logging.onGatewayCall({ method: 'poll', durationMs: 1, outcome: 'timeout' });
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/\[info\]\s+gateway:call method=secondDialEx durationMs=31 retcode=0\n/);
    expect(text).toMatch(/\[info\]\s+gateway:call method=poll durationMs=1 retcode=timeout\n/);
  });
});
