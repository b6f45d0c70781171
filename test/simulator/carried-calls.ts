/**
 * Calls that outlive a gateway (issue #11, gateway-protocol §2.4): the CTI platform keeps an
 * agent's call while the gateway in front of it restarts or fails over, and the agent's next
 * session finds it up (`agentstatus.isWorking`, `callinfo` with the same call id, §5.7). The
 * documents say nothing of how a real gateway presents such a call after a new sign-in; the
 * simulator makes it the session's current call, talking (or held), with agentState 7.
 */
import { STATE } from './agent-state';
import type { Session, SimState } from './state';
import type { CarriedCall } from './types';

/** `carryCall`: remember a call for the agent's next sign-in. Throws on bad input. */
export function carryCall(gw: SimState, agentId: string, call: CarriedCall): void {
  if (gw.agent(agentId) === undefined) throw new Error(`no agent ${agentId}`);
  const { callId, called, caller, callData, phase } = call;
  if (typeof callId !== 'string' || !/^[\w.-]{1,64}$/.test(callId)) {
    throw new Error('callId must be 1-64 letters, digits, dots or dashes');
  }
  if (typeof called !== 'string' || !/^[\x21-\x7e]{1,24}$/.test(called)) {
    throw new Error('called must be 1-24 printable characters');
  }
  if (caller !== undefined && (typeof caller !== 'string' || caller.length > 24)) {
    throw new Error('caller must be at most 24 characters');
  }
  if (callData !== undefined && typeof callData !== 'string') {
    throw new Error('callData must be text');
  }
  if (phase !== undefined && phase !== 'talking' && phase !== 'held') {
    throw new Error('phase must be talking or held');
  }
  gw.carried.set(agentId, {
    callId,
    caller: caller ?? '',
    called,
    callData: callData ?? '',
    phase: phase ?? 'talking',
    beginTime: Date.now(),
    releaseAtEnd: false,
  });
}

/**
 * A new session picks up the call carried for its agent, if any: it becomes the current call
 * and the agent is talking (agentState 7) whatever state the sign-in asked for.
 */
export function takeCarried(gw: SimState, s: Session): void {
  const call = gw.carried.get(s.agentId);
  if (call === undefined) return;
  gw.carried.delete(s.agentId);
  s.call = { ...call, caller: call.caller === '' ? s.phone : call.caller };
  s.setState(STATE.talking, Date.now());
}
