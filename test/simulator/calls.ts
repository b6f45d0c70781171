/**
 * Call progress scripts (gateway-protocol.md §2.6, §5.5, §5.6, §9.6, §9.9). Every event goes
 * through the session's step queue, `callStepMs` apart, so order holds whatever drives it.
 */
import { afterCallState, offerDeferred } from './agent-state';
import type { AuthContext } from './context';
import { emit, step } from './events';
import { fail, ok, type Reply } from './reply';
import type { Session, SimCall, SimState } from './state';
import type { CallAction, CallActionOptions } from './types';

/** Default `OUTBOUND_DETECT_EVENT.detect`, the value in the vendor example. */
export const DEFAULT_FAIL_CAUSE = 1552;

function talkingContent(s: Session, call: SimCall): Record<string, string> {
  return {
    caller: s.phone,
    called: call.called,
    callid: call.callId,
    type: 'main',
    feature: '44', // previewed outbound (§6.2)
    mediaAbility: '1',
  };
}

/** After a successful previewCallout: the agent leg rings, goes off-hook, the customer rings. */
export function startCall(gw: SimState, s: Session): void {
  const call = s.call;
  if (call === null) return;
  step(gw, s, () => emit(gw, s, 'AgentOther_PhoneAlerting'));
  step(gw, s, () => emit(gw, s, 'AgentOther_PhoneOffhook', { type: 'main' }));
  step(gw, s, () => emit(gw, s, 'AgentState_Busy'));
  step(gw, s, () =>
    emit(gw, s, 'AgentEvent_Customer_Alerting', {
      callid: call.callId,
      otherPhone: call.called,
      otherPhoneWorkno: '',
      type: 'main',
    }),
  );
  const autoAnswerMs = gw.opts.autoAnswerMs;
  if (autoAnswerMs !== null) {
    s.later(autoAnswerMs, () => {
      if (s.call === call && call.phase === 'dialling') answer(gw, s, call);
    });
  }
}

function answer(gw: SimState, s: Session, call: SimCall): void {
  call.phase = 'talking';
  step(gw, s, () => {
    call.beginTime = Date.now();
    emit(gw, s, 'AgentEvent_Talking', talkingContent(s, call));
  });
}

/**
 * The call is over: forget it, then the agent's next state closes the script. While a held
 * call remains the agent stays in it (no state event); waiting offers may then be made.
 */
function endCall(gw: SimState, s: Session, call: SimCall, events: Array<[string, unknown]>): void {
  call.phase = 'ending';
  events.forEach(([type, content], i) =>
    step(gw, s, () => {
      if (i === 0) {
        s.lastCall = call;
        if (s.call === call) s.call = null;
        if (s.held === call) s.held = null;
      }
      emit(gw, s, type, content);
    }),
  );
  step(gw, s, () => (s.inCall() ? offerDeferred(s) : afterCallState(gw, s)));
  if (call.releaseAtEnd) step(gw, s, () => emit(gw, s, 'AgentEvent_Release_Preview'));
}

/**
 * What the far end does (test control): answer or fail a ringing call, or the customer
 * hangs up. Throws when the agent has no call the action applies to.
 */
export function callAction(
  gw: SimState,
  agentId: string,
  action: CallAction,
  opts: CallActionOptions = {},
): void {
  const s = gw.sessions.get(agentId);
  // The current call; with none, the customer of a held call may still hang up.
  const call = s === undefined ? null : (live(s) ?? (action === 'customer-hangup' ? s.held : null));
  if (s === undefined || call === null || call.phase === 'ending') {
    throw new Error(`agent ${agentId} has no call`);
  }
  if (action === 'answer' || action === 'fail') {
    if (call.phase !== 'dialling') throw new Error(`call ${call.callId} is already answered`);
    if (action === 'answer') return answer(gw, s, call);
    const detect = opts.cause ?? DEFAULT_FAIL_CAUSE;
    return endCall(gw, s, call, [
      ['AgentEvent_Call_Out_Fail', call.callId],
      ['AgentEvent_Connect_Fail', call.callId],
      [
        'OUTBOUND_DETECT_EVENT',
        { callId: call.callId, detect, desc: opts.description ?? 'call failed' },
      ],
      ['AgentOther_PhoneRelease', { phoneState: 3 }],
    ]);
  }
  if (action === 'customer-hangup') {
    return endCall(gw, s, call, [
      ['AgentEvent_Customer_Release', { callid: call.callId, number: call.called }],
      ['AgentEvent_Call_Release', call.callId],
      ['AgentOther_PhoneRelease', { phoneState: 3 }],
    ]);
  }
  throw new Error(`unknown call action ${String(action)}`);
}

function live(s: Session): SimCall | null {
  return s.call !== null && s.call.phase !== 'ending' ? s.call : null;
}

/** The agent hangs up (§5.5, §9.9). */
function agentRelease(gw: SimState, s: Session, call: SimCall): Reply {
  endCall(gw, s, call, [
    ['AgentEvent_Call_Release', call.callId],
    ['AgentEvent_Customer_Release', { callid: call.callId, number: call.called }],
    ['AgentOther_PhoneRelease', { phoneState: 2 }],
  ]);
  return ok('{}');
}

/** `release` and the legacy `DELETE voicecall/{id}`: no call → `200-017`. */
export function release(ctx: AuthContext): Reply {
  const call = live(ctx.session);
  return call === null ? fail('200-017') : agentRelease(ctx.gw, ctx.session, call);
}

/** `dropcall/{callid}`: a call of that ID must exist, else `200-025`. */
export function dropCall(ctx: AuthContext): Reply {
  const call = live(ctx.session);
  if (call === null || call.callId !== ctx.params[0]) return fail('200-025');
  return agentRelease(ctx.gw, ctx.session, call);
}

/**
 * `hold` (§5.6): `AgentEvent_Hold` with the call ID. One held call is simulated: holding a
 * second → `200-014`. A held call does not prevent offers, so waiting ones are made.
 */
export function hold(ctx: AuthContext): Reply {
  const { gw, session: s } = ctx;
  const call = live(s);
  if (call === null) return fail('200-013');
  if (call.phase !== 'talking' || s.held !== null) return fail('200-014');
  call.phase = 'held';
  step(gw, s, () => {
    emit(gw, s, 'AgentEvent_Hold', call.callId);
    offerDeferred(s);
  });
  return ok('{}');
}

/**
 * `gethold?callid=` (§5.6): back to talking, `AgentEvent_Talking` again. A call held while
 * another was dialled comes back once that one has ended; meanwhile → `200-016`.
 */
export function getHold(ctx: AuthContext, callId: string | null | undefined): Reply {
  const { gw, session: s } = ctx;
  const current = live(s);
  const call = current ?? s.held;
  if (call === null || call.phase !== 'held') {
    return fail(current !== null && s.held !== null ? '200-016' : '200-015');
  }
  if (callId !== undefined && callId !== '' && callId !== call.callId) return fail('200-016');
  if (call === s.held) {
    s.held = null;
    s.call = call;
  }
  call.phase = 'talking';
  step(gw, s, () => emit(gw, s, 'AgentEvent_Talking', talkingContent(s, call)));
  return ok('{}');
}
