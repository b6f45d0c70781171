import type { CallDataView, CallFailure, CallResult, CallView } from '../ipc/contract';
import type { GatewayEvent } from '../gateway/types';
import { emptyDtmf } from './dtmf';

/** Phases in which a call is still up (hang-up, DTMF and sign-out rules depend on it). */
export function isCallActive(call: CallView | null): boolean {
  return call !== null && call.phase !== 'ended' && call.phase !== 'failed';
}

/**
 * A new call view at the moment previewCallout is sent (events may beat the reply). The
 * customer's data travels with it (issue #13 §6).
 */
export function newCall(
  controlId: string | null,
  number: string,
  now: number,
  callData: CallDataView = { kind: 'empty' },
): CallView {
  return {
    callId: null,
    callData,
    controlId,
    number,
    phase: 'dialling',
    startedAt: now,
    talkingSince: null,
    endedAt: null,
    isHeld: false,
    failure: null,
    dtmf: emptyDtmf(),
    hangingUp: false,
  };
}

/** What one event did to the call. `finished` is set once, when the call ends or fails. */
export interface CallStep {
  call: CallView | null;
  finished: { result: CallResult; failure: CallFailure | null } | null;
  /** A cause arrived after the failure (OUTBOUND_DETECT_EVENT may trail, §7.2). */
  failureUpdated: boolean;
}

/**
 * The call state machine, driven by events only (design.md §2–§3): dialling →
 * agent-ringing (PhoneAlerting) → customer-ringing (Customer_Alerting) → talking
 * (Talking) ⇄ held (Hold / Talking again) → ended (Call_Release / Customer_Release), or
 * failed (Call_Out_Fail / Connect_Fail) with the cause from OUTBOUND_DETECT_EVENT, which
 * may come before or after the failure event. `pendingCause` carries a cause that came
 * first. Pure: returns new objects.
 */
export function applyCallEvent(
  call: CallView | null,
  ev: GatewayEvent,
  now: number,
  pendingCause: { cause: number | null; description: string } | null,
): CallStep & { pendingCause: { cause: number | null; description: string } | null } {
  const none = { call, finished: null, failureUpdated: false, pendingCause };
  if (call === null) return none;
  const active = isCallActive(call);
  switch (ev.kind) {
    case 'phone-alerting':
      return call.phase === 'dialling'
        ? { ...none, call: { ...call, phase: 'agent-ringing' } }
        : none;
    case 'customer-alerting':
      if (!active || call.phase === 'talking' || call.phase === 'held') return none;
      return {
        ...none,
        call: { ...call, phase: 'customer-ringing', callId: call.callId ?? ev.callId },
      };
    case 'talking':
      if (!active) return none;
      return {
        ...none,
        call: {
          ...call,
          phase: 'talking',
          isHeld: false,
          callId: call.callId ?? (ev.callId || null),
          talkingSince: call.talkingSince ?? now,
        },
      };
    case 'hold':
      return call.phase === 'talking'
        ? { ...none, call: { ...call, phase: 'held', isHeld: true } }
        : none;
    case 'call-release':
    case 'customer-release': {
      if (!active) return none;
      const result: CallResult = call.talkingSince !== null ? 'talked' : 'not-answered';
      return {
        ...none,
        call: { ...call, phase: 'ended', isHeld: false, endedAt: now, hangingUp: false },
        finished: { result, failure: null },
      };
    }
    case 'call-out-fail':
    case 'connect-fail': {
      if (!active) return none;
      const failure: CallFailure = {
        cause: pendingCause?.cause ?? null,
        description: pendingCause?.description ?? '',
        event: ev.kind,
      };
      return {
        call: { ...call, phase: 'failed', isHeld: false, endedAt: now, failure, hangingUp: false },
        finished: { result: 'failed', failure },
        failureUpdated: false,
        pendingCause: null,
      };
    }
    case 'outbound-detect': {
      const detected = { cause: ev.cause, description: ev.description };
      if (active) return { ...none, pendingCause: detected };
      if (call.phase !== 'failed' || call.failure === null) return none;
      const failure: CallFailure = { ...call.failure, ...detected };
      return {
        call: { ...call, failure },
        finished: null,
        failureUpdated: true,
        pendingCause: null,
      };
    }
    default:
      return none;
  }
}
