import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { json, pollEvents, send, signIn, waitFor, type Agent } from './test-client';

describe('simulator control API (/__sim)', () => {
  let sim: Simulator;
  let a: Agent;
  beforeAll(async () => {
    sim = await startSimulator({ pollHoldMs: 50, callStepMs: 1 });
    a = await signIn(sim, '101');
    await pollEvents(sim, a, 2);
  });
  afterAll(() => sim.stop());

  const control = async (method: string, path: string, body?: object | string) => {
    const res = await send(sim, method, `/__sim/${path}`, body === undefined ? {} : { body });
    return { status: res.status, body: JSON.parse(res.text) as Record<string, unknown> };
  };

  it('injects a preview, drives the call and reads DTMF back', async () => {
    const injected = await control('POST', 'agents/101/previews', {
      numbers: ['600', '601'],
      controlId: '9007199254740993',
      controlIdAsNumber: true,
    });
    expect(injected).toEqual({ status: 200, body: { controlId: '9007199254740993' } });
    const offer = await send(sim, 'GET', 'agentevent/101', { guid: a.guid });
    expect(offer.text).toContain('"controlid":9007199254740993');
    const dialled = await json(sim, 'PUT', 'voicecall/101/previewCallout', {
      guid: a.guid,
      body: '{"called":"601","callcontrolid":"9007199254740993"}',
    });
    expect(dialled.retcode).toBe('0');
    await pollEvents(sim, a, 4);
    expect((await control('POST', 'agents/101/call/answer')).status).toBe(200);
    await pollEvents(sim, a, 1);
    await json(sim, 'POST', 'voicecall/101/seconddialex?number=9%23', { guid: a.guid });
    const dtmf = await control('GET', 'agents/101/dtmf');
    expect(dtmf.body).toEqual({ calls: [{ callId: dialled.result, requests: ['9#'] }] });
    expect((await control('POST', 'agents/101/call/customer-hangup')).status).toBe(200);
    await pollEvents(sim, a, 4);
    const none = await control('POST', 'agents/101/call/fail', { cause: 5 });
    expect(none.status).toBe(400);
    expect(none.body.error).toMatch(/no call/);
  });

  it('lists sessions and requests', async () => {
    const sessions = await control('GET', 'sessions');
    expect(sessions.body).toEqual([
      expect.objectContaining({ agentId: '101', state: 4, hasCall: false }),
    ]);
    const requests = await control('GET', 'requests');
    expect(Array.isArray(requests.body)).toBe(true);
    expect(JSON.stringify(requests.body)).toContain('/agentgateway/resource/agentevent/101');
    // The control API itself is not logged.
    expect(JSON.stringify(requests.body)).not.toContain('/__sim');
  });

  it('adds and clears faults', async () => {
    expect((await control('POST', 'faults', { kind: 'http-error', count: 0 })).status).toBe(200);
    expect((await send(sim, 'GET', 'onlineagent/101/agentstatus', { guid: a.guid })).status).toBe(
      503,
    );
    expect((await send(sim, 'GET', 'onlineagent/101/agentstatus', { guid: a.guid })).status).toBe(
      503,
    );
    expect((await control('DELETE', 'faults')).status).toBe(200);
    expect((await send(sim, 'GET', 'onlineagent/101/agentstatus', { guid: a.guid })).status).toBe(
      200,
    );
  });

  it('answers 400 to bad input and 404 to unknown routes', async () => {
    expect((await control('POST', 'faults', { kind: 'bogus' })).status).toBe(400);
    expect((await control('POST', 'faults', '{not json')).status).toBe(400);
    expect((await control('POST', 'agents/101/previews', { numbers: 'x' })).status).toBe(400);
    expect((await control('POST', 'agents/109/previews', { numbers: ['1'] })).status).toBe(400);
    expect((await control('POST', 'agents/101/call/answer', { cause: 'x' })).status).toBe(400);
    expect((await control('POST', 'agents/109/kick')).status).toBe(400);
    expect((await control('GET', 'nothing-here')).status).toBe(404);
  });

  it('kicks an agent and restarts the gateway', async () => {
    const b = await signIn(sim, '102');
    expect((await control('POST', 'agents/102/kick')).status).toBe(200);
    expect((await json(sim, 'GET', 'agentevent/102', { guid: b.guid })).retcode).toBe('100-006');
    expect((await control('POST', 'restart')).status).toBe(200);
    await waitFor(() => sim.sessions().length === 0, 'restart');
    const c = await signIn(sim, '101');
    expect(c.guid).not.toBe(a.guid);
  });
});
