/**
 * The response envelope (§1.4) and the `result` readers of the interfaces that return data
 * (§3.1 sign-in, §3.8 agent status, §5.1 call id, §5.7 call info).
 */
import { ENVELOPE_HTTP_STATUS } from './assumptions';
import { fromEnvelope, toGatewayError } from './errors';
import { asRecord, bool, num, pick, text } from './fields';
import { parseJsonLossless, JsonSyntaxError } from './json';
import type { HttpReply } from './http';
import type { AgentStatusInfo, CallInfo, GatewayError, Result, SignInInfo } from './types';

/** A decoded envelope whose retcode was `"0"`: the whole object, `result` included. */
export type Envelope = Record<string, unknown>;

/**
 * Reads an HTTP reply as an envelope: non-200 → `http`; not JSON or no `retcode` →
 * `bad-response`; retcode ≠ "0" → `gateway`/`signed-out`. `retcode` is documented as a
 * string; a number is accepted too. The message is `message` or, on older pages, `msg`.
 */
export function readEnvelope(reply: HttpReply): Result<Envelope, GatewayError> {
  if (reply.status !== ENVELOPE_HTTP_STATUS) {
    return { ok: false, error: { kind: 'http', status: reply.status } };
  }
  let body: unknown;
  try {
    body = parseJsonLossless(reply.body);
  } catch (err) {
    if (err instanceof JsonSyntaxError) return { ok: false, error: toGatewayError(err) };
    throw err;
  }
  const envelope = asRecord(body);
  const rawCode = envelope?.['retcode'];
  if (envelope === null || (typeof rawCode !== 'string' && typeof rawCode !== 'number')) {
    return {
      ok: false,
      error: { kind: 'bad-response', detail: 'reply is not a gateway envelope' },
    };
  }
  const retcode = String(rawCode).trim();
  if (retcode === '0') return { ok: true, value: envelope };
  const message = text(pick(envelope, 'message', 'msg'));
  return { ok: false, error: fromEnvelope(retcode, message) };
}

/** §3.1: the sign-in `result`; missing fields read as empty (the page's types are loose). */
export function readSignInInfo(envelope: Envelope): SignInInfo {
  const r = asRecord(envelope['result']);
  return {
    vdnId: text(pick(r, 'vdnid', 'vdnId')),
    workNo: text(pick(r, 'workno', 'workNo')),
    mediaType: text(pick(r, 'mediatype', 'mediaType')),
    loginTime: text(pick(r, 'loginTime', 'logintime')),
    isForceChange: bool(pick(r, 'isForceChange')) ?? false,
    serverName: text(pick(r, 'serverName', 'servername')),
    timeRemaining: text(pick(r, 'timeRemaining', 'timeremaining')),
  };
}

/** §3.8: `{agentState, isWorking}`; both required, either form (number or text). */
export function readAgentStatus(envelope: Envelope): Result<AgentStatusInfo, GatewayError> {
  const r = asRecord(envelope['result']);
  const agentState = num(pick(r, 'agentState', 'agentstate'));
  const isWorking = bool(pick(r, 'isWorking', 'isworking'));
  if (agentState === null || isWorking === null) {
    return { ok: false, error: { kind: 'bad-response', detail: 'agentstatus result incomplete' } };
  }
  return { ok: true, value: { agentState, isWorking } };
}

/**
 * §5.1: the new call's id, a string (a number is accepted as its text). retcode `"0"` is
 * success whatever `result` holds [assumption: hardening]: with no id the call still started,
 * and its id comes from the `Customer_Alerting` / `Talking` events that follow.
 */
export function readCallId(envelope: Envelope): Result<{ callId: string | null }, GatewayError> {
  const callId = text(envelope['result']).trim();
  return { ok: true, value: { callId: callId.length === 0 ? null : callId } };
}

/** §3.7: `updateGuid` answers `result {guid}`; a reply without one is not a Guid. */
export function readUpdatedGuid(envelope: Envelope): Result<string, GatewayError> {
  const guid = text(pick(asRecord(envelope['result']), 'guid', 'GUID', 'Guid')).trim();
  if (guid.length === 0) {
    return { ok: false, error: { kind: 'bad-response', detail: 'updateGuid gave no guid' } };
  }
  return { ok: true, value: guid };
}

/** §5.7: the current call, or null when the result is absent, empty or has no call id. */
export function readCallInfo(envelope: Envelope): CallInfo | null {
  const r = asRecord(envelope['result']);
  const callId = text(pick(r, 'callid', 'callId'));
  if (r === null || callId.length === 0) return null;
  return {
    callId,
    caller: text(pick(r, 'caller')),
    called: text(pick(r, 'called')),
    callFeature: num(pick(r, 'callfeature', 'callFeature')),
    beginTime: num(pick(r, 'begintime', 'beginTime')),
    callData: text(pick(r, 'calldata', 'callData')),
  };
}
