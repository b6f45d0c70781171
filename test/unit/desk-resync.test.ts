/**
 * Is a call up? (issue #9 §1 item 1; gateway-protocol §3.8, §5.7): `agentstatus.isWorking`
 * decides, `callinfo` only gives details compared by call id — correct whichever way the
 * gateway reads `isNoContainLastCall`.
 */
import { describe, expect, it } from 'vitest';
import { makeDesk, signedIn } from '../desk/support/desk-harness';
import { ev, ok, preview } from '../desk/support/fake-gateway';
import type { CallInfo } from '../../main/gateway/types';

const lastCall: CallInfo = {
  callId: 'old-1',
  caller: '8101',
  called: '555',
  callFeature: 44,
  beginTime: 1,
  callData: '',
};

describe('re-sync: is a call up?', () => {
  it('never shows a finished call as live when callinfo returns the last call', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    // The documented reading: with no current call, callinfo returns the last one.
    gw.status = { agentState: 4, isWorking: false };
    gw.callInfoValue = lastCall;
    h.desk.resume();
    await h.clock.advance(0);
    expect(h.desk.snapshot().call).toBeNull();
    expect(gw.count('callInfo')).toBe(0);
  });

  it('ends a stale call view when the gateway says no call is up', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(ev('talking', { callId: 'c1', caller: '', called: '555', feature: 44 }));
    await h.clock.advance(0);
    expect(h.desk.snapshot().call?.phase).toBe('talking');
    // The call ended while the link was down; callinfo still returns it (last call).
    gw.status = { agentState: 4, isWorking: false };
    gw.callInfoValue = { ...lastCall, callId: 'c1' };
    h.desk.resume();
    await h.clock.advance(0);
    expect(h.desk.snapshot().call?.phase).toBe('ended');
  });

  it('keeps the call shown when the gateway has the same call id', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(ev('talking', { callId: 'c1', caller: '', called: '555', feature: 44 }));
    await h.clock.advance(0);
    gw.status = { agentState: 7, isWorking: true };
    gw.callInfoValue = { ...lastCall, callId: 'c1' };
    h.desk.resume();
    await h.clock.advance(0);
    expect(h.desk.snapshot().call).toMatchObject({ callId: 'c1', phase: 'talking' });
    expect(gw.count('callInfo')).toBe(1);
  });

  it('replaces a stale call view with the call the gateway has (different id)', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(ev('talking', { callId: 'c1', caller: '', called: '555', feature: 44 }));
    await h.clock.advance(0);
    gw.status = { agentState: 7, isWorking: true };
    gw.callInfoValue = { ...lastCall, callId: 'c2', called: '777' };
    h.desk.resume();
    await h.clock.advance(0);
    expect(h.desk.snapshot().call).toMatchObject({ callId: 'c2', number: '777', phase: 'talking' });
  });

  it('learns the id of its own dial from callinfo while the gateway says a call is up', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.previewCallout = () => ok({ callId: null });
    gw.emit(preview('1', ['100']));
    await h.clock.advance(0);
    expect(await h.desk.dialPreview({ controlId: '1', number: '100' })).toEqual({
      ok: true,
      value: { callId: null },
    });
    gw.status = { agentState: 7, isWorking: true };
    gw.callInfoValue = { ...lastCall, callId: 'c7', called: '100' };
    h.desk.resume();
    await h.clock.advance(0);
    expect(h.desk.snapshot().call).toMatchObject({ callId: 'c7', controlId: '1', number: '100' });
  });

  it('shows a call the gateway has even when callinfo gives no details', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.status = { agentState: 7, isWorking: true };
    gw.callInfoValue = null;
    h.desk.resume();
    await h.clock.advance(0);
    expect(h.desk.snapshot().call).toMatchObject({ callId: null, phase: 'talking' });
  });

  it('leaves the screen as it is when agentstatus cannot answer', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.emit(ev('talking', { callId: 'c1', caller: '', called: '555', feature: 44 }));
    await h.clock.advance(0);
    gw.handlers.agentStatus = () => ({
      ok: false,
      error: { kind: 'timeout', phase: 'request' },
    });
    h.desk.resume();
    await h.clock.advance(0);
    expect(h.desk.snapshot().call?.phase).toBe('talking');
    expect(gw.count('callInfo')).toBe(0);
  });
});

describe('events of a call that already ended', () => {
  it('do not end the next call while it is being set up', async () => {
    const h = makeDesk();
    const gw = await signedIn(h);
    gw.handlers.previewCallout = () => new Promise(() => undefined);
    gw.emit(
      ev('talking', { callId: 'c1', caller: '', called: '555', feature: 44 }),
      ev('call-release', { callId: 'c1' }),
      preview('2', ['200']),
    );
    await h.clock.advance(0);
    void h.desk.dialPreview({ controlId: '2', number: '200' });
    // The first call's Customer_Release trails behind the new dial (§7.2).
    gw.emit(ev('customer-release', { callId: 'c1', number: '555' }));
    await h.clock.advance(0);
    expect(h.desk.snapshot().call).toMatchObject({ controlId: '2', phase: 'dialling' });
  });
});
