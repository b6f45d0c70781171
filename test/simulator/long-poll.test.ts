import { describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { poll, send, simulatorPerTest, waitFor } from './test-client';

const { signedIn } = simulatorPerTest({});
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const held = (s: Simulator): boolean => s.sessions()[0]?.pollHeld === true;

describe('simulator long-poll hold above 40 s (§4.1, §9 rules 4 and 16)', () => {
  it('holds an idle poll for the whole 45 s and then answers empty', async () => {
    const { s, a } = await signedIn({ longPollHoldMs: 45_000 });
    const started = Date.now();
    const res = await send(s, 'GET', 'agentevent/101', { guid: a.guid });
    expect(res.text).toBe('{"message":"","retcode":"0"}');
    expect(Date.now() - started).toBeGreaterThanOrEqual(44_900);
    expect(s.sessions()).toHaveLength(1);
  }, 70_000);

  it('answers a held 45 s poll at once when an event arrives', async () => {
    const { s, a } = await signedIn({ longPollHoldMs: 45_000 });
    const waiting = poll(s, a);
    await waitFor(() => held(s), 'held poll');
    s.injectPreview('101', { numbers: ['555'], controlId: '7' });
    expect((await waiting)?.eventType).toBe('AgentEvent_Preview_CallOut_Ex');
  });

  it('lets go of a held poll whose client disconnected: the next event waits for the next poll', async () => {
    const { s, a } = await signedIn({ longPollHoldMs: 45_000 });
    const gone = send(s, 'GET', 'agentevent/101', { guid: a.guid, abortAfterMs: 100 });
    await expect(gone).rejects.toThrow(/aborted/);
    await waitFor(() => !held(s), 'held poll released');
    s.injectPreview('101', { numbers: ['555'], controlId: '8' });
    expect((await poll(s, a))?.eventType).toBe('AgentEvent_Preview_CallOut_Ex');
  });

  it('counts a held poll as activity for the silence sign-out, and silence from its end', async () => {
    const { s, a } = await signedIn({ longPollHoldMs: 45_000, sessionTimeoutMs: 1_000 });
    const gone = send(s, 'GET', 'agentevent/101', { guid: a.guid, abortAfterMs: 1_500 });
    await sleep(1_300);
    expect(s.sessions()).toMatchObject([{ agentId: '101', pollHeld: true }]);
    await expect(gone).rejects.toThrow(/aborted/);
    // Silence starts when the held poll ends, not when it arrived 1.5 s ago.
    await sleep(300);
    expect(s.sessions()).toMatchObject([{ agentId: '101', pollHeld: false }]);
    await waitFor(() => s.sessions().length === 0, 'silence sign-out');
  });

  it('takes pollHoldMs and longPollHoldMs as one setting', async () => {
    const { s, a } = await signedIn({ pollHoldMs: 40, longPollHoldMs: 40 });
    expect(await poll(s, a)).toBeNull();
    await expect(startSimulator({ pollHoldMs: 40, longPollHoldMs: 41 })).rejects.toThrow(/differ/);
    await expect(startSimulator({ longPollHoldMs: 0 })).rejects.toThrow(RangeError);
  });
});
