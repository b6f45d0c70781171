import { describe, expect, it } from 'vitest';
import type { Simulator } from './index';
import {
  agentState,
  control,
  json,
  poll,
  pollEvents,
  ringing,
  simulatorPerTest,
  type Agent,
} from './test-client';

const { signedIn } = simulatorPerTest();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** `json` with the agent's Guid on `onlineagent/101/{path}`. */
const op = async (s: Simulator, a: Agent, method: string, path: string) =>
  json(s, method, `onlineagent/101/${path}`, { guid: a.guid });

describe('simulator not ready with a reason (§3.6, §6.3; issue #13 §2)', () => {
  it('sets busy with a reason 200–250, changes it with prolong, refuses it without', async () => {
    const { s, a } = await signedIn();
    expect((await op(s, a, 'POST', 'saybusy?reason=201')).retcode).toBe('0');
    expect(await pollEvents(s, a, 1)).toMatchObject([
      { eventType: 'AgentState_SetNotReady_Success', content: { reason: '201' } },
    ]);
    expect(await agentState(s, a)).toBe(3);
    expect((await op(s, a, 'POST', 'saybusy?reason=202')).retcode).toBe('100-009');
    expect((await op(s, a, 'POST', 'saybusy?reason=202&prolong=true')).retcode).toBe('0');
    expect((await pollEvents(s, a, 1))[0]?.content).toEqual({ reason: '202' });
    for (const bad of ['199', '251', 'x', '-1']) {
      expect((await op(s, a, 'POST', `saybusy?reason=${bad}&prolong=true`)).retcode).toBe(
        '000-002',
      );
    }
    expect((await op(s, a, 'POST', 'saybusy?reason=0&prolong=yes')).retcode).toBe('000-002');
    expect((await op(s, a, 'POST', 'cancelbusy')).retcode).toBe('0');
    expect((await pollEvents(s, a, 1))[0]?.eventType).toBe('AgentState_CancelNotReady_Success');
    expect((await op(s, a, 'POST', 'saybusy')).retcode).toBe('0');
    expect((await pollEvents(s, a, 1))[0]?.content).toEqual({ reason: '0' });
  });

  it('keeps a busy asked for during a call until the call ends', async () => {
    const { s, a } = await signedIn();
    await ringing(s, a, '1');
    expect((await op(s, a, 'POST', 'saybusy?reason=210')).retcode).toBe('0');
    expect(await agentState(s, a)).toBe(7);
    s.callAction('101', 'customer-hangup');
    const end = await pollEvents(s, a, 4);
    expect(end[3]).toMatchObject({
      eventType: 'AgentState_SetNotReady_Success',
      content: { reason: '210' },
    });
    expect(await agentState(s, a)).toBe(3);
  });
});

describe('simulator rest with a time (§3.6, §6.1; issue #13 §2)', () => {
  it('ends the rest time early on request (restTimeout and its control API), once', async () => {
    const { s, a } = await signedIn();
    expect((await op(s, a, 'POST', 'rest/3600/2')).retcode).toBe('0');
    await pollEvents(s, a, 1);
    s.restTimeout('101');
    expect(await pollEvents(s, a, 1)).toMatchObject([
      { eventType: 'AgentState_Rest_Timeout', content: null },
    ]);
    expect(await agentState(s, a)).toBe(8);
    // Its own timer is gone: no second reminder; and no early end when the time is over.
    expect(() => s.restTimeout('101')).toThrow(/not resting/);
    expect((await op(s, a, 'POST', 'rest/3600/2?prolong=true')).retcode).toBe('0');
    await pollEvents(s, a, 1);
    const res = await control(s, 'POST', 'agents/101/rest-timeout');
    expect(res).toEqual({ status: 200, body: { ok: true } });
    expect((await pollEvents(s, a, 1))[0]?.eventType).toBe('AgentState_Rest_Timeout');
    expect((await op(s, a, 'POST', 'cancelrest')).retcode).toBe('0');
    await pollEvents(s, a, 1);
    expect((await control(s, 'POST', 'agents/101/rest-timeout')).status).toBe(400);
    expect(() => s.restTimeout('999')).toThrow(/not signed in/);
  });

  it('rests, reminds with Rest_Timeout when the time is up, and stays in rest', async () => {
    const { s, a } = await signedIn();
    expect((await op(s, a, 'POST', 'rest/1/7')).retcode).toBe('0');
    expect(await pollEvents(s, a, 1)).toMatchObject([
      { eventType: 'AgentState_SetRest_Success', content: { reason: '7' } },
    ]);
    expect(await agentState(s, a)).toBe(8);
    expect((await op(s, a, 'POST', 'rest/60/7')).retcode).toBe('100-009');
    const [timeout] = await pollEvents(s, a, 1, 100);
    expect(timeout).toMatchObject({ eventType: 'AgentState_Rest_Timeout', content: null });
    expect(await agentState(s, a)).toBe(8);
    expect((await op(s, a, 'POST', 'cancelrest')).retcode).toBe('0');
    expect((await pollEvents(s, a, 1))[0]?.eventType).toBe('AgentState_CancelRest_Success');
    expect(await agentState(s, a)).toBe(4);
    expect((await op(s, a, 'POST', 'cancelrest')).retcode).toBe('100-009');
  });

  it('restarts the rest time on prolong, and forgets it when rest ends early', async () => {
    const { s, a } = await signedIn();
    expect((await op(s, a, 'POST', 'rest/1/1')).retcode).toBe('0');
    await pollEvents(s, a, 1);
    await sleep(600);
    // Prolong with a longer time: the first second's reminder must not come.
    expect((await op(s, a, 'POST', 'rest/3/2?prolong=true')).retcode).toBe('0');
    expect((await pollEvents(s, a, 1))[0]).toMatchObject({
      eventType: 'AgentState_SetRest_Success',
      content: { reason: '2' },
    });
    await sleep(900);
    expect(await poll(s, a)).toBeNull();
    // Leave rest, rest again for 60 s: the 3 s reminder of the ended rest must not come.
    expect((await op(s, a, 'POST', 'sayfree')).retcode).toBe('0');
    expect((await op(s, a, 'POST', 'rest/60/2')).retcode).toBe('0');
    expect((await pollEvents(s, a, 2)).map((e) => e.eventType)).toEqual([
      'AgentState_CancelRest_Success',
      'AgentState_SetRest_Success',
    ]);
    await sleep(1_800);
    expect(await poll(s, a)).toBeNull();
  });

  it('shows a rest asked for during a call as pre-rest (9) and applies it when the call ends', async () => {
    const { s, a } = await signedIn();
    await ringing(s, a, '1');
    expect((await op(s, a, 'POST', 'rest/1/5')).retcode).toBe('0');
    expect(await agentState(s, a)).toBe(9);
    expect(await poll(s, a)).toBeNull();
    s.callAction('101', 'customer-hangup');
    const end = await pollEvents(s, a, 4);
    expect(end[3]).toMatchObject({
      eventType: 'AgentState_SetRest_Success',
      content: { reason: '5' },
    });
    expect(await agentState(s, a)).toBe(8);
    // The rest time counts from the call's end.
    expect((await pollEvents(s, a, 1, 100))[0]?.eventType).toBe('AgentState_Rest_Timeout');
  });

  it('withdraws a pre-rest with cancelrest during the call', async () => {
    const { s, a } = await signedIn();
    await ringing(s, a, '1');
    await op(s, a, 'POST', 'rest/60/5');
    expect((await op(s, a, 'POST', 'cancelrest')).retcode).toBe('0');
    expect((await pollEvents(s, a, 1))[0]?.eventType).toBe('AgentState_CancelRest_Success');
    expect(await agentState(s, a)).toBe(7);
    s.callAction('101', 'customer-hangup');
    expect((await pollEvents(s, a, 4))[3]?.eventType).toBe('AgentState_Ready');
  });

  it('refuses a time outside 1–86399 s or a cause outside 0–255', async () => {
    const { s, a } = await signedIn();
    for (const path of [
      'rest/0/1',
      'rest/86400/1',
      'rest/10/256',
      'rest/x/1',
      'rest/10/1?prolong=2',
    ]) {
      expect((await op(s, a, 'POST', path)).retcode, path).toBe('000-002');
    }
  });
});
