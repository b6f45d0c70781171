import { describe, expect, it } from 'vitest';
import type { Simulator, SimulatorOptions } from './index';
import { send, signIn, simulatorPerTest, waitFor, type Agent } from './test-client';

const { start } = simulatorPerTest({ pollHoldMs: 2_000, callStepMs: 1 });

/** Agent 101 signed in, its sign-in events still waiting. */
async function setUp(o: SimulatorOptions = {}): Promise<{ s: Simulator; a: Agent }> {
  const s = await start(o);
  return { s, a: await signIn(s, '101') };
}

interface Body {
  retcode: string;
  event?: unknown;
}
const rawPoll = async (s: Simulator, a: Agent): Promise<Body> =>
  JSON.parse((await send(s, 'GET', 'agentevent/101', { guid: a.guid })).text) as Body;
const typesOf = (event: unknown): string[] =>
  (event as Array<{ eventType: string }>).map((e) => e.eventType);

describe('simulator event as an array (issue #9 §1 item 11)', () => {
  it('answers one event object per reply by default (§4.1)', async () => {
    const { s, a } = await setUp();
    const body = await rawPoll(s, a);
    expect(Array.isArray(body.event)).toBe(false);
    expect(body.event).toMatchObject({ eventType: 'AgentOther_InService' });
  });

  it('answers every queued event as one array with eventArray, in order', async () => {
    const { s, a } = await setUp({ eventArray: true });
    const first = await rawPoll(s, a);
    expect(typesOf(first.event)).toEqual(['AgentOther_InService', 'AgentState_Ready']);
    s.injectPreview('101', {
      numbers: ['1'],
      controlId: '1',
      previewEvent: 'preview-then-callout',
    });
    const offer = await rawPoll(s, a);
    expect(typesOf(offer.event)).toEqual(['AgentEvent_Preview', 'AgentEvent_Preview_CallOut_Ex']);
    // A held poll collects the events queued in the same tick.
    const polls = (): number => s.requests().filter((r) => r.path.includes('agentevent')).length;
    const n = polls();
    const held = rawPoll(s, a);
    await waitFor(() => polls() > n && s.sessions()[0]?.pollHeld === true, 'held poll');
    s.injectPreview('101', {
      numbers: ['2'],
      controlId: '2',
      previewEvent: 'callout-then-preview',
    });
    expect(typesOf((await held).event)).toEqual([
      'AgentEvent_Preview_CallOut_Ex',
      'AgentEvent_Preview',
    ]);
  });

  it('keeps the empty envelope when a poll with eventArray has nothing to answer', async () => {
    const { s, a } = await setUp({ eventArray: true, pollHoldMs: 20 });
    expect(typesOf((await rawPoll(s, a)).event)).toHaveLength(2);
    const res = await send(s, 'GET', 'agentevent/101', { guid: a.guid });
    expect(res.text).toBe('{"message":"","retcode":"0"}');
  });

  it('answers chosen polls as an array with the event-array fault', async () => {
    const { s, a } = await setUp();
    s.addFault({ kind: 'event-array', path: '/agentevent/' });
    expect(typesOf((await rawPoll(s, a)).event)).toEqual([
      'AgentOther_InService',
      'AgentState_Ready',
    ]);
    s.injectPreview('101', {
      numbers: ['1'],
      controlId: '1',
      previewEvent: 'preview-then-callout',
    });
    const next = await rawPoll(s, a);
    expect(next.event).toMatchObject({ eventType: 'AgentEvent_Preview' });
    const res = await send(s, 'POST', '/__sim/faults', { body: { kind: 'event-array' } });
    expect(res.status).toBe(200);
    expect(typesOf((await rawPoll(s, a)).event)).toEqual(['AgentEvent_Preview_CallOut_Ex']);
  });
});
