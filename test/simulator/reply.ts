/**
 * Replies of the simulated gateway. Every routed request is answered HTTP 200 with the
 * §1.4 envelope, business errors included (gateway-protocol.md §1.4, §10.2).
 */

/** What a handler answers; the server writes it. */
export interface Reply {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
  /** A success envelope: the JSON text after `"retcode":"0"`, so its message can be replaced. */
  success?: { tail: string };
}

const JSON_TYPE = 'application/json;charset=UTF-8';

/** A gateway retcode: `0` or `NNN-NNN` (§8). */
export const RETCODE = /^(0|\d{3}-\d{3})$/;

/** English texts for the retcodes the simulator returns (§8). */
const MESSAGES: Record<string, string> = {
  '000-001': 'wrong method for getting agent events',
  '000-002': 'parameter or address in the URL is wrong',
  '000-003': 'no right to call the interface',
  '100-001': 'sign-in parameters are empty or invalid',
  '100-002': 'the agent has signed in',
  '100-004': 'wrong user name or password',
  '100-005': 'sign-out parameters are invalid',
  '100-006': 'the agent has not signed in',
  '100-007': 'exception while performing the operation',
  '100-008': 'the agent has signed out',
  '100-009': 'failed to set the agent state',
  '100-010': 'state error during sign-out',
  '100-011': 'invalid parameter at sign-in',
  '100-012': 'wrong agent type',
  '100-013': 'the phone number to bind is invalid',
  '100-015': 'the agent has signed in and may not be forced out',
  '100-021': 'the agent is signing in, do not repeat',
  '200-001': 'the number dialled is wrong',
  '200-013': 'no call to hold',
  '200-014': 'the call state does not allow hold',
  '200-015': 'no held call to retrieve',
  '200-016': 'the call state does not allow unhold',
  '200-017': 'no call can be droped',
  '200-025': 'no call can be droped',
  // Listed on the preview page without a meaning; assumed "preview no longer valid" (§10.1).
  '200-036': 'the preview is no longer valid',
};

/** A raw JSON reply with status 200. */
export function jsonReply(body: string, headers: Record<string, string | string[]> = {}): Reply {
  return { status: 200, headers: { 'Content-Type': JSON_TYPE, ...headers }, body };
}

/**
 * A success envelope whose members after `retcode` are the JSON text `tail` (e.g.
 * `,"result":{}`). The documentation's examples carry `"message": ""` on success (§1.4,
 * §5.1, §3.8); seconddialex and the push-mode heartbeat show `"success"`.
 */
export function success(tail: string, message = ''): Reply {
  return {
    ...jsonReply(`{"message":${JSON.stringify(message)},"retcode":"0"${tail}}`),
    success: { tail },
  };
}

/**
 * Success envelope. `resultJson` is JSON *text* (so exact numbers survive); omitted → no
 * `result` key.
 */
export function ok(resultJson?: string, message = ''): Reply {
  return success(resultJson === undefined ? '' : `,"result":${resultJson}`, message);
}

/** The same success reply with another `message` (the `successMessage` option). */
export function withMessage(reply: Reply, message: string): Reply {
  if (reply.success === undefined) return reply;
  const again = success(reply.success.tail, message);
  return { ...reply, body: again.body };
}

/** Failure envelope, still HTTP 200 (§1.4 assumption). */
export function fail(retcode: string): Reply {
  const message = MESSAGES[retcode] ?? 'error';
  return jsonReply(JSON.stringify({ message, retcode }));
}

/** Control API reply (`/__sim`): plain JSON with a real status code. */
export function controlReply(status: number, value: unknown): Reply {
  return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) };
}
