import { describe, expect, it } from 'vitest';
import {
  eventTypes as types,
  op,
  poll,
  pollEvents,
  previewCallout as dial,
  RINGING,
  simulatorPerTest,
} from './test-client';

const { signedIn } = simulatorPerTest();

describe('simulator offers and dials around calls (§5.1, §9 rules 5 and 6)', () => {
  it('holds an offer made during an active call until the call has ended', async () => {
    const { s, a } = await signedIn();
    s.injectPreview('101', { numbers: ['555'], controlId: '1' });
    await types(s, a, 1);
    expect((await dial(s, a, '1', '555')).retcode).toBe('0');
    await types(s, a, 4);
    s.injectPreview('101', { numbers: ['556'], controlId: '2' });
    expect(s.sessions()[0]).toMatchObject({ hasCall: true, offersWaiting: 1 });
    expect(await poll(s, a)).toBeNull();
    expect((await dial(s, a, '2', '556')).retcode).toBe('100-007');
    s.callAction('101', 'answer');
    await types(s, a, 1);
    expect((await op(s, a, 'DELETE', 'voicecall/101/release')).retcode).toBe('0');
    expect(await types(s, a, 5)).toEqual([
      'AgentEvent_Call_Release',
      'AgentEvent_Customer_Release',
      'AgentOther_PhoneRelease',
      'AgentState_Ready',
      'AgentEvent_Preview_CallOut_Ex',
    ]);
    expect((await dial(s, a, '2', '556')).retcode).toBe('0');
  });

  it('lets a held call neither block an offer nor a dial; the held call comes back after the second ends', async () => {
    const { s, a } = await signedIn();
    s.injectPreview('101', { numbers: ['555'], controlId: '1' });
    await types(s, a, 1);
    const first = (await dial(s, a, '1', '555')).result as string;
    await types(s, a, 4);
    s.callAction('101', 'answer');
    await types(s, a, 1);
    expect((await op(s, a, 'POST', 'voicecall/101/hold')).retcode).toBe('0');
    expect(await types(s, a, 1)).toEqual(['AgentEvent_Hold']);
    // Offered at once while the only call is held.
    s.injectPreview('101', { numbers: ['556'], controlId: '2' });
    expect(await types(s, a, 1)).toEqual(['AgentEvent_Preview_CallOut_Ex']);
    const dialled = await dial(s, a, '2', '556');
    expect(dialled.retcode).toBe('0');
    const second = dialled.result as string;
    expect(second).not.toBe(first);
    expect(await types(s, a, 4)).toEqual(RINGING);
    // One held call is simulated: a second dial or hold meanwhile is refused.
    s.injectPreview('101', { numbers: ['557'], controlId: '3' });
    expect((await dial(s, a, '3', '557')).retcode).toBe('100-007');
    s.callAction('101', 'answer');
    await types(s, a, 1);
    expect((await op(s, a, 'POST', 'voicecall/101/hold')).retcode).toBe('200-014');
    expect((await op(s, a, 'POST', `voicecall/101/gethold?callid=${first}`)).retcode).toBe(
      '200-016',
    );
    const info = await op(s, a, 'GET', 'calldata/101/callinfo');
    expect(info.result).toMatchObject({ callid: second });
    // The second call ends: the agent still has the held one, so no state event yet.
    s.callAction('101', 'customer-hangup');
    expect(await types(s, a, 4)).toEqual([
      'AgentEvent_Customer_Release',
      'AgentEvent_Call_Release',
      'AgentOther_PhoneRelease',
      'AgentEvent_Preview_CallOut_Ex',
    ]);
    expect((await op(s, a, 'GET', 'onlineagent/101/agentstatus')).result).toEqual({
      agentState: 7,
      isWorking: true,
    });
    expect((await op(s, a, 'GET', 'calldata/101/callinfo')).result).toMatchObject({
      callid: first,
    });
    expect((await op(s, a, 'POST', `voicecall/101/gethold?callid=${first}`)).retcode).toBe('0');
    expect(await pollEvents(s, a, 1)).toMatchObject([
      { eventType: 'AgentEvent_Talking', content: { callid: first } },
    ]);
    expect((await op(s, a, 'DELETE', 'voicecall/101/release')).retcode).toBe('0');
    expect((await types(s, a, 4))[3]).toBe('AgentState_Ready');
    expect((await op(s, a, 'GET', 'onlineagent/101/agentstatus')).result).toEqual({
      agentState: 4,
      isWorking: false,
    });
  });
});
