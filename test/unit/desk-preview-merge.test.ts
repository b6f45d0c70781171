/**
 * Preview offers merged by controlId and releases never guessed (issue #9 §1 items 2 and 3;
 * gateway-protocol §7.1 rules 1–4 and the Release_Preview rule).
 */
import { describe, expect, it } from 'vitest';
import { makeDesk, signedIn } from '../desk/support/desk-harness';
import { deferred, ev, fail, ok, preview, retcode } from '../desk/support/fake-gateway';
import type { GatewayEvent, PreviewVariant, Result } from '../../main/gateway/types';
import { flush } from '../desk/support/fake-clock';

function offer(
  variant: PreviewVariant,
  controlId: string,
  numbers: string[],
  callData = '',
): GatewayEvent {
  return ev('preview-offered', { variant, controlId, numbers, callData });
}

const released = (): GatewayEvent => ev('preview-released', {});

/** Signed in; preview 1 (number 100) offered and dialled, the gateway answering call `c1`. */
async function previewDialled() {
  const h = makeDesk();
  const gw = await signedIn(h);
  gw.handlers.previewCallout = () => ok({ callId: 'c1' });
  gw.emit(preview('1', ['100']));
  await flush();
  await h.desk.dialPreview({ controlId: '1', number: '100' });
  return { h, gw };
}

describe('preview offers merged by controlId (§7.1 rules 1–4)', () => {
  it('merges AgentEvent_Preview without numbers and the CallOut_Ex that follows', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(offer('Preview', '1536', []));
    await flush();
    expect(h.desk.snapshot().previews).toEqual([
      expect.objectContaining({ controlId: '1536', numbers: [] }),
    ]);
    gw.emit(offer('CallOut_Ex', '1536', ['100', '101'], '{"name":"Ann"}'));
    await flush();
    const s = h.desk.snapshot();
    expect(s.previews).toHaveLength(1);
    expect(s.previews[0]).toMatchObject({
      controlId: '1536',
      numbers: ['100', '101'],
      callData: { kind: 'fields', fields: [{ key: 'name', value: 'Ann' }] },
      variant: 'CallOut_Ex',
    });
    expect(s.log.latest.some((e) => e.summary === 'preview 1536 merged: 2 number(s)')).toBe(true);
  });

  it('never lets a later event with no numbers or call data erase them', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(offer('CallOut', '7', ['200'], 'a=1'), offer('Preview', '7', []));
    await flush();
    expect(h.desk.snapshot().previews).toEqual([
      expect.objectContaining({
        numbers: ['200'],
        callData: { kind: 'fields', fields: [{ key: 'a', value: '1' }] },
      }),
    ]);
    gw.emit(offer('CallOut_Ex', '7', ['201', '202']));
    await flush();
    expect(h.desk.snapshot().previews[0]?.numbers).toEqual(['201', '202']);
  });

  it('shows a preview with no number as waiting, never dialable, never auto-dialled', async () => {
    const h = makeDesk({ countdown: () => ({ seconds: 5, action: 'dial-first' }) });
    const gw = await signedIn(h);
    gw.emit(offer('Preview', '9', []));
    await flush();
    expect(h.desk.snapshot().previews[0]?.countdown).toBeNull();
    expect(await h.desk.dialPreview({ controlId: '9', number: '' })).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'preview-awaiting-numbers' },
    });
    await h.clock.advance(60_000);
    expect(gw.count('previewCallout')).toBe(0);
    // The numbers arrive: from now on it is a preview like any other, countdown included.
    const t = h.clock.now();
    gw.emit(offer('CallOut_Ex', '9', ['900']));
    await flush();
    expect(h.desk.snapshot().previews[0]?.countdown).toEqual({
      endsAt: t + 5_000,
      action: 'dial-first',
    });
    await h.clock.advance(5_000);
    expect(gw.calls.filter((c) => c.method === 'previewCallout').map((c) => c.args)).toEqual([
      ['9', '900'],
    ]);
  });

  it('accepts "0" as a controlId and dials it as the exact string', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(offer('CallOut', '0', ['1456404043']));
    await flush();
    expect(await h.desk.dialPreview({ controlId: '0', number: '1456404043' })).toMatchObject({
      ok: true,
    });
    expect(gw.calls.find((c) => c.method === 'previewCallout')?.args).toEqual(['0', '1456404043']);
  });

  it('opens a new entry when a closed controlId is offered again', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(offer('CallOut_Ex', '0', ['100']));
    await flush();
    expect((await h.desk.declinePreview({ controlId: '0' })).ok).toBe(true);
    gw.emit(released(), offer('CallOut_Ex', '0', ['300']));
    await flush();
    const s = h.desk.snapshot();
    expect(s.previews).toEqual([expect.objectContaining({ controlId: '0', numbers: ['300'] })]);
    expect(s.recent).toEqual([
      expect.objectContaining({ controlId: '0', outcome: { kind: 'declined', auto: false } }),
    ]);
  });

  it('merges an event that arrives while the preview is being dialled', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    const reply = deferred<Result<{ callId: string | null }>>();
    gw.handlers.previewCallout = () => reply.promise;
    gw.emit(offer('CallOut_Ex', '5', ['500']));
    await flush();
    const dial = h.desk.dialPreview({ controlId: '5', number: '500' });
    gw.emit(offer('Preview', '5', []));
    await flush();
    expect(h.desk.snapshot().previews).toEqual([
      expect.objectContaining({ controlId: '5', numbers: ['500'], dialling: { number: '500' } }),
    ]);
    reply.resolve(ok({ callId: 'c5' }));
    expect((await dial).ok).toBe(true);
    expect(h.desk.snapshot().previews).toEqual([]);
  });
});

describe('AgentEvent_Release_Preview is never guessed (§7.1)', () => {
  it('withdraws the only preview when no dial happened since it was offered', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(preview('1', ['100']), released());
    await flush();
    const s = h.desk.snapshot();
    expect(s.previews).toEqual([]);
    expect(s.recent[0]).toMatchObject({ controlId: '1', outcome: { kind: 'withdrawn' } });
  });

  it('marks two waiting previews "may have been withdrawn" and lets the dial decide', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(preview('1', ['100']), preview('2', ['200']), released());
    await flush();
    expect(h.desk.snapshot().previews.map((p) => [p.controlId, p.mayBeWithdrawn])).toEqual([
      ['1', true],
      ['2', true],
    ]);
    // Still dialable: the gateway says 200-036 for the one it withdrew…
    gw.handlers.previewCallout = () => fail(retcode('200-036'));
    expect((await h.desk.dialPreview({ controlId: '1', number: '100' })).ok).toBe(false);
    // …and takes the dial of the one it still holds.
    gw.handlers.previewCallout = () => ok({ callId: 'c2' });
    expect((await h.desk.dialPreview({ controlId: '2', number: '200' })).ok).toBe(true);
    const s = h.desk.snapshot();
    expect(s.recent[0]).toMatchObject({ controlId: '1', outcome: { kind: 'withdrawn' } });
    expect(s.call).toMatchObject({ callId: 'c2', controlId: '2' });
  });

  it('keeps a preview a late release may mean: a dial completed since it was offered', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.previewCallout = () => ok({ callId: 'c1' });
    gw.emit(preview('1', ['100']), preview('2', ['200']));
    await flush();
    expect((await h.desk.dialPreview({ controlId: '1', number: '100' })).ok).toBe(true);
    // The release that follows the dial (§9 rule 13a) arrives now: it may be the dial's.
    gw.emit(released());
    await flush();
    expect(h.desk.snapshot().previews).toEqual([
      expect.objectContaining({ controlId: '2', mayBeWithdrawn: true }),
    ]);
    expect(h.desk.snapshot().recent).toEqual([]);
  });

  it("keeps the next preview when a dial's release arrives after the next offer (§9 rule 13b)", async () => {
    const { h, gw } = await previewDialled();
    gw.emit(
      ev('talking', { callId: 'c1', caller: '', called: '100', feature: 44 }),
      ev('call-release', { callId: 'c1' }),
      preview('2', ['200']),
      released(), // the dialled preview's, late
    );
    await flush();
    expect(h.desk.snapshot().previews).toEqual([
      expect.objectContaining({ controlId: '2', mayBeWithdrawn: true }),
    ]);
    // The dial's release is spent: the next one withdraws the only preview.
    gw.emit(released());
    await flush();
    expect(h.desk.snapshot().previews).toEqual([]);
    expect(h.desk.snapshot().recent[0]).toMatchObject({
      controlId: '2',
      outcome: { kind: 'withdrawn' },
    });
  });

  it('keeps a preview offered during a preview call when the call ends with a release', async () => {
    const { h, gw } = await previewDialled();
    gw.emit(
      ev('talking', { callId: 'c1', caller: '', called: '100', feature: 44 }),
      preview('2', ['200']),
      ev('call-release', { callId: 'c1' }),
      released(),
    );
    await flush();
    expect(h.desk.snapshot().previews).toEqual([
      expect.objectContaining({ controlId: '2', mayBeWithdrawn: true }),
    ]);
  });

  it('clears the mark when the gateway offers the preview again', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(preview('1', ['100']), preview('2', ['200']), released(), preview('2', ['200']));
    await flush();
    expect(h.desk.snapshot().previews.map((p) => [p.controlId, p.mayBeWithdrawn])).toEqual([
      ['1', true],
      ['2', false],
    ]);
  });

  it('withdraws a marked preview whose decline the gateway refuses', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(preview('1', ['100']), preview('2', ['200']), released());
    await flush();
    gw.handlers.cancelPreviewCallout = () => fail(retcode('000-002'));
    expect((await h.desk.declinePreview({ controlId: '1' })).ok).toBe(false);
    const s = h.desk.snapshot();
    expect(s.previews.map((p) => p.controlId)).toEqual(['2']);
    expect(s.recent[0]).toMatchObject({ controlId: '1', outcome: { kind: 'withdrawn' } });
  });
});
