import { describe, expect, it } from 'vitest';
import {
  agentState,
  control,
  op,
  pollEvents,
  ringing,
  signIn,
  simulatorPerTest,
} from './test-client';

const { start, signedIn } = simulatorPerTest();

describe('simulator forced not ready (§7.3, §6.3, §9 rule 14)', () => {
  it('forces the agent busy through the control API with {"reason":"3"}, until sayfree', async () => {
    const { s, a } = await signedIn();
    expect(await control(s, 'POST', 'agents/101/force-not-ready')).toEqual({
      status: 200,
      body: { ok: true },
    });
    expect(await pollEvents(s, a, 1)).toMatchObject([
      { eventType: 'AgentState_Force_SetNotReady', content: { reason: '3' } },
    ]);
    expect(await agentState(s, a)).toBe(3);
    expect((await op(s, a, 'POST', 'onlineagent/101/saybusy?reason=201')).retcode).toBe('100-009');
    expect((await op(s, a, 'POST', 'onlineagent/101/sayfree')).retcode).toBe('0');
    expect((await pollEvents(s, a, 1))[0]?.eventType).toBe('AgentState_CancelNotReady_Success');
    expect(await agentState(s, a)).toBe(4);
    // cancelbusy ends it the same way.
    s.forceNotReady('101');
    await pollEvents(s, a, 1);
    expect((await op(s, a, 'POST', 'onlineagent/101/cancelbusy')).retcode).toBe('0');
    expect((await pollEvents(s, a, 1))[0]?.eventType).toBe('AgentState_CancelNotReady_Success');
  });

  it('sends content null with forceNotReadyNull, or per request', async () => {
    const { s, a } = await signedIn({ forceNotReadyNull: true });
    s.forceNotReady('101');
    expect(await pollEvents(s, a, 1)).toMatchObject([
      { eventType: 'AgentState_Force_SetNotReady', content: null },
    ]);
    expect(await agentState(s, a)).toBe(3);
    await control(s, 'POST', 'agents/101/force-not-ready', { reason: '201' });
    expect((await pollEvents(s, a, 1))[0]?.content).toEqual({ reason: '201' });
    s.forceNotReady('101', { reason: null });
    expect((await pollEvents(s, a, 1))[0]?.content).toBeNull();
  });

  it('applies a force during a call when the call ends, instead of Ready', async () => {
    const { s, a } = await signedIn();
    await ringing(s, a);
    s.forceNotReady('101');
    expect(await agentState(s, a)).toBe(7);
    s.callAction('101', 'customer-hangup');
    const end = await pollEvents(s, a, 4);
    expect(end.map((e) => e.eventType)).toEqual([
      'AgentEvent_Customer_Release',
      'AgentEvent_Call_Release',
      'AgentOther_PhoneRelease',
      'AgentState_Force_SetNotReady',
    ]);
    expect(await agentState(s, a)).toBe(3);
  });

  it('forces every agent right after sign-in with forceNotReady', async () => {
    const s = await start({ forceNotReady: true });
    const a = await signIn(s, '101');
    expect((await pollEvents(s, a, 3)).map((e) => e.eventType)).toEqual([
      'AgentOther_InService',
      'AgentState_Ready',
      'AgentState_Force_SetNotReady',
    ]);
    expect(await agentState(s, a)).toBe(3);
  });

  it('answers 400 to bad input or an agent not signed in', async () => {
    const { s } = await signedIn();
    expect((await control(s, 'POST', 'agents/101/force-not-ready', { reason: 3 })).status).toBe(
      400,
    );
    expect((await control(s, 'POST', 'agents/101/force-not-ready', { reason: 'x' })).status).toBe(
      400,
    );
    expect((await control(s, 'POST', 'agents/102/force-not-ready')).status).toBe(400);
    expect(() => s.forceNotReady('102')).toThrow(/not signed in/);
  });
});

describe('simulator forced ready (§7.3; issue #13 §8)', () => {
  it('forces a busy, resting or wrapping-up agent idle with AgentState_Force_Ready', async () => {
    const { s, a } = await signedIn();
    for (const path of ['saybusy?reason=201', 'rest/600/1', 'work']) {
      await op(s, a, 'POST', `onlineagent/101/${path}`);
      await pollEvents(s, a, 1);
      expect(await agentState(s, a)).not.toBe(4);
      expect(await control(s, 'POST', 'agents/101/force-ready')).toEqual({
        status: 200,
        body: { ok: true },
      });
      expect(await pollEvents(s, a, 1)).toMatchObject([
        { eventType: 'AgentState_Force_Ready', content: null },
      ]);
      expect(await agentState(s, a)).toBe(4);
    }
  });

  it('applies a forced ready during a call when it ends, over a pre-rest and forced wrap-up', async () => {
    const { s, a } = await signedIn({ afterCall: 'wrap-up' });
    await ringing(s, a);
    await op(s, a, 'POST', 'onlineagent/101/rest/600/1');
    expect(await agentState(s, a)).toBe(9);
    s.forceReady('101');
    expect(await agentState(s, a)).toBe(7);
    s.callAction('101', 'customer-hangup');
    expect((await pollEvents(s, a, 4))[3]?.eventType).toBe('AgentState_Force_Ready');
    expect(await agentState(s, a)).toBe(4);
    expect((await control(s, 'POST', 'agents/102/force-ready')).status).toBe(400);
  });
});
