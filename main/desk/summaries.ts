import type { DeskError, DeskResult, RefusalReason, SignOutReason } from '../ipc/contract';
import type { GatewayEvent } from '../gateway/types';

/**
 * One redacted line per event for the event log: no Guid (events never carry it), no
 * callData (customer data stays on the card), no digits typed by the agent.
 */
export function summarizeEvent(ev: GatewayEvent): string {
  switch (ev.kind) {
    case 'preview-offered':
      return `preview ${ev.controlId}: ${ev.numbers.length} number(s), ${ev.callData.length} chars of call data`;
    case 'customer-alerting':
      return `call ${ev.callId} customer ringing`;
    case 'talking':
      return `call ${ev.callId} talking`;
    case 'call-out-fail':
    case 'connect-fail':
    case 'inside-call-fail':
    case 'call-release':
    case 'hold':
      return `call ${ev.callId}`;
    case 'customer-release':
      return `call ${ev.callId} customer left`;
    case 'outbound-detect':
      return `call ${ev.callId} cause ${ev.cause ?? '?'} ${ev.description}`;
    case 'state-not-ready':
    case 'state-rest':
      return ev.reason === null ? ev.kind : `${ev.kind} reason ${ev.reason}`;
    case 'phone-release':
      return `phone state ${ev.phoneState ?? '?'}`;
    case 'unknown':
      return 'event not known to this desk (kept)';
    default:
      return ev.kind;
  }
}

/** A short, secret-free description of a desk error for logs. */
export function describeError(error: DeskError): string {
  switch (error.kind) {
    case 'network':
    case 'tls':
      return `${error.kind} ${error.code}`;
    case 'timeout':
      return `timeout (${error.phase})`;
    case 'http':
      return `HTTP ${error.status}`;
    case 'gateway':
    case 'signed-out':
      return `${error.kind} ${error.retcode}`;
    case 'bad-response':
    case 'invalid-request':
      return `${error.kind}: ${error.detail}`;
    case 'refused':
      return `refused: ${error.reason}`;
    case 'already-signed-in':
      return 'already signed in elsewhere';
    case 'internal':
      return `internal${error.detail === undefined ? '' : `: ${error.detail}`}`;
  }
}

/** Why a session ended, in one line for logs. */
export function describeReason(reason: SignOutReason): string {
  switch (reason.kind) {
    case 'agent':
      return 'signed out by the agent';
    case 'kicked':
      return `signed out by the gateway (${reason.retcode})`;
    case 'shutdown':
      return 'the gateway ended the session (ShutdownService)';
    case 'lost':
      return `connection lost: ${reason.detail}`;
  }
}

/** A command the desk refused without asking the gateway. */
export function refused(reason: RefusalReason, detail?: string): DeskResult<never> {
  return {
    ok: false,
    error: detail === undefined ? { kind: 'refused', reason } : { kind: 'refused', reason, detail },
  };
}

/** Something threw that never should: an `internal` error, with what it said. */
export function failed(err: unknown): DeskResult<never> {
  return { ok: false, error: { kind: 'internal', detail: String(err) } };
}
