import { describe, expect, it } from 'vitest';
import type { Simulator } from './index';
import {
  eventTypes as types,
  op,
  poll,
  ringing,
  signIn,
  simulatorPerTest,
  type Agent,
} from './test-client';

const { start, signedIn } = simulatorPerTest();
const status = async (s: Simulator, a: Agent): Promise<unknown> =>
  (await op(s, a, 'GET', 'onlineagent/101/agentstatus')).result;

/** Offer, dial, answer and let the customer hang up; the state event that ends the call. */
async function callEnds(s: Simulator, a: Agent, id: string): Promise<string | undefined> {
  await ringing(s, a, id);
  s.callAction('101', 'answer');
  await types(s, a, 1);
  s.callAction('101', 'customer-hangup');
  return (await types(s, a, 4))[3];
}

describe('simulator after-call state (§3.1, §3.6, §9 rules 9 and 17)', () => {
  it('ends a call in Ready by default (autoenteridle and releasephone defaults true)', async () => {
    const { s, a } = await signedIn();
    expect(await callEnds(s, a, '1')).toBe('AgentState_Ready');
    expect(await status(s, a)).toEqual({ agentState: 4, isWorking: false });
  });

  it('forces wrap-up with afterCall wrap-up and releasephone true, even with autoenteridle true; no preview offered until sayfree', async () => {
    const { s, a } = await signedIn(
      { afterCall: 'wrap-up' },
      { releasephone: 'true', autoenteridle: true },
    );
    expect(await callEnds(s, a, '1')).toBe('AgentState_Work');
    expect(await status(s, a)).toEqual({ agentState: 5, isWorking: false });
    s.injectPreview('101', { numbers: ['556'], controlId: '2' });
    expect(await poll(s, a)).toBeNull();
    expect(s.sessions()[0]).toMatchObject({ state: 5, offersWaiting: 1 });
    const early = await op(
      s,
      a,
      'PUT',
      'voicecall/101/previewCallout',
      '{"called":"556","callcontrolid":"2"}',
    );
    expect(early.retcode).toBe('000-002');
    expect(await status(s, a)).toEqual({ agentState: 5, isWorking: false });
    expect((await op(s, a, 'POST', 'onlineagent/101/sayfree')).retcode).toBe('0');
    expect(await types(s, a, 2)).toEqual([
      'AgentState_CancelWork_Success',
      'AgentEvent_Preview_CallOut_Ex',
    ]);
    expect(await status(s, a)).toEqual({ agentState: 4, isWorking: false });
    // cancelwork leaves wrap-up the same way.
    expect(await callEnds(s, a, '3')).toBe('AgentState_Work');
    expect((await op(s, a, 'POST', 'onlineagent/101/cancelwork')).retcode).toBe('0');
    expect(await types(s, a, 1)).toEqual(['AgentState_CancelWork_Success']);
  });

  it('does not force wrap-up on an always-off-hook agent (releasephone false)', async () => {
    const { s, a } = await signedIn({ afterCall: 'wrap-up' }, { releasephone: false });
    expect(await callEnds(s, a, '1')).toBe('AgentState_Ready');
  });

  it('wraps up after every call with autoenteridle false, whatever afterCall says', async () => {
    const { s, a } = await signedIn({ afterCall: 'ready' }, { autoenteridle: 'false' });
    expect(await callEnds(s, a, '1')).toBe('AgentState_Work');
    expect(await status(s, a)).toMatchObject({ agentState: 5 });
  });

  it.each([
    [3, ['AgentOther_InService', 'AgentState_Ready', 'AgentState_SetNotReady_Success']],
    [4, ['AgentOther_InService', 'AgentState_Ready']],
    [5, ['AgentOther_InService', 'AgentState_Ready', 'AgentState_Work']],
  ])('signs in with status %i: events %j and that agentState', async (st, events) => {
    const s = await start();
    const a = await signIn(s, '101', { status: String(st) });
    expect(await types(s, a, events.length)).toEqual(events);
    expect(await status(s, a)).toEqual({ agentState: st, isWorking: false });
    s.injectPreview('101', { numbers: ['555'], controlId: '9' });
    // Signed in to wrap-up: the offer waits for sayfree.
    if (st === 5) {
      expect(await poll(s, a)).toBeNull();
      await op(s, a, 'POST', 'onlineagent/101/sayfree');
      expect(await types(s, a, 2)).toEqual([
        'AgentState_CancelWork_Success',
        'AgentEvent_Preview_CallOut_Ex',
      ]);
    } else {
      expect(await types(s, a, 1)).toEqual(['AgentEvent_Preview_CallOut_Ex']);
    }
  });

  it('drops a waiting offer that is withdrawn before it was made', async () => {
    const { s, a } = await signedIn({}, { status: 5 });
    await types(s, a, 1);
    s.injectPreview('101', { numbers: ['555'], controlId: '3' });
    s.withdrawPreview('101', '3');
    await op(s, a, 'POST', 'onlineagent/101/sayfree');
    expect(await types(s, a, 1)).toEqual(['AgentState_CancelWork_Success']);
    expect(await poll(s, a)).toBeNull();
  });
});
