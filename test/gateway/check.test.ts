/**
 * The connection test (`checkGateway`) and its command line against the simulator.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkGateway } from '../../main/gateway/check';
import type { ConnectionReport } from '../../main/ipc/contract';
import { startSimulator, type Simulator } from '../simulator/index';
import { MANY_AGENTS, agentSupply, closeAll, connectionTo, credentials, signedIn } from './helpers';

let sim: Simulator;
const agent = agentSupply();

beforeAll(async () => {
  sim = await startSimulator({ pollHoldMs: 100, agents: MANY_AGENTS });
});
afterEach(() => closeAll());
afterAll(async () => {
  await sim.stop();
});

const verdicts = (report: ConnectionReport) =>
  report.steps.map((s) => `${s.name}:${s.skipped ? 'skip' : s.ok ? 'ok' : 'fail'}`);

describe('checkGateway', () => {
  it('passes every step with good credentials and leaves no session behind', async () => {
    const a = agent();
    const report = await checkGateway({
      connection: connectionTo(sim),
      credentials: credentials(a),
    });
    expect(verdicts(report)).toEqual([
      'dns:ok',
      'tcp:ok',
      'tls:ok',
      'sign-in:ok',
      'poll:ok',
      'sign-out:ok',
    ]);
    expect(report.ok).toBe(true);
    // §3.1: login (never forcelogin), no resetskill (no skill queue joined), one poll, logout.
    const paths = sim
      .requests()
      .filter((r) => r.agentId === a.id)
      .map((r) => `${r.method} ${r.path.replace(/^.*\/resource\//, '')}`);
    expect(paths).toEqual([
      `PUT onlineagent/${a.id}`,
      `GET agentevent/${a.id}`,
      `DELETE onlineagent/${a.id}/logout`,
    ]);
    expect(report.steps[3]?.detail).toMatch(/signed in busy .*skill queues not joined/);
    const tls = report.steps[2]?.detail ?? '';
    expect(tls).toContain(sim.leafFingerprint256);
    expect(tls).toMatch(/trusted/);
    expect(tls).toMatch(/valid to/);
    expect(report.steps[4]?.detail).toBe('event AgentOther_InService');
    expect(JSON.stringify(report)).not.toContain(a.password);
    expect(JSON.stringify(report)).not.toMatch(/AgentGateway0/);
    expect(sim.sessions().some((s) => s.agentId === a.id)).toBe(false);
  });

  it('checks only the network without credentials', async () => {
    const report = await checkGateway({ connection: connectionTo(sim) });
    expect(verdicts(report)).toEqual([
      'dns:ok',
      'tcp:ok',
      'tls:ok',
      'sign-in:skip',
      'poll:skip',
      'sign-out:skip',
    ]);
    expect(report.ok).toBe(true);
  });

  it('reports an untrusted certificate with its fingerprint and skips the rest', async () => {
    const report = await checkGateway({
      connection: { baseUrl: sim.url },
      credentials: credentials(agent()),
    });
    expect(verdicts(report).slice(2)).toEqual([
      'tls:fail',
      'sign-in:skip',
      'poll:skip',
      'sign-out:skip',
    ]);
    expect(report.steps[2]?.detail).toContain(sim.leafFingerprint256);
    expect(report.steps[2]?.detail).toMatch(/NOT trusted/);
    expect(report.ok).toBe(false);
  });

  it('reports a pin mismatch', async () => {
    const report = await checkGateway({
      connection: connectionTo(sim, { pinSha256: '00'.repeat(32) }),
    });
    expect(verdicts(report)[2]).toBe('tls:fail');
    expect(report.steps[2]?.detail).toMatch(/pin does NOT match/);
  });

  it('reports an agent signed in elsewhere and does not force it out', async () => {
    const a = agent();
    await signedIn(connectionTo(sim), a);
    const report = await checkGateway({
      connection: connectionTo(sim),
      credentials: credentials(a),
    });
    expect(verdicts(report).slice(3)).toEqual(['sign-in:fail', 'poll:skip', 'sign-out:skip']);
    expect(report.steps[3]?.detail).toMatch(/100-002.*not forced/);
    expect(sim.requests().some((r) => r.agentId === a.id && r.path.endsWith('/forcelogin'))).toBe(
      false,
    );
  });

  it('reports a wrong password with its retcode', async () => {
    const a = agent();
    const report = await checkGateway({
      connection: connectionTo(sim),
      credentials: { ...credentials(a), password: 'nope' },
    });
    expect(report.steps[3]?.detail).toMatch(/^100-004/);
    expect(JSON.stringify(report)).not.toContain('nope');
  });

  it('reports a refused TCP connection', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const report = await checkGateway({ connection: { baseUrl: `https://127.0.0.1:${port}` } });
    expect(verdicts(report).slice(0, 3)).toEqual(['dns:ok', 'tcp:fail', 'tls:skip']);
    expect(report.steps[1]?.detail).toMatch(/ECONNREFUSED/);
  });

  it('refuses a plain-http address at the first step', async () => {
    const report = await checkGateway({ connection: { baseUrl: 'http://127.0.0.1:8043' } });
    expect(verdicts(report)[0]).toBe('dns:fail');
    expect(report.steps[0]?.detail).toMatch(/https/);
  });
});

describe('check-gateway command line', () => {
  const run = promisify(execFile);
  async function cli(args: string[]): Promise<{ code: number; out: string }> {
    try {
      const { stdout } = await run('npx', ['tsx', 'main/gateway/check-cli.ts', ...args], {
        cwd: process.cwd(),
      });
      return { code: 0, out: stdout };
    } catch (err) {
      const e = err as { code?: number; stdout?: string };
      return { code: e.code ?? -1, out: e.stdout ?? '' };
    }
  }

  it('exits 0 when every step passes and never prints the password', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'check-gateway-'));
    const ca = join(dir, 'ca.pem');
    await writeFile(ca, sim.caPem);
    const a = agent();
    const ok = await cli([
      '--url',
      sim.url,
      '--agent',
      a.id,
      '--password',
      a.password,
      '--phone',
      a.phone,
      '--ca',
      ca,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^PASS {2}sign-out/m);
    expect(ok.out).not.toContain(a.password);
    const bad = await cli([
      '--url',
      sim.url,
      '--agent',
      a.id,
      '--password',
      'wrong',
      '--phone',
      a.phone,
      '--ca',
      ca,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/^FAIL {2}sign-in .*100-004/m);
  }, 60_000);
});
