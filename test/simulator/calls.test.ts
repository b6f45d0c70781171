import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { json, pollEvents, signIn, waitFor, type Agent } from './test-client';

describe('simulator call scripts and DTMF (§2.6, §5.3–§5.7, §9.6, §9.8, §9.9)', () => {
  let sim: Simulator;
  let a: Agent;
  beforeAll(async () => {
    sim = await startSimulator({ pollHoldMs: 50, callStepMs: 1 });
    a = await signIn(sim, '101');
    await pollEvents(sim, a, 2);
  });
  afterAll(() => sim.stop());

  const types = async (n: number): Promise<string[]> =>
    (await pollEvents(sim, a, n)).map((e) => e.eventType);
  const op = (method: string, path: string, body?: string) =>
    json(
      sim,
      method,
      `${/^(onlineagent|calldata)\//.test(path) ? path : `voicecall/101/${path}`}`,
      {
        guid: a.guid,
        ...(body === undefined ? {} : { body }),
      },
    );

  /** Offer and dial a preview; returns the call id after the ringing script is polled. */
  async function dial(number = '5550100'): Promise<string> {
    const { controlId } = sim.injectPreview('101', { numbers: [number], callData: '{"a":1}' });
    await types(1);
    const r = await op(
      'PUT',
      'previewCallout',
      `{"called":"${number}","callcontrolid":"${controlId}"}`,
    );
    expect(r.retcode).toBe('0');
    expect(await types(4)).toEqual([
      'AgentOther_PhoneAlerting',
      'AgentOther_PhoneOffhook',
      'AgentState_Busy',
      'AgentEvent_Customer_Alerting',
    ]);
    return r.result as string;
  }

  beforeEach(async () => {
    await waitFor(() => sim.sessions()[0]?.hasCall === false, 'no call');
  });

  it('answers, records DTMF per request in order, and releases (agent hang-up)', async () => {
    const callId = await dial();
    expect((await op('POST', 'seconddialex?number=1')).retcode).toBe('100-007');
    sim.callAction('101', 'answer');
    const [talking] = await pollEvents(sim, a, 1);
    expect(talking).toMatchObject({
      eventType: 'AgentEvent_Talking',
      content: { callid: callId, called: '5550100', caller: '8101', feature: '44' },
    });
    const status = await op('GET', 'onlineagent/101/agentstatus');
    expect(status.result).toEqual({ agentState: 7, isWorking: true });
    const info = (await op('GET', 'calldata/101/callinfo?isNoContainLastCall=true')).result;
    expect(info).toMatchObject({
      callid: callId,
      called: '5550100',
      calldata: '{"a":1}',
      callfeature: 44,
    });
    expect(await op('POST', 'seconddialex?number=123%23')).toEqual({
      message: 'success',
      retcode: '0',
      result: {},
    });
    expect((await op('POST', 'seconddialex?number=*0')).retcode).toBe('0');
    expect((await op('POST', 'seconddialex?number=12a')).retcode).toBe('000-002');
    expect((await op('POST', 'seconddialex?number=' + '1'.repeat(25))).retcode).toBe('000-002');
    expect((await op('POST', 'seconddialex')).retcode).toBe('000-002');
    expect((await op('POST', 'seconddial/45')).retcode).toBe('0');
    expect((await op('POST', 'seconddial/4%23')).retcode).toBe('000-002');
    expect(sim.dtmf('101')).toEqual({ calls: [{ callId, requests: ['123#', '*0', '45'] }] });
    expect((await op('DELETE', 'release')).retcode).toBe('0');
    expect(await types(4)).toEqual([
      'AgentEvent_Call_Release',
      'AgentEvent_Customer_Release',
      'AgentOther_PhoneRelease',
      'AgentState_Ready',
    ]);
    expect((await op('DELETE', 'release')).retcode).toBe('200-017');
    // The documented reading (§5.7): `true` returns the last call when there is none.
    const last = (await op('GET', 'calldata/101/callinfo?isNoContainLastCall=true')).result;
    expect(last).toMatchObject({ callid: callId });
    expect((await op('GET', 'calldata/101/callinfo?isNoContainLastCall=false')).result).toBeNull();
  });

  it('fails with the OUTBOUND_DETECT_EVENT cause', async () => {
    const callId = await dial();
    sim.callAction('101', 'fail', { cause: 1234, description: 'busy' });
    const events = await pollEvents(sim, a, 5);
    expect(events.map((e) => e.eventType)).toEqual([
      'AgentEvent_Call_Out_Fail',
      'AgentEvent_Connect_Fail',
      'OUTBOUND_DETECT_EVENT',
      'AgentOther_PhoneRelease',
      'AgentState_Ready',
    ]);
    expect(events[0]?.content).toBe(callId);
    expect(events[2]?.content).toEqual({ callId, detect: 1234, desc: 'busy' });
    expect(events[3]?.content).toEqual({ phoneState: 3 });
    expect(() => sim.callAction('101', 'answer')).toThrow(/no call/);
  });

  it('ends on customer hang-up, and goes to wrap-up when autoenteridle is off', async () => {
    expect((await op('POST', 'onlineagent/101/autoenteridle/false')).retcode).toBe('0');
    const callId = await dial();
    sim.callAction('101', 'answer');
    await types(1);
    expect(() => sim.callAction('101', 'fail')).toThrow(/answered/);
    sim.callAction('101', 'customer-hangup');
    const events = await pollEvents(sim, a, 4);
    expect(events.map((e) => e.eventType)).toEqual([
      'AgentEvent_Customer_Release',
      'AgentEvent_Call_Release',
      'AgentOther_PhoneRelease',
      'AgentState_Work',
    ]);
    expect(events[0]?.content).toEqual({ callid: callId, number: '5550100' });
    expect((await op('POST', 'onlineagent/101/cancelwork')).retcode).toBe('0');
    expect(await types(1)).toEqual(['AgentState_CancelWork_Success']);
    expect((await op('POST', 'onlineagent/101/autoenteridle/true')).retcode).toBe('0');
  });

  it('holds and retrieves a call', async () => {
    const callId = await dial();
    expect((await op('POST', 'hold')).retcode).toBe('200-014');
    sim.callAction('101', 'answer');
    await types(1);
    expect((await op('POST', 'gethold')).retcode).toBe('200-015');
    expect((await op('POST', 'hold')).retcode).toBe('0');
    const [held] = await pollEvents(sim, a, 1);
    expect(held).toMatchObject({ eventType: 'AgentEvent_Hold', content: callId });
    expect((await op('POST', 'seconddialex?number=1')).retcode).toBe('100-007');
    expect((await op('POST', 'gethold?callid=nope')).retcode).toBe('200-016');
    expect((await op('POST', `gethold?callid=${callId}`)).retcode).toBe('0');
    expect(await types(1)).toEqual(['AgentEvent_Talking']);
    expect((await op('POST', `dropcall/${callId}`)).retcode).toBe('0');
    await types(4);
  });

  it('changes agent state with the §3.6 events, deferring a request made during a call', async () => {
    expect((await op('POST', 'onlineagent/101/saybusy?reason=999')).retcode).toBe('000-002');
    expect((await op('POST', 'onlineagent/101/saybusy?reason=201&prolong=false')).retcode).toBe(
      '0',
    );
    const [busy] = await pollEvents(sim, a, 1);
    expect(busy).toMatchObject({
      eventType: 'AgentState_SetNotReady_Success',
      content: { reason: '201' },
    });
    expect((await op('POST', 'onlineagent/101/saybusy?reason=202')).retcode).toBe('100-009');
    expect((await op('POST', 'onlineagent/101/sayfree')).retcode).toBe('0');
    expect(await types(1)).toEqual(['AgentState_CancelNotReady_Success']);
    expect((await op('POST', 'onlineagent/101/rest/0/1')).retcode).toBe('000-002');
    expect((await op('POST', 'onlineagent/101/rest/60/3')).retcode).toBe('0');
    expect(await types(1)).toEqual(['AgentState_SetRest_Success']);
    expect((await op('GET', 'onlineagent/101/agentstatus')).result).toMatchObject({
      agentState: 8,
    });
    expect((await op('POST', 'onlineagent/101/cancelrest')).retcode).toBe('0');
    expect(await types(1)).toEqual(['AgentState_CancelRest_Success']);
    expect((await op('POST', 'onlineagent/101/cancelbusy')).retcode).toBe('100-009');
    await dial();
    expect((await op('POST', 'onlineagent/101/rest/60/0')).retcode).toBe('0');
    expect((await op('GET', 'onlineagent/101/agentstatus')).result).toMatchObject({
      agentState: 9,
    });
    expect((await op('DELETE', 'release')).retcode).toBe('0');
    const ended = await types(4);
    expect(ended[3]).toBe('AgentState_SetRest_Success');
    expect((await op('POST', 'onlineagent/101/sayfree')).retcode).toBe('0');
    expect(await types(1)).toEqual(['AgentState_CancelRest_Success']);
  });
});
