import { describe, expect, it } from 'vitest';
import type { CallView } from '../../main/ipc/contract';
import type { GatewayEvent } from '../../main/gateway/types';
import { applyCallEvent, isCallActive, newCall } from '../../main/desk/call-machine';
import { ev } from '../desk/support/fake-gateway';

function run(events: GatewayEvent[], start: CallView | null = newCall('1536', '100', 0)) {
  let call = start;
  let pending: { cause: number | null; description: string } | null = null;
  const finished: unknown[] = [];
  let t = 0;
  for (const e of events) {
    t += 10;
    const step = applyCallEvent(call, e, t, pending);
    call = step.call;
    pending = step.pendingCause;
    if (step.finished !== null) finished.push(step.finished);
  }
  return { call, finished };
}

describe('call state machine', () => {
  it('walks dialling → agent-ringing → customer-ringing → talking → held → talking → ended', () => {
    const phases: string[] = [];
    let call: CallView | null = newCall('1536', '100', 0);
    const events = [
      ev('phone-alerting', {}),
      ev('customer-alerting', { callId: 'c1', otherPhone: '100' }),
      ev('talking', { callId: 'c1', caller: '101', called: '100', feature: 44 }),
      ev('hold', { callId: 'c1' }),
      ev('talking', { callId: 'c1', caller: '101', called: '100', feature: 44 }),
      ev('call-release', { callId: 'c1' }),
    ];
    for (const [i, e] of events.entries()) {
      call = applyCallEvent(call, e, i + 1, null).call;
      phases.push(call?.phase ?? 'none');
    }
    expect(phases).toEqual([
      'agent-ringing',
      'customer-ringing',
      'talking',
      'held',
      'talking',
      'ended',
    ]);
    expect(call?.callId).toBe('c1');
    expect(call?.talkingSince).toBe(3);
    expect(call?.endedAt).toBe(6);
  });

  it('reports talked or not-answered once when the call ends', () => {
    const talked = run([
      ev('talking', { callId: 'c', caller: '', called: '', feature: null }),
      ev('customer-release', { callId: 'c', number: '100' }),
      ev('call-release', { callId: 'c' }),
    ]);
    expect(talked.finished).toEqual([{ result: 'talked', failure: null }]);
    const unanswered = run([ev('phone-alerting', {}), ev('call-release', { callId: 'c' })]);
    expect(unanswered.finished).toEqual([{ result: 'not-answered', failure: null }]);
  });

  it('fails with the cause whether OUTBOUND_DETECT_EVENT comes before or after', () => {
    const before = run([
      ev('outbound-detect', { callId: 'c', cause: 1552, description: 'busy' }),
      ev('call-out-fail', { callId: 'c' }),
    ]);
    expect(before.call?.phase).toBe('failed');
    expect(before.call?.failure).toEqual({
      cause: 1552,
      description: 'busy',
      event: 'call-out-fail',
    });
    expect(before.finished).toEqual([{ result: 'failed', failure: before.call?.failure }]);

    let call: CallView | null = newCall('1', '100', 0);
    call = applyCallEvent(call, ev('connect-fail', { callId: 'c' }), 1, null).call;
    expect(call?.failure).toEqual({ cause: null, description: '', event: 'connect-fail' });
    const late = applyCallEvent(
      call,
      ev('outbound-detect', { callId: 'c', cause: 7, description: 'x' }),
      2,
      null,
    );
    expect(late.failureUpdated).toBe(true);
    expect(late.call?.failure).toEqual({ cause: 7, description: 'x', event: 'connect-fail' });
    expect(isCallActive(late.call)).toBe(false);
  });

  it('ignores events that do not fit the phase', () => {
    const ended = run([ev('call-release', { callId: 'c' })]).call;
    expect(
      applyCallEvent(
        ended,
        ev('talking', { callId: 'c', caller: '', called: '', feature: null }),
        99,
        null,
      ).call,
    ).toBe(ended);
    expect(
      applyCallEvent(ended, ev('call-out-fail', { callId: 'c' }), 99, null).finished,
    ).toBeNull();
    expect(applyCallEvent(null, ev('hold', { callId: 'c' }), 1, null).call).toBeNull();
    const dialling = newCall('1', '1', 0);
    expect(applyCallEvent(dialling, ev('hold', { callId: 'c' }), 1, null).call).toBe(dialling);
  });
});
