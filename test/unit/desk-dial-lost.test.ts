/**
 * A dial whose answer was lost (issue #9 §1 item 12) and a dial answered without a call id
 * (item 6, §5.1): never dial again by itself, never strand the preview, ask the gateway.
 */
import { describe, expect, it } from 'vitest';
import { makeDesk, signedIn } from '../desk/support/desk-harness';
import { ev, fail, netErr, ok, preview } from '../desk/support/fake-gateway';
import type { GatewayError } from '../../main/gateway/types';
import { flush } from '../desk/support/fake-clock';

const timeout: GatewayError = { kind: 'timeout', phase: 'request' };
const http503: GatewayError = { kind: 'http', status: 503 };

describe('a dial whose answer was lost', () => {
  it.each([
    ['a dropped connection', netErr],
    ['a timeout', timeout],
    ['a 5xx', http503],
  ])(
    'keeps the preview after %s when the gateway shows no call, and never dials again',
    async (_what, error) => {
      const h = makeDesk({ countdown: () => ({ seconds: 10, action: 'dial-first' }) });
      const gw = await signedIn(h);
      gw.handlers.previewCallout = () => fail(error);
      gw.emit(preview('1', ['100', '101']));
      await flush();
      expect(await h.desk.dialPreview({ controlId: '1', number: '101' })).toEqual({
        ok: false,
        error,
      });
      const s = h.desk.snapshot();
      expect(s.previews).toEqual([
        expect.objectContaining({
          controlId: '1',
          dialling: null,
          countdown: null,
          dialUncertain: { number: '101', error, at: h.clock.now() },
        }),
      ]);
      expect(s.recent).toEqual([]);
      expect(s.call).toBeNull();
      expect(gw.count('agentStatus')).toBe(1);
      expect(s.log.latest.at(-1)?.summary).toBe(
        'preview 1: the dial may not have reached the gateway (no call up)',
      );
      // Never by itself: no countdown, no retry, however long.
      await h.clock.advance(120_000);
      expect(gw.count('previewCallout')).toBe(1);
    },
  );

  it('lets the agent call again, which clears the mark', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.previewCallout = () => fail(netErr);
    gw.emit(preview('1', ['100']));
    await flush();
    await h.desk.dialPreview({ controlId: '1', number: '100' });
    gw.handlers.previewCallout = () => ok({ callId: 'c1' });
    expect(await h.desk.dialPreview({ controlId: '1', number: '100' })).toEqual({
      ok: true,
      value: { callId: 'c1' },
    });
    expect(gw.count('previewCallout')).toBe(2);
    expect(h.desk.snapshot().previews).toEqual([]);
    expect(h.desk.snapshot().call).toMatchObject({ callId: 'c1', controlId: '1' });
  });

  it('lets the agent decline it (cancelPreviewCallout)', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.previewCallout = () => fail(timeout);
    gw.emit(preview('1', ['100']));
    await flush();
    await h.desk.dialPreview({ controlId: '1', number: '100' });
    expect((await h.desk.declinePreview({ controlId: '1' })).ok).toBe(true);
    expect(gw.calls.find((c) => c.method === 'cancelPreviewCallout')?.args).toEqual(['1']);
    expect(h.desk.snapshot().recent[0]?.outcome).toEqual({ kind: 'declined', auto: false });
  });

  it('shows the call when the gateway says one started (agentstatus, then callinfo)', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.previewCallout = () => {
      gw.status = { agentState: 7, isWorking: true };
      gw.callInfoValue = {
        callId: 'c9',
        caller: '8101',
        called: '100',
        callFeature: 44,
        beginTime: null,
        callData: '',
      };
      return fail(timeout);
    };
    gw.emit(preview('1', ['100']));
    await flush();
    expect(await h.desk.dialPreview({ controlId: '1', number: '100' })).toEqual({
      ok: true,
      value: { callId: 'c9' },
    });
    const s = h.desk.snapshot();
    expect(s.previews).toEqual([]);
    expect(s.call).toMatchObject({
      callId: 'c9',
      controlId: '1',
      number: '100',
      phase: 'dialling',
    });
    gw.emit(ev('talking', { callId: 'c9', caller: '', called: '100', feature: 44 }));
    await flush();
    expect(h.desk.snapshot().call?.phase).toBe('talking');
  });

  it('keeps the preview uncertain when the gateway cannot be asked either', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.previewCallout = () => fail(netErr);
    gw.handlers.agentStatus = () => fail(netErr);
    gw.emit(preview('1', ['100']));
    await flush();
    await h.desk.dialPreview({ controlId: '1', number: '100' });
    const s = h.desk.snapshot();
    expect(s.previews[0]?.dialUncertain).toMatchObject({ number: '100', error: netErr });
    expect(s.log.latest.at(-1)?.summary).toBe(
      'preview 1: the dial may not have reached the gateway (network ECONNREFUSED)',
    );
  });

  it('attaches the call to the preview when its events arrive after all', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.previewCallout = () => fail(netErr);
    gw.emit(preview('1', ['100']), preview('2', ['200']));
    await flush();
    await h.desk.dialPreview({ controlId: '1', number: '100' });
    gw.emit(
      ev('phone-alerting', {}),
      ev('customer-alerting', { callId: 'c3', otherPhone: '100' }),
      ev('talking', { callId: 'c3', caller: '', called: '100', feature: 44 }),
      ev('call-release', { callId: 'c3' }),
    );
    await flush();
    const s = h.desk.snapshot();
    expect(s.previews.map((p) => p.controlId)).toEqual(['2']);
    expect(s.call).toMatchObject({ callId: 'c3', controlId: '1', phase: 'ended' });
    expect(s.recent[0]).toMatchObject({
      controlId: '1',
      outcome: { kind: 'called', number: '100', result: 'talked' },
    });
  });
});

describe('a dial accepted without a call id (§5.1)', () => {
  it('becomes the call, its id learned from Customer_Alerting', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.previewCallout = () => ok({ callId: null });
    gw.emit(preview('1', ['100']));
    await flush();
    expect(await h.desk.dialPreview({ controlId: '1', number: '100' })).toEqual({
      ok: true,
      value: { callId: null },
    });
    expect(h.desk.snapshot().previews).toEqual([]);
    expect(h.desk.snapshot().call).toMatchObject({ callId: null, controlId: '1' });
    gw.emit(ev('customer-alerting', { callId: '1455885056-1095', otherPhone: '100' }));
    await flush();
    expect(h.desk.snapshot().call).toMatchObject({
      callId: '1455885056-1095',
      phase: 'customer-ringing',
    });
  });
});
