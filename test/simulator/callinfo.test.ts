import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from './index';
import { json, pollEvents, signIn, type Agent } from './test-client';

let sim: Simulator | null = null;
afterEach(async () => {
  await sim?.stop();
  sim = null;
});

/** A signed-in agent 101 on a fresh simulator, sign-in events drained. */
async function setUp(o: SimulatorOptions = {}): Promise<{ s: Simulator; a: Agent }> {
  const s = await startSimulator({ pollHoldMs: 30, callStepMs: 1, ...o });
  sim = s;
  const a = await signIn(s, '101');
  await pollEvents(s, a, 2);
  return { s, a };
}

/** Dial a preview and return its call id (the ringing script is drained). */
async function dial(s: Simulator, a: Agent): Promise<string> {
  const { controlId } = s.injectPreview('101', { numbers: ['555'] });
  await pollEvents(s, a, 1);
  const r = await json(s, 'PUT', 'voicecall/101/previewCallout', {
    guid: a.guid,
    body: `{"called":"555","callcontrolid":"${controlId}"}`,
  });
  await pollEvents(s, a, 4);
  return r.result as string;
}

const info = async (s: Simulator, a: Agent, query: string): Promise<unknown> =>
  (await json(s, 'GET', `calldata/101/callinfo${query}`, { guid: a.guid })).result;
const working = async (s: Simulator, a: Agent): Promise<unknown> =>
  (await json(s, 'GET', 'onlineagent/101/agentstatus', { guid: a.guid })).result;

describe('simulator callinfo and isWorking (§5.7, §3.8, §9 rule 20)', () => {
  it('returns the last call for isNoContainLastCall=true by default, as documented', async () => {
    const { s, a } = await setUp();
    expect(await info(s, a, '?isNoContainLastCall=true')).toBeNull();
    const callId = await dial(s, a);
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
      const { s, a } = await setUp(o);
      const callId = await dial(s, a);
      s.callAction('101', 'fail');
      await pollEvents(s, a, 5);
      expect(await working(s, a)).toMatchObject({ isWorking: false });
      expect(await info(s, a, '?isNoContainLastCall=true')).toBeNull();
      expect(await info(s, a, '?isNoContainLastCall=false')).toMatchObject({ callid: callId });
      expect(await info(s, a, '')).toMatchObject({ callid: callId });
      await s.stop();
      sim = null;
    }
  });

  it('refuses contradicting switches', async () => {
    await expect(startSimulator({ callinfoLastCall: true, callinfoLegacy: true })).rejects.toThrow(
      /contradict/,
    );
  });
});
