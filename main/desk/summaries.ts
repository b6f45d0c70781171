import type {
  ConnectionHealth,
  DeskError,
  DeskResult,
  HealthCause,
  RefusalReason,
  SignOutReason,
} from '../ipc/contract';
import type { GatewayEvent } from '../gateway/types';
import type { LoopNotice } from './poll-loop';

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
    case 'state-force-not-ready':
      return `not ready, set by a supervisor (reason ${ev.reason})`;
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
      return reason.confirmed === undefined
        ? `signed out by the gateway (${reason.retcode})`
        : `signed out by the gateway (${reason.retcode}, confirmed ${reason.confirmed.attempts} times in ${reason.confirmed.seconds} s)`;
    case 'shutdown':
      return 'the gateway ended the session (ShutdownService)';
    case 'lost':
      return `connection lost: ${reason.detail}`;
    case 'elsewhere':
      return 'this agent ID was signed in on another desk';
    case 'supervisor':
      return 'a supervisor ended the session';
    case 'not-signed-in-again': {
      const why = {
        stopped: 'stopped by the agent',
        'gave-up': 'gave up at the end of the time allowed',
        refused: 'the gateway refused the sign-in',
        'must-change-password': 'the password must be changed first',
      }[reason.end];
      const error = reason.error === null ? '' : ` (${describeError(reason.error)})`;
      return `session lost (${reason.loss}); not signed in again: ${why}${error}`;
    }
  }
}

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

/** One line for a health change: the health, its cause and the error, for the logs. */
export function describeHealth(
  health: ConnectionHealth,
  error: DeskError | null,
  cause: HealthCause | null,
): string {
  const parts: string[] = [health];
  if (cause?.kind === 'poll-overdue') {
    parts.push(`event poll unanswered past the usual hold of ${seconds(cause.usualHoldMs)}`);
  } else if (cause?.kind === 'checking-session') {
    parts.push(`checking the session after ${cause.retcode} (${cause.attempt}/${cause.attempts})`);
  }
  if (error !== null) parts.push(describeError(error));
  return parts.join(': ');
}

/** One line for a loop notice (event log and app log; never a secret). */
export function describeNotice(notice: LoopNotice): string {
  switch (notice.kind) {
    case 'poll-timeout-short':
      return (
        `idle polls timed out for ${seconds(notice.timedOutForMs)} while the gateway answered: ` +
        `the poll timeout (pollTimeoutSeconds = ${notice.pollTimeoutMs / 1000}) is shorter ` +
        `than the site's long-poll hold; raise pollTimeoutSeconds`
      );
    case 'poll-overdue':
      return `event poll unanswered for ${seconds(notice.waitedMs)} (usual hold ${seconds(notice.usualHoldMs)}): checking the link`;
    case 'poll-restarted':
      return `event poll abandoned after ${seconds(notice.waitedMs)} while the gateway answered: polling again`;
    case 'guid-recovered':
      return 'session key renewed (updateGuid) after a lost poll reply';
    case 'update-guid-refused':
      return `the gateway refuses updateGuid (${notice.retcode}): not asked again this session`;
    case 'session-confirmed':
      return `the session is alive after ${notice.retcode} (checked ${notice.attempts} time(s))`;
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
