import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { guidOf, json, pollEvents, send, signIn, waitFor } from './test-client';

describe('simulator sessions (§3.1–§3.5, §9.2, §9.3)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ pollHoldMs: 100, callStepMs: 1 });
  });
  afterAll(() => sim.stop());

  it('signs in with Set-GUID, the load-balancer cookie and the §3.1 result', async () => {
    const res = await send(sim, 'PUT', 'onlineagent/101', {
      body: {
        password: 'pw101',
        phonenum: '8101',
        status: '4',
        autoanswer: 'true',
        releasephone: false,
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers['set-guid']).toMatch(/^JSESSIONID=[0-9a-f-]{36}\.AgentGateway0$/);
    expect(res.headers['set-cookie']).toEqual(['SIMLB=node0; Path=/; Secure; HttpOnly']);
    const body = JSON.parse(res.text) as { retcode: string; result: Record<string, string> };
    expect(body.retcode).toBe('0');
    expect(body.result).toMatchObject({
      workno: '101',
      mediatype: 'TTF',
      serverName: 'AgentGateway',
    });
    expect(body.result.loginTime).toMatch(/^\d{13}$/);
    const a = { id: '101', guid: guidOf(res) ?? '', cookie: 'SIMLB=node0' };
    const events = await pollEvents(sim, a, 2);
    expect(events.map((e) => e.eventType)).toEqual(['AgentOther_InService', 'AgentState_Ready']);
    expect(events[0]?.workNo).toBe('101');
    await json(sim, 'DELETE', 'onlineagent/101/logout', { guid: a.guid });
  });

  it('answers 100-004, 100-001, 100-002 and lets forcelogin retire the old Guid (100-006)', async () => {
    const wrong = await json(sim, 'PUT', 'onlineagent/102', {
      body: { password: 'nope', phonenum: '1' },
    });
    expect(wrong.retcode).toBe('100-004');
    const empty = await json(sim, 'PUT', 'onlineagent/102', { body: '{' });
    expect(empty.retcode).toBe('100-001');
    const first = await signIn(sim, '102');
    const again = await json(sim, 'PUT', 'onlineagent/102', {
      body: { password: 'pw102', phonenum: '8102' },
    });
    expect(again.retcode).toBe('100-002');
    const forced = await send(sim, 'PUT', 'onlineagent/102/forcelogin', {
      body: { password: 'pw102', phonenum: '8102' },
    });
    const second = guidOf(forced);
    expect(second).not.toBeNull();
    expect(second).not.toBe(first.guid);
    const old = await json(sim, 'GET', 'onlineagent/102/agentstatus', { guid: first.guid });
    expect(old.retcode).toBe('100-006');
    const cur = await json(sim, 'GET', 'onlineagent/102/agentstatus', { guid: second ?? '' });
    expect(cur).toMatchObject({ retcode: '0', result: { agentState: 4, isWorking: false } });
    await json(sim, 'DELETE', 'onlineagent/102/forcelogout', { guid: second ?? '' });
  });

  it('answers 100-021 to a sign-in while one is in flight', async () => {
    const slow = await startSimulator({ signInDelayMs: 300 });
    const body = { password: 'pw103', phonenum: '8103' };
    const [a, b] = await Promise.all([
      json(slow, 'PUT', 'onlineagent/103', { body }),
      (async () => {
        await waitFor(() => slow.requests().length > 0, 'first sign-in');
        return json(slow, 'PUT', 'onlineagent/103/forcelogin', { body });
      })(),
    ]);
    expect([a.retcode, b.retcode]).toEqual(['0', '100-021']);
    await slow.stop();
  });

  it('checks the Guid: 000-003 when wrong or missing, 100-006 without a session; any header case', async () => {
    const a = await signIn(sim, '104');
    expect((await json(sim, 'POST', 'onlineagent/104/sayfree', { guid: 'bogus' })).retcode).toBe(
      '000-003',
    );
    expect((await json(sim, 'POST', 'onlineagent/104/sayfree')).retcode).toBe('000-003');
    const lower = await json(sim, 'POST', 'onlineagent/104/sayfree', {
      guid: a.guid,
      guidHeader: 'guid',
    });
    expect(lower.retcode).toBe('0');
    const upper = await json(sim, 'POST', 'onlineagent/104/sayfree', {
      guid: a.guid,
      guidHeader: 'GUID',
    });
    expect(upper.retcode).toBe('0');
    expect((await json(sim, 'POST', 'onlineagent/105/sayfree', { guid: a.guid })).retcode).toBe(
      '100-006',
    );
    await json(sim, 'DELETE', 'onlineagent/104/logout', { guid: a.guid });
    expect((await json(sim, 'POST', 'onlineagent/104/sayfree', { guid: a.guid })).retcode).toBe(
      '100-006',
    );
  });

  it('keeps methods strict and answers unknown paths with 000-002', async () => {
    const a = await signIn(sim, '105');
    expect((await json(sim, 'GET', 'onlineagent/105/sayfree', { guid: a.guid })).retcode).toBe(
      '000-002',
    );
    expect((await json(sim, 'POST', 'agentevent/105', { guid: a.guid })).retcode).toBe('000-001');
    expect((await json(sim, 'GET', 'onlineagent/105/nosuch', { guid: a.guid })).retcode).toBe(
      '000-002',
    );
    expect((await json(sim, 'GET', '/elsewhere')).retcode).toBe('000-002');
    expect((await json(sim, 'PUT', 'onlineagent/99', { body: {} })).retcode).toBe('000-002');
    sim.kick('105');
  });

  it('logs requests without sign-in bodies, with cookie echo and Guid state', async () => {
    const a = await signIn(sim, '101');
    await json(sim, 'POST', 'onlineagent/101/saybusy?reason=201', {
      guid: a.guid,
      cookie: 'SIMLB=node0',
    });
    await json(sim, 'POST', 'onlineagent/101/cancelbusy', { guid: 'x' });
    const log = sim.requests().filter((r) => r.agentId === '101');
    expect(log.some((r) => r.body?.includes('pw101') === true)).toBe(false);
    const busy = log.find((r) => r.path.endsWith('/saybusy'));
    expect(busy).toMatchObject({
      method: 'POST',
      query: 'reason=201',
      hadLbCookie: true,
      guidState: 'current',
    });
    const bad = log.find((r) => r.path.endsWith('/cancelbusy'));
    expect(bad).toMatchObject({ hadLbCookie: false, guidState: 'invalid' });
    sim.kick('101');
  });

  it('refuses logout during a call (100-010) and kick ends the session with ShutdownService', async () => {
    const a = await signIn(sim, '102');
    await pollEvents(sim, a, 2);
    const { controlId } = sim.injectPreview('102', { numbers: ['5550001'] });
    await pollEvents(sim, a, 1);
    await json(sim, 'PUT', 'voicecall/102/previewCallout', {
      guid: a.guid,
      body: `{"called":"5550001","callcontrolid":${controlId}}`,
    });
    expect((await json(sim, 'DELETE', 'onlineagent/102/logout', { guid: a.guid })).retcode).toBe(
      '100-010',
    );
    // Drain the call script so the next poll is held, then kick while it is held.
    expect((await pollEvents(sim, a, 4)).length).toBe(4);
    const pollPath = '/agentgateway/resource/agentevent/102';
    const polls = (): number => sim.requests().filter((r) => r.path === pollPath).length;
    const before = polls();
    const waiting = json(sim, 'GET', 'agentevent/102', { guid: a.guid });
    await waitFor(() => polls() > before, 'held poll');
    sim.kick('102');
    const last = await waiting;
    expect((last.event as { eventType: string }).eventType).toBe('AgentOther_ShutdownService');
    expect((await json(sim, 'GET', 'agentevent/102', { guid: a.guid })).retcode).toBe('100-006');
  });
});

describe('simulator silence timeout (§2.3)', () => {
  it('signs a silent agent out; the next request gets 100-006', async () => {
    const sim = await startSimulator({ sessionTimeoutMs: 60, pollHoldMs: 20 });
    try {
      const a = await signIn(sim, '101');
      await waitFor(() => sim.sessions().length === 0, 'sign-out by silence');
      expect((await json(sim, 'GET', 'agentevent/101', { guid: a.guid })).retcode).toBe('100-006');
    } finally {
      await sim.stop();
    }
  });

  it('answers 100-015 to forcelogin when forcing is not allowed', async () => {
    const sim = await startSimulator({ forceLoginAllowed: false });
    try {
      await signIn(sim, '101');
      const r = await json(sim, 'PUT', 'onlineagent/101/forcelogin', {
        body: { password: 'pw101', phonenum: '8101' },
      });
      expect(r.retcode).toBe('100-015');
    } finally {
      await sim.stop();
    }
  });
});
