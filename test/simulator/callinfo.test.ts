import { describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { json, pollEvents, ringing, simulatorPerTest, type Agent } from './test-client';

const { signedIn } = simulatorPerTest();

const info = async (s: Simulator, a: Agent, query: string): Promise<unknown> =>
  (await json(s, 'GET', `calldata/101/callinfo${query}`, { guid: a.guid })).result;
const working = async (s: Simulator, a: Agent): Promise<unknown> =>
  (await json(s, 'GET', 'onlineagent/101/agentstatus', { guid: a.guid })).result;

describe('simulator callinfo and isWorking (§5.7, §3.8, §9 rule 20)', () => {
  it('returns the last call for isNoContainLastCall=true by default, as documented', async () => {
    const { s, a } = await signedIn();
    expect(await info(s, a, '?isNoContainLastCall=true')).toBeNull();
    const callId = await ringing(s, a);
    expect(await working(s, a)).toEqual({ agentState: 7, isWorking: true });
    for (const q of ['?isNoContainLastCall=true', '?isNoContainLastCall=false', '']) {
      expect(await info(s, a, q), q).toMatchObject({ callid: callId });
    }
    s.callAction('101', 'customer-hangup');
    await pollEvents(s, a, 4);
    expect(await working(s, a)).toEqual({ agentState: 4, isWorking: false });
    expect(await info(s, a, '?isNoContainLastCall=true')).toMatchObject({ callid: callId });
    expect(await info(s, a, '?isNoContainLastCall=false')).toBeNull();
    expect(await info(s, a, '')).toBeNull();
  });

  it('takes the name’s reading with callinfoLegacy (the same as callinfoLastCall: false)', async () => {
    for (const o of [{ callinfoLegacy: true }, { callinfoLastCall: false }]) {
      const { s, a } = await signedIn(o);
      const callId = await ringing(s, a);
      s.callAction('101', 'fail');
      await pollEvents(s, a, 5);
      expect(await working(s, a)).toMatchObject({ isWorking: false });
      expect(await info(s, a, '?isNoContainLastCall=true')).toBeNull();
      expect(await info(s, a, '?isNoContainLastCall=false')).toMatchObject({ callid: callId });
      expect(await info(s, a, '')).toMatchObject({ callid: callId });
      await s.stop();
    }
  });

  it('refuses contradicting switches', async () => {
    await expect(startSimulator({ callinfoLastCall: true, callinfoLegacy: true })).rejects.toThrow(
      /contradict/,
    );
  });
});
