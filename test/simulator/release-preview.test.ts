import { describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import {
  eventTypes as types,
  op,
  poll,
  pollEvents,
  previewCallout,
  RINGING,
  simulatorPerTest,
  type Agent,
} from './test-client';

const { signedIn } = simulatorPerTest();

/** Offer controlid `id` with number 555 and drain its offer event. */
async function offer(s: Simulator, a: Agent, id: string): Promise<void> {
  s.injectPreview('101', { numbers: ['555'], controlId: id });
  expect(await types(s, a, 1)).toEqual(['AgentEvent_Preview_CallOut_Ex']);
}
const dial = async (s: Simulator, a: Agent, id: string): Promise<string | undefined> =>
  (await previewCallout(s, a, id)).retcode;
const decline = async (s: Simulator, a: Agent, id: string): Promise<string | undefined> =>
  (await op(s, a, 'PUT', 'voicecall/101/cancelPreviewCallout', `{"callcontrolid":"${id}"}`))
    .retcode;

const HANGUP = [
  'AgentEvent_Customer_Release',
  'AgentEvent_Call_Release',
  'AgentOther_PhoneRelease',
  'AgentState_Ready',
];

describe('simulator Release_Preview timing and 200-036 (§7.1, §9 rules 7 and 13, §10.1, §10.5)', () => {
  it('by default releases only on a decline; a preview dialled, declined or withdrawn answers 200-036', async () => {
    const { s, a } = await signedIn();
    await offer(s, a, '1');
    expect(await dial(s, a, '1')).toBe('0');
    expect(await types(s, a, 4)).toEqual(RINGING);
    s.callAction('101', 'customer-hangup');
    expect(await types(s, a, 4)).toEqual(HANGUP);
    expect(await poll(s, a)).toBeNull();
    expect(await dial(s, a, '1')).toBe('200-036');
    // A decline of a preview not in play stays 000-002 (§10.8: its errors are unknown).
    expect(await decline(s, a, '1')).toBe('000-002');
    await offer(s, a, '2');
    expect(await decline(s, a, '2')).toBe('0');
    const [release] = await pollEvents(s, a, 1);
    expect(release).toMatchObject({ eventType: 'AgentEvent_Release_Preview', content: null });
    expect(release).not.toHaveProperty('content.controlid');
    expect(await decline(s, a, '2')).toBe('000-002');
    expect(await dial(s, a, '2')).toBe('200-036');
    expect(await dial(s, a, '3')).toBe('000-002');
    // A later offer may reuse an id (§7.1 rule 4): it is in play again.
    await offer(s, a, '2');
    expect(await dial(s, a, '2')).toBe('0');
  });

  it('after-dial: Release_Preview right after a successful dial', async () => {
    const { s, a } = await signedIn({ releasePreviewLate: 'after-dial' });
    await offer(s, a, '1');
    expect(await dial(s, a, '1')).toBe('0');
    expect(await types(s, a, 5)).toEqual(['AgentEvent_Release_Preview', ...RINGING]);
  });

  it('after-call: Release_Preview once the dialled call has ended', async () => {
    const { s, a } = await signedIn({ releasePreviewLate: 'after-call' });
    await offer(s, a, '1');
    expect(await dial(s, a, '1')).toBe('0');
    expect(await types(s, a, 4)).toEqual(RINGING);
    s.callAction('101', 'customer-hangup');
    expect(await types(s, a, 5)).toEqual([...HANGUP, 'AgentEvent_Release_Preview']);
  });

  it('after-next-offer (= true): the release of a dialled preview follows the next offer, so two are in play', async () => {
    const { s, a } = await signedIn({ releasePreviewLate: true });
    await offer(s, a, '1');
    expect(await dial(s, a, '1')).toBe('0');
    expect(await types(s, a, 4)).toEqual(RINGING);
    s.callAction('101', 'customer-hangup');
    expect(await types(s, a, 4)).toEqual(HANGUP);
    expect(await poll(s, a)).toBeNull();
    s.injectPreview('101', {
      numbers: ['556'],
      controlId: '2',
      previewEvent: 'preview-then-callout',
    });
    expect(await types(s, a, 3)).toEqual([
      'AgentEvent_Preview',
      'AgentEvent_Preview_CallOut_Ex',
      'AgentEvent_Release_Preview',
    ]);
    // Preview 2 is still in play: the release was preview 1's.
    expect((await previewCallout(s, a, '2', '556')).retcode).toBe('0');
  });

  it('refuses an unknown moment', async () => {
    await expect(startSimulator({ releasePreviewLate: 'later' as 'after-dial' })).rejects.toThrow(
      RangeError,
    );
  });
});
