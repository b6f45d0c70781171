import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { json, pollEvents, send, signIn, waitFor, type Agent } from './test-client';

describe('simulator faults and restarts (design.md §6)', () => {
  let sim: Simulator;
  let a: Agent;
  beforeEach(async () => {
    sim = await startSimulator({ pollHoldMs: 50 });
    a = await signIn(sim, '101');
  });
  afterEach(() => sim.stop());

  const status = (agent: Agent = a) =>
    send(sim, 'GET', `onlineagent/${agent.id}/agentstatus`, { guid: agent.guid });
  const retcode = async (agent: Agent = a): Promise<string> =>
    (JSON.parse((await status(agent)).text) as { retcode: string }).retcode;

  it('answers an NSLB-style 5xx page, count times, then normally', async () => {
    sim.addFault({ kind: 'http-error', path: 'agentstatus', count: 2 });
    for (let i = 0; i < 2; i += 1) {
      const res = await status();
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toBe('text/html');
      expect(res.text).toContain('503 Service Unavailable');
    }
    expect(await retcode()).toBe('0');
    sim.addFault({ kind: 'http-error', status: 502 });
    expect((await status()).status).toBe(502);
  });

  it('scopes faults by agent and path', async () => {
    const b = await signIn(sim, '102');
    sim.addFault({ kind: 'http-error', agentId: '102', path: 'agentstatus' });
    expect((await status(a)).status).toBe(200);
    expect((await send(sim, 'POST', 'onlineagent/102/sayfree', { guid: b.guid })).status).toBe(200);
    expect((await status(b)).status).toBe(503);
  });

  it('delays with latency, then answers normally', async () => {
    sim.addFault({ kind: 'latency', ms: 20 });
    expect(await retcode()).toBe('0');
  });

  it('drops the connection without an answer', async () => {
    sim.addFault({ kind: 'drop' });
    await expect(status()).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(await retcode()).toBe('0');
  });

  it('answers 200 with a body that is not JSON', async () => {
    sim.addFault({ kind: 'malformed', path: 'agentevent' });
    const res = await send(sim, 'GET', 'agentevent/101', { guid: a.guid });
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.text) as unknown).toThrow(SyntaxError);
  });

  it('hangs until the client gives up, or until faults are cleared', async () => {
    sim.addFault({ kind: 'hang', count: 0 });
    await expect(
      send(sim, 'GET', 'onlineagent/101/agentstatus', { guid: a.guid, abortAfterMs: 50 }),
    ).rejects.toThrow(/aborted by test/);
    const before = sim.requests().length;
    const pending = status();
    await waitFor(() => sim.requests().length > before, 'hung request');
    sim.clearFaults();
    const res = await pending;
    expect(JSON.parse(res.text)).toMatchObject({ retcode: '0' });
  });

  it('kills the session: that request and the next get 100-006', async () => {
    sim.addFault({ kind: 'kill-session', agentId: '101' });
    expect(await retcode()).toBe('100-006');
    expect(sim.sessions()).toEqual([]);
    expect(await retcode()).toBe('100-006');
  });

  it('restarts on a fault: sockets dropped, sessions gone, same port', async () => {
    const port = sim.port;
    sim.addFault({ kind: 'restart', path: 'sayfree' });
    await expect(send(sim, 'POST', 'onlineagent/101/sayfree', { guid: a.guid })).rejects.toThrow();
    await waitFor(() => sim.sessions().length === 0, 'restart');
    expect(sim.port).toBe(port);
    expect(await retcode()).toBe('100-006');
    const again = await signIn(sim, '101');
    expect(await retcode(again)).toBe('0');
  });

  it('restart() drops a held poll and listens again on the same port', async () => {
    const slow = await startSimulator({ pollHoldMs: 10_000 });
    try {
      const b = await signIn(slow, '101');
      await pollEvents(slow, b, 2);
      const before = slow.requests().length;
      const held = send(slow, 'GET', 'agentevent/101', { guid: b.guid });
      await waitFor(() => slow.requests().length > before, 'held poll');
      const port = slow.port;
      await slow.restart();
      await expect(held).rejects.toThrow(/socket hang up|ECONNRESET/);
      expect(slow.port).toBe(port);
      expect(slow.sessions()).toEqual([]);
      expect((await json(slow, 'GET', 'agentevent/101', { guid: b.guid })).retcode).toBe('100-006');
    } finally {
      await slow.stop();
    }
  });

  it('kill() refuses connections until revive(), which starts empty', async () => {
    await sim.kill();
    await expect(status()).rejects.toThrow(/ECONNREFUSED/);
    await sim.revive();
    expect(await retcode()).toBe('100-006');
    const again = await signIn(sim, '101');
    expect(await retcode(again)).toBe('0');
  });

  it('rejects an invalid fault', () => {
    expect(() => sim.addFault({ kind: 'nope' as 'drop' })).toThrow(/kind/);
    expect(() => sim.addFault({ kind: 'http-error', status: 42 })).toThrow(/status/);
  });

  it('logs faulted requests too', async () => {
    sim.addFault({ kind: 'http-error', path: 'agentstatus' });
    await status();
    expect(sim.requests().some((r) => r.path.endsWith('/agentstatus'))).toBe(true);
    expect(await json(sim, 'GET', 'onlineagent/101/agentstatus', { guid: a.guid })).toMatchObject({
      retcode: '0',
    });
  });
});

describe('simulator retcode fault', () => {
  it('answers the chosen retcode without carrying the request out, count times', async () => {
    const sim = await startSimulator({ pollHoldMs: 50 });
    try {
      const a = await signIn(sim, '101');
      sim.addFault({ kind: 'retcode', retcode: '100-007', path: '/saybusy', count: 2 });
      for (let i = 0; i < 2; i += 1) {
        const r = await json(sim, 'POST', 'onlineagent/101/saybusy', { guid: a.guid });
        expect(r).toEqual({
          message: 'exception while performing the operation',
          retcode: '100-007',
        });
      }
      expect(sim.sessions()[0]?.state).toBe(4);
      expect((await json(sim, 'POST', 'onlineagent/101/saybusy', { guid: a.guid })).retcode).toBe(
        '0',
      );
      sim.addFault({ kind: 'retcode', retcode: '0', path: '/agentstatus' });
      const res = await send(sim, 'GET', 'onlineagent/101/agentstatus', { guid: a.guid });
      expect(res.text).toBe('{"message":"","retcode":"0"}');
      const bad = await send(sim, 'POST', '/__sim/faults', {
        body: { kind: 'retcode', retcode: '7' },
      });
      expect(bad.status).toBe(400);
      expect(() => sim.addFault({ kind: 'latency', retcode: '100-007' })).toThrow(/retcode/);
      expect(() => sim.addFault({ kind: 'retcode' })).toThrow(/retcode/);
    } finally {
      await sim.stop();
    }
  });
});
