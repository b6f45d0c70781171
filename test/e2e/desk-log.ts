/**
 * The main-side log of one end-to-end test, written by the shell's own pipeline
 * (main/shell/log-pipeline.ts configureLogger: redaction hook first, same format, gateway-call
 * lines) through an independent `electron-log/node` instance into
 * `test-results/e2e-logs/<file>--<title>.log`, and the scan that proves the file holds no
 * Guid, cookie, password or DTMF digits (design.md §4, STYLE.md §5, §8).
 */
import nodeLog from 'electron-log/node';
import { readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DeskLogger } from '../../main/desk/logger';
import type { GatewayCallRecord } from '../../main/gateway/types';
import { configureLogger } from '../../main/shell/log-pipeline';
import type { ShellLogging } from '../../main/shell/log-pipeline';
import type { Simulator } from '../simulator/types';
import type { BridgeRecord } from './desk-bridge';
import { findSecrets } from './secrets';
import type { SecretHit } from './secrets';
import { repoRoot } from './static-server';

/** Where the e2e tests' log files go (kept after the run, for reading and scanning). */
export const e2eLogDir = join(repoRoot, 'test-results', 'e2e-logs');

/** What the log of one test is scanned for. */
export interface LogSecrets {
  passwords: readonly string[];
  /** DTMF strings the test sent; only those of 2+ keys are looked for (one key is noise). */
  digits: readonly string[];
}

/** One secret found in a log file. */
export interface LogSecretHit {
  what: SecretHit['what'] | 'SIMLB=' | 'digits';
  excerpt: string;
}

/** One test's log: the pipeline the desks write to, and what the scan needs. */
export interface TestLog {
  readonly file: string;
  /** For the test's main desk; gateway calls are counted. */
  readonly logging: Pick<ShellLogging, 'logger' | 'onGatewayCall'>;
  /** Gateway calls reported so far (each must be one `method=` line in the file). */
  readonly gatewayCalls: number;
  /** A plain line through the same pipeline (the bridge's failures). */
  line(text: string): void;
  /** A DeskLogger for another desk, its events prefixed so the two desks can be told apart. */
  prefixed(prefix: string): DeskLogger;
  /** Reads the file back ('' when it was never written). */
  read(): string;
  /** Scan the log for what the page sent through this bridge (passwords, DTMF digits). */
  watch(records: readonly BridgeRecord[]): void;
  /** Every record of every watched bridge. */
  bridgeRecords(): BridgeRecord[];
}

let instances = 0;

/**
 * File name of a test's log: its title path (spec file name without `.spec.ts`, describe
 * blocks, title) in letters, digits and `.-_`, then `suffix` (a rerun's own file).
 */
export function logFileName(titlePath: readonly string[], suffix = ''): string {
  const name = titlePath
    .map((part, i) => (i === 0 ? basename(part).replace(/\.spec\.ts$/, '') : part))
    .join('--')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 180);
  return `${name}${suffix}.log`;
}

/**
 * Starts a fresh log file (an old one of the same test is removed) written through
 * `configureLogger` on a new electron-log/node instance: nothing on the console, `info`
 * and up in the file, as in a packaged app.
 */
export function openTestLog(file: string): TestLog {
  rmSync(file, { force: true });
  instances += 1;
  const instance = nodeLog.create({ logId: `e2e-${process.pid}-${instances}` });
  const shell = configureLogger(instance, { filePath: file, level: 'info', console: false });
  let gatewayCalls = 0;
  const bridges: (readonly BridgeRecord[])[] = [];
  const prefixedLogger = (prefix: string): DeskLogger => ({
    info: (event, data) => shell.logger.info(`${prefix}${event}`, data),
    warn: (event, data) => shell.logger.warn(`${prefix}${event}`, data),
    error: (event, data) => shell.logger.error(`${prefix}${event}`, data),
  });
  return {
    file,
    logging: {
      logger: shell.logger,
      onGatewayCall(record: GatewayCallRecord) {
        gatewayCalls += 1;
        shell.onGatewayCall(record);
      },
    },
    get gatewayCalls() {
      return gatewayCalls;
    },
    line: (text) => instance.warn(text),
    prefixed: prefixedLogger,
    watch: (records) => {
      bridges.push(records);
    },
    bridgeRecords: () => bridges.flat(),
    read() {
      try {
        return readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
        throw error;
      }
    },
  };
}

function excerpt(text: string, index: number): string {
  return text.slice(Math.max(0, index - 40), index + 80);
}

/**
 * Every secret in a log text: a Guid, `JSESSIONID`, the simulator's load-balancer cookie
 * `SIMLB=`, any of the passwords, any DTMF string of 2+ keys. Empty = clean.
 */
export function scanLogText(text: string, secrets: LogSecrets): LogSecretHit[] {
  const hits: LogSecretHit[] = findSecrets('log', text, '').map((hit) => ({
    what: hit.what,
    excerpt: hit.excerpt,
  }));
  for (const password of new Set(secrets.passwords)) {
    const found = findSecrets('log', text, password).filter((hit) => hit.what === 'password');
    hits.push(...found.map((hit) => ({ what: hit.what, excerpt: hit.excerpt })));
  }
  const lb = text.indexOf('SIMLB=');
  if (lb >= 0) hits.push({ what: 'SIMLB=', excerpt: excerpt(text, lb) });
  for (const digits of new Set(secrets.digits)) {
    const at = digits.length >= 2 ? text.indexOf(digits) : -1;
    if (at >= 0) hits.push({ what: 'digits', excerpt: `${digits}: ${excerpt(text, at)}` });
  }
  return hits;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`a bridge record is not JSON (${String(error)}): ${text.slice(0, 200)}`, {
      cause: error,
    });
  }
}

function stringField(value: unknown, key: string): string | null {
  if (value === null || typeof value !== 'object') return null;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : null;
}

/** What the page asked for that is a secret: passwords, digits, and who signed in. */
export interface BridgeSecrets {
  passwords: string[];
  /** Each `sendDigits` payload, then all of them joined (what the agent typed in a row). */
  digits: string[];
  /** Agent IDs of every sign-in request (their gateway DTMF requests are secrets too). */
  signInAgents: string[];
  /** A sign-in through the page succeeded (so the gateway was called). */
  signedIn: boolean;
}

/** Reads the requests that crossed the bridge (see desk-bridge.ts `BridgeRecord`). */
export function bridgeSecrets(records: readonly BridgeRecord[]): BridgeSecrets {
  const out: BridgeSecrets = { passwords: [], digits: [], signInAgents: [], signedIn: false };
  for (const record of records) {
    if (record.kind === 'push' || record.text === 'undefined') continue;
    const payload = parse(record.text);
    if (record.kind === 'result') {
      const ok = (payload as { ok?: unknown } | null)?.ok === true;
      if (record.channel === 'session:sign-in' && ok) out.signedIn = true;
      continue;
    }
    // Sign-in carries the password (contract.ts SignInRequest); any other request too.
    const password = stringField(payload, 'password');
    if (password !== null && password !== '') out.passwords.push(password);
    if (record.channel === 'session:sign-in') {
      const agentId = stringField(payload, 'agentId');
      if (agentId !== null) out.signInAgents.push(agentId);
    }
    if (record.channel === 'call:send-digits') {
      const digits = stringField(payload, 'digits');
      if (digits !== null) out.digits.push(digits);
    }
  }
  const typed = out.digits.join('');
  if (out.digits.length > 1) out.digits.push(typed);
  return out;
}

/**
 * What is wrong with a finished test's log (empty = clean): the file is empty, a sign-in
 * left no gateway-call line, a gateway call has no line, or the file holds a Guid,
 * `JSESSIONID`, `SIMLB=`, a password (any simulator agent's, any the page sent) or a DTMF
 * string the page sent or the gateway received from an agent the page signed in.
 */
export function checkTestLog(log: TestLog, sim: Pick<Simulator, 'agents' | 'dtmf'>): string[] {
  // Read together: a late gateway call adds its count and its line in the same tick.
  const text = log.read();
  const calls = log.gatewayCalls;
  const fromPage = bridgeSecrets(log.bridgeRecords());
  const problems: string[] = [];
  if (text.trim() === '') problems.push('the log file is empty');
  const callLines = text.match(/ gateway:call method=/g)?.length ?? 0;
  if ((fromPage.signedIn || calls > 0) && callLines === 0) {
    problems.push('the test signed in but the log has no `method=` gateway-call line');
  }
  if (callLines !== calls) {
    problems.push(`${calls} gateway calls were reported but the log has ${callLines} lines`);
  }
  const gatewayDigits = fromPage.signInAgents.flatMap((id) =>
    sim.dtmf(id).calls.flatMap((call) => call.requests),
  );
  const hits = scanLogText(text, {
    passwords: [...sim.agents.map((a) => a.password), ...fromPage.passwords],
    digits: [...fromPage.digits, ...gatewayDigits],
  });
  for (const hit of hits) problems.push(`${hit.what}: …${hit.excerpt}…`);
  return problems;
}
