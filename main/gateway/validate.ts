/**
 * Input checks done before anything is sent (§1.1, §3.1, §3.6, §5.1, §5.3): a request the
 * gateway would refuse, or that could be misread on the wire, never leaves the desk.
 */
import {
  AGENT_ID_MAX,
  AGENT_ID_MIN,
  BUSY_REASON_MAX,
  BUSY_REASON_MIN,
  CALLED_MAX_LENGTH,
  CONTROL_ID_PATTERN,
  DTMF_PATTERN,
  PASSWORD_MAX_LENGTH,
  PHONE_MAX_LENGTH,
  REST_CAUSE_MAX,
  REST_SECONDS_MAX,
  REST_SECONDS_MIN,
} from './assumptions';
import type { GatewayError, GatewaySignIn } from './types';

/** `null` when valid, else the `invalid-request` error to return. */
export type Check = Extract<GatewayError, { kind: 'invalid-request' }> | null;

function invalid(detail: string): Check {
  return { kind: 'invalid-request', detail };
}

/** §1.1: a string of digits, 101–999999 (no sign, no leading zero). */
export function checkAgentId(agentId: string): Check {
  if (!/^[1-9]\d{2,5}$/.test(agentId)) return invalid('agent ID must be digits 101–999999');
  const n = Number(agentId);
  if (n < AGENT_ID_MIN || n > AGENT_ID_MAX) return invalid('agent ID must be 101–999999');
  return null;
}

/** §3.1: password 1–32 characters, phone 1–24 characters, and the session's own agent. */
export function checkSignIn(req: GatewaySignIn, sessionAgentId: string): Check {
  const id = checkAgentId(req.agentId);
  if (id) return id;
  if (req.agentId !== sessionAgentId) return invalid('agent ID differs from the session');
  if (req.password.length === 0 || req.password.length > PASSWORD_MAX_LENGTH) {
    return invalid(`password must be 1–${PASSWORD_MAX_LENGTH} characters`);
  }
  if (req.phone.trim().length === 0 || req.phone.length > PHONE_MAX_LENGTH) {
    return invalid(`phone must be 1–${PHONE_MAX_LENGTH} characters`);
  }
  return null;
}

/** §5.1: the exact digits of a Java long; checked before it goes into a body. */
export function checkControlId(controlId: string): Check {
  return CONTROL_ID_PATTERN.test(controlId) ? null : invalid('control ID must be 1–19 digits');
}

/** §5.1, §7.1: one number from the preview, 1–24 characters, no separator or space. */
export function checkCalled(called: string): Check {
  if (called.length === 0 || called.length > CALLED_MAX_LENGTH || /[\s,]/.test(called)) {
    return invalid(`called number must be 1–${CALLED_MAX_LENGTH} characters without spaces`);
  }
  return null;
}

/** §5.3: 1–24 characters, each a digit, `*` or `#`. */
export function checkDigits(digits: string): Check {
  return DTMF_PATTERN.test(digits) ? null : invalid('digits must be 1–24 of 0-9 * #');
}

/** §3.6: busy reason 200–250 (0 = no reason). */
export function checkBusyReason(reason: number): Check {
  if (reason === 0) return null;
  if (!Number.isInteger(reason) || reason < BUSY_REASON_MIN || reason > BUSY_REASON_MAX) {
    return invalid(`busy reason must be ${BUSY_REASON_MIN}–${BUSY_REASON_MAX}`);
  }
  return null;
}

/** §3.6: rest 1–86399 seconds, cause 0–255. */
export function checkRest(seconds: number, cause: number): Check {
  if (!Number.isInteger(seconds) || seconds < REST_SECONDS_MIN || seconds > REST_SECONDS_MAX) {
    return invalid(`rest must be ${REST_SECONDS_MIN}–${REST_SECONDS_MAX} seconds`);
  }
  if (!Number.isInteger(cause) || cause < 0 || cause > REST_CAUSE_MAX) {
    return invalid(`rest cause must be 0–${REST_CAUSE_MAX}`);
  }
  return null;
}

/** §5.6: a call id for `gethold`, as the gateway formats them (`1455885056-1095`). */
export function checkCallId(callId: string): Check {
  return /^[0-9A-Za-z_.-]{1,64}$/.test(callId) ? null : invalid('call ID is malformed');
}
