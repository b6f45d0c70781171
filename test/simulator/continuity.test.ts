import { describe, expect, it } from 'vitest';
import type { Simulator } from './index';
import {
  json,
  pollEvents,
  send,
  signIn,
  simulatorPerTest,
  waitFor,
  type Agent,
} from './test-client';

const { start } = simulatorPerTest({ pollHoldMs: 5_000, callStepMs: 1 });

const login = async (s: Simulator, id = '101', password = `pw${id}`, path = '') =>
  json(s, 'PUT', `onlineagent/${id}${path}`, { body: { password, phonenum: `8${id}` } });
const status = async (s: Simulator, a: Agent): Promise<string | undefined> =>
  (await json(s, 'GET', `onlineagent/${a.id}/agentstatus`, { guid: a.guid })).retcode;

/** Start a poll and wait until the simulator holds it; `reply` is its answer to come. */
async function heldPoll(
  s: Simulator,
  a: Agent,
): Promise<{ reply: Promise<Record<string, unknown>> }> {
  const count = (): number =>
    s.requests().filter((r) => r.path.endsWith(`/agentevent/${a.id}`)).length;
  const before = count();
  const p = json(s, 'GET', `agentevent/${a.id}`, { guid: a.guid });
  await waitFor(
    () => count() > before && s.sessions().some((x) => x.agentId === a.id && x.pollHeld),
    'held poll',
  );
  return { reply: p };
}

describe('simulator session ends for continuity (issue #11)', () => {
  it('a supervisor sign-out: ShutdownService to the held poll, then 100-006, and a new sign-in succeeds', async () => {
    const s = await start();
    const a = await signIn(s, '101');
    await pollEvents(s, a, 2);
    const held = await heldPoll(s, a);
    const res = await send(s, 'POST', '/__sim/agents/101/force-logout', { body: { cause: 7 } });
    expect(res.status).toBe(200);
    expect(await held.reply).toMatchObject({
      retcode: '0',
      event: {
        eventType: 'AgentOther_ShutdownService',
        content: { loginTime: expect.any(String) },
      },
    });
    expect(await status(s, a)).toBe('100-006');
    expect((await login(s)).retcode).toBe('0');
    expect(s.sessionEnds()).toEqual([
      { agentId: '101', reason: 'supervisor', at: expect.any(Number), cause: 7 },
    ]);
    expect(
      (await send(s, 'POST', '/__sim/agents/101/force-logout', { body: { cause: 0 } })).status,
    ).toBe(400);
  });

  it('a forced sign-in elsewhere: the same event and 100-006, but the agent is held elsewhere (100-002)', async () => {
    const s = await start();
    const a = await signIn(s, '101');
    await pollEvents(s, a, 2);
    const held = await heldPoll(s, a);
    expect((await login(s, '101', 'pw101', '/forcelogin')).retcode).toBe('0');
    expect((await held.reply).event).toMatchObject({ eventType: 'AgentOther_ShutdownService' });
    expect(await status(s, a)).toBe('100-006');
    expect((await login(s)).retcode).toBe('100-002');
    expect(s.sessionEnds().map((e) => e.reason)).toEqual(['displaced']);
  });

  it('a silence sign-out after a sleep: no event reaches the desk, the next request gets 100-006', async () => {
    const s = await start({ sessionTimeoutMs: 200, pollHoldMs: 50 });
    const a = await signIn(s, '101');
    await waitFor(() => s.sessions().length === 0, 'silence sign-out');
    expect(await status(s, a)).toBe('100-006');
    expect(s.sessionEnds().map((e) => e.reason)).toEqual(['timeout']);
    expect((await login(s)).retcode).toBe('0');
  });

  it('records the agent’s own logout and forcelogout', async () => {
    const s = await start();
    const a = await signIn(s, '101');
    await json(s, 'DELETE', 'onlineagent/101/logout', { guid: a.guid });
    const b = await signIn(s, '101');
    await json(s, 'DELETE', 'onlineagent/101/forcelogoutwithreason/3', { guid: b.guid });
    const ends = await send(s, 'GET', '/__sim/session-ends');
    expect((JSON.parse(ends.text) as Array<{ reason: string }>).map((e) => e.reason)).toEqual([
      'logout',
      'forcelogout',
    ]);
  });
});

describe('simulator accounts for continuity (issue #11)', () => {
  it('answers 100-004 once the password changed on the gateway, and takes the new one', async () => {
    const s = await start();
    const res = await send(s, 'PUT', '/__sim/agents/101/account', { body: { password: 'new-pw' } });
    expect(res.status).toBe(200);
    expect((await login(s)).retcode).toBe('100-004');
    expect((await login(s, '101', 'new-pw')).retcode).toBe('0');
    expect(s.agents.find((x) => x.id === '101')?.password).toBe('new-pw');
  });

  it('signs in with isForceChange "true" when the password must be changed; the agent works', async () => {
    const s = await start({
      agents: [{ id: '101', password: 'pw101', phone: '8101', mustChangePassword: true }],
    });
    const res = await send(s, 'PUT', 'onlineagent/101', {
      body: { password: 'pw101', phonenum: '8101' },
    });
    expect(JSON.parse(res.text)).toMatchObject({ retcode: '0', result: { isForceChange: 'true' } });
    // Nothing is refused meanwhile [assumption: the docs only say calls need a new password].
    const guid = String(res.headers['set-guid']).slice('JSESSIONID='.length);
    expect((await json(s, 'POST', 'onlineagent/101/resetskill/true', { guid })).retcode).toBe('0');
    s.setAccount('101', { mustChangePassword: false });
    expect((await login(s, '101', 'pw101', '/forcelogin')).result).toMatchObject({
      isForceChange: 'false',
    });
  });

  it('refuses every sign-in with signInRetcode (after the password check), until cleared', async () => {
    const s = await start();
    s.setAccount('101', { signInRetcode: '100-020' });
    expect((await login(s, '101', 'wrong')).retcode).toBe('100-004');
    expect((await login(s)).retcode).toBe('100-020');
    expect((await login(s, '101', 'pw101', '/forcelogin')).retcode).toBe('100-020');
    s.setAccount('101', { signInRetcode: null });
    expect((await login(s)).retcode).toBe('0');
    for (const bad of [{ signInRetcode: '7' }, { password: '' }, { colour: 'red' }]) {
      const res = await send(s, 'PUT', '/__sim/agents/101/account', { body: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await send(s, 'PUT', '/__sim/agents/109/account', { body: {} })).status).toBe(400);
  });
});

describe('simulator calls that outlive the gateway (issue #11)', () => {
  /** Signs in, dials an injected preview and lets the customer answer: a talking call. */
  async function talking(s: Simulator, a: Agent): Promise<string> {
    const { controlId } = s.injectPreview(a.id, { numbers: ['900'] });
    const dial = await json(s, 'PUT', `voicecall/${a.id}/previewCallout`, {
      guid: a.guid,
      body: { called: '900', callcontrolid: controlId },
    });
    const callId = String(dial.result);
    s.callAction(a.id, 'answer');
    await waitFor(() => s.sessions().some((x) => x.agentId === a.id && x.hasCall), 'call up');
    return callId;
  }

  it('loses calls in a plain restart', async () => {
    const s = await start();
    const a = await signIn(s, '101');
    await talking(s, a);
    await s.restart();
    const b = await signIn(s, '101');
    expect(await json(s, 'GET', 'onlineagent/101/agentstatus', { guid: b.guid })).toMatchObject({
      result: { isWorking: false },
    });
  });

  it('carries a talking call through a restart with keepCalls: same call id, DTMF and release work', async () => {
    const s = await start();
    const a = await signIn(s, '101');
    const callId = await talking(s, a);
    const res = await send(s, 'POST', '/__sim/restart', { body: { keepCalls: true } });
    expect(res.status).toBe(200);
    await waitFor(() => s.sessionEnds().some((e) => e.reason === 'restart'), 'restart');
    const b = await signIn(s, '101', { status: 3 });
    expect(await json(s, 'GET', 'onlineagent/101/agentstatus', { guid: b.guid })).toMatchObject({
      result: { agentState: 7, isWorking: true },
    });
    const info = await json(s, 'GET', 'calldata/101/callinfo', { guid: b.guid });
    expect(info.result).toMatchObject({ callid: callId, called: '900', caller: '8101' });
    expect(
      (await json(s, 'POST', 'voicecall/101/seconddialex?number=12', { guid: b.guid })).retcode,
    ).toBe('0');
    expect(s.dtmf('101').calls).toEqual([{ callId, requests: ['12'] }]);
    expect((await json(s, 'DELETE', 'voicecall/101/release', { guid: b.guid })).retcode).toBe('0');
    await waitFor(() => s.sessions().some((x) => x.agentId === '101' && !x.hasCall), 'ended');
    // Carried once: the next session has no call.
    await json(s, 'DELETE', 'onlineagent/101/logout', { guid: b.guid });
    const c = await signIn(s, '101');
    expect(await json(s, 'GET', 'onlineagent/101/agentstatus', { guid: c.guid })).toMatchObject({
      result: { isWorking: false },
    });
  });

  it('carries a call into the backup gateway for the agent’s next sign-in there', async () => {
    const primary = await start();
    const backup = await start({ node: 1 });
    const a = await signIn(primary, '102');
    const callId = await talking(primary, a);
    const res = await send(backup, 'POST', '/__sim/agents/102/carry-call', {
      body: { callId, called: '900' },
    });
    expect(res.status).toBe(200);
    await primary.kill();
    const b = await signIn(backup, '102');
    expect(b.guid).toMatch(/\.AgentGateway1$/);
    const info = await json(backup, 'GET', 'calldata/102/callinfo', { guid: b.guid });
    expect(info.result).toMatchObject({ callid: callId, caller: '8102' });
    expect(backup.sessions()).toMatchObject([{ agentId: '102', hasCall: true, state: 7 }]);
  });

  it('refuses a bad carried call or restart option with 400', async () => {
    const s = await start();
    for (const body of [
      {},
      { callId: 'x y', called: '900' },
      { callId: '1-2', called: '' },
      { callId: '1-2', called: '900', phase: 'ringing' },
    ]) {
      const res = await send(s, 'POST', '/__sim/agents/101/carry-call', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(
      (
        await send(s, 'POST', '/__sim/agents/109/carry-call', {
          body: { callId: '1', called: '9' },
        })
      ).status,
    ).toBe(400);
    expect((await send(s, 'POST', '/__sim/restart', { body: { keepCalls: 'yes' } })).status).toBe(
      400,
    );
    await expect(s.restart({ keepCalls: 1 as unknown as boolean })).rejects.toThrow(/keepCalls/);
  });
});
